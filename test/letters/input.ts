// The letter input the letter tests start from: a first or second letter to Erika Mustermann.
import company from '../fixtures/letters/company.json';
import type { LetterKind } from '../../core';

export const LINK = 'https://n8n.example/form/bem-reply?token=r1.QzE.2027-01-31.sig&lang=de';

export function letterInput(
	kind: LetterKind,
	language: 'de' | 'en',
	extra: Record<string, unknown> = {},
) {
	return {
		kind,
		language,
		caseId: 'case-7f3a',
		employee: {
			name: 'Erika Mustermann',
			lastName: 'Mustermann',
			salutation: 'Frau',
			address: ['Lindenweg 3', '34119 Kassel'],
		},
		reachedOn: '2026-11-20',
		reason: 'cumulative',
		sentOn: kind === 'first' ? '2026-12-11' : '2026-12-29',
		...(kind === 'second' ? { firstLetterDate: '2026-12-11' } : {}),
		replyLink: LINK,
		company,
		...extra,
	};
}

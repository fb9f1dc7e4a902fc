// Issue 15, "What HR meets in the first hour": the letter's participants sentence, salutation, reference,
// non-breaking spaces, short reply link with QR code and page layout, as a new HR user reads them.
import company from '../fixtures/letters/company.json';
import { composeLetter, LetterInputError, renderLetter, SECTION_KEYS } from '../../core';
import { letterInput } from './input';
import { pdfStreamTexts, pdfText } from './pdfText';
import { qrOfHtml, qrOfPdf } from './qrDecode';

/** the letter's text with every kind of space as one plain space */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the participants sentence', () => {
	const withParticipants = (language: 'de' | 'en', employerParticipants: unknown) =>
		flat(
			composeLetter(
				letterInput('first', language, { company: { ...company, employerParticipants } }),
			).text,
		);

	it('names the contact person in the singular by default', () => {
		expect(flat(composeLetter(letterInput('first', 'de')).text)).toContain(
			'Am BEM nimmt neben Ihnen Jana Beispiel als Ansprechperson des Arbeitgebers teil.',
		);
		expect(flat(composeLetter(letterInput('first', 'en')).text)).toContain(
			"Besides you, Jana Beispiel as the employer's contact person takes part.",
		);
	});

	it('takes the employer participants from the company setting, singular or plural', () => {
		expect(withParticipants('de', ['die BEM-Beauftragte'])).toContain(
			'Am BEM nimmt neben Ihnen die BEM-Beauftragte teil.',
		);
		expect(withParticipants('de', ['die BEM-Beauftragte', 'der Betriebsrat'])).toContain(
			'Am BEM nehmen neben Ihnen die BEM-Beauftragte und der Betriebsrat teil.',
		);
		expect(
			withParticipants('de', 'die BEM-Beauftragte; die Personalleitung\nder Betriebsrat'),
		).toContain(
			'Am BEM nehmen neben Ihnen die BEM-Beauftragte, die Personalleitung und der Betriebsrat teil.',
		);
		expect(withParticipants('en', ['the BEM officer'])).toContain(
			'Besides you, the BEM officer takes part.',
		);
		expect(withParticipants('en', ['the BEM officer', 'the works council'])).toContain(
			'Besides you, the BEM officer and the works council take part.',
		);
	});

	it('refuses a bad setting naming the field, never its value', () => {
		for (const bad of [[], [''], 42, Array.from({ length: 7 }, (_, i) => `Person ${i}`)]) {
			const run = () =>
				composeLetter(
					letterInput('first', 'de', { company: { ...company, employerParticipants: bad } }),
				);
			expect(run).toThrow(LetterInputError);
			expect(run).toThrow(/company\.employerParticipants/);
		}
	});
});

describe('the Aktenzeichen', () => {
	it('is the case reference when given (text, PDF), else the case id', async () => {
		const withRef = await renderLetter(letterInput('first', 'de', { reference: 'BEM-2026-0042' }));
		expect(withRef.reference).toBe('Aktenzeichen: BEM-2026-0042');
		expect(pdfText(withRef.pdf!)).toContain('Aktenzeichen: BEM-2026-0042');
		expect(pdfText(withRef.pdf!)).not.toContain('case-7f3a');
		const en = composeLetter(letterInput('first', 'en', { reference: 'BEM-2026-0042' }));
		expect(en.reference).toBe('Reference: BEM-2026-0042');
		expect(composeLetter(letterInput('first', 'de')).reference).toBe('Aktenzeichen: case-7f3a');
	});
});

describe('non-breaking spaces in legal citations', () => {
	const NB = '\u00a0';
	// the citation at every offset of a line: a plain space would break inside it somewhere
	const filler = Array.from(
		{ length: 40 },
		(_, k) => `Nach ${'x'.repeat(k + 1)} § 167 Abs. 2 SGB IX und Art. 6 Abs. 1 lit. a DSGVO gilt.`,
	).join(' ');
	const input = letterInput('first', 'de', {
		template: { sections: { worksAgreement: { heading: 'Betriebsvereinbarung', text: filler } } },
	});

	it('binds "§ 167 Abs. 2 SGB IX", "Art. 13 DSGVO", "lit. a" in text and HTML, the wording only', async () => {
		const letter = await renderLetter(input);
		expect(letter.subject).toContain(`§${NB}167${NB}Abs.${NB}2${NB}SGB${NB}IX`);
		expect(letter.text).toContain(`Art.${NB}13${NB}DSGVO`);
		expect(letter.text).toContain(`Art.${NB}6${NB}Abs.${NB}1${NB}lit.${NB}c${NB}DSGVO`);
		expect(letter.text).not.toMatch(/§ \d|Abs\. \d|Art\. \d|SGB IX|\d DSGVO/);
		expect(letter.html).toContain('§&nbsp;167&nbsp;Abs.&nbsp;2&nbsp;SGB&nbsp;IX');
		expect(letter.html).not.toContain(NB);
		// names and other values are printed as given
		expect(letter.text).toContain('Sehr geehrte Frau Mustermann,');
		expect(letter.text).toContain('Telefon 0561 1234-56');
		const en = composeLetter(letterInput('first', 'en'));
		expect(en.subject).toContain(`§${NB}167(2)${NB}SGB${NB}IX`);
		expect(en.text).toContain(`Art.${NB}13${NB}GDPR`);
	});

	it('never breaks a PDF line inside a citation', async () => {
		const printed = pdfText((await renderLetter(input)).pdf!);
		const lines = printed.split('\n');
		expect(
			lines.filter((l) => l.includes(`§${NB}167${NB}Abs.${NB}2${NB}SGB${NB}IX`)).length,
		).toBeGreaterThan(30);
		for (const l of lines) {
			expect(l).not.toMatch(/(§|Abs\.|Art\.|lit\.|SGB)\s*$/u);
			expect(l).not.toMatch(
				/^\s*(IX|DSGVO|Abs\.|SGB|lit\.|[a-z]\u00a0DSGVO|\d+\u00a0(Abs|SGB|DSGVO))/u,
			);
		}
	});
});

describe('the reply link: short, and as a QR code', () => {
	const link =
		'https://n8n.example/form/bem-reply?token=UePSLLLaJZJ-zzXnToV1l1vFRi7BMHAagBf4qguNJkyq';

	it.each(['de', 'en'] as const)(
		'%s: the HTML and the PDF carry a QR code that reads as the link',
		async (language) => {
			const letter = await renderLetter(letterInput('first', language, { replyLink: link }));
			expect(letter.text).toContain(link);
			expect(qrOfHtml(letter.html)).toBe(link);
			expect(letter.html).toMatch(/<svg[^>]+aria-label="QR[- ]/);
			expect(qrOfPdf(letter.pdf!)).toEqual([link]);
			// the plain text has the link only
			expect(letter.text).not.toMatch(/<svg|QR-Code mit/);
		},
	);

	it('a letter without a reply link (a company wording without it) has no QR code', async () => {
		const letter = await renderLetter(
			letterInput('first', 'de', {
				replyLink: '',
				template: {
					sections: {
						reply: {
							text: 'Bitte antworten Sie bis zum {{replyDueOn}} schriftlich oder telefonisch.',
						},
					},
				},
			}),
		);
		expect(letter.html).not.toContain('<svg');
		expect(qrOfPdf(letter.pdf!)).toEqual([]);
	});
});

describe('the end of the letter', () => {
	// a company section just before the last one (the contact person)
	const ORDER = [...SECTION_KEYS.filter((k) => k !== 'contact'), 'worksAgreement', 'contact'];
	// a works-agreement section of growing length moves the end of the letter over every point of a page
	const withFiller = (sentences: number) =>
		letterInput('first', 'de', {
			template: {
				order: ORDER,
				sections: {
					worksAgreement: {
						heading: 'Betriebsvereinbarung',
						text: Array.from(
							{ length: sentences },
							(_, i) => `Satz ${i + 1} der Vereinbarung.`,
						).join(' '),
					},
				},
			},
		});

	it('never leaves the closing alone on a page: the last section goes with it', async () => {
		const pageCounts = new Set<number>();
		for (let sentences = 1; sentences <= 150; sentences += 3) {
			const pages = pdfStreamTexts((await renderLetter(withFiller(sentences))).pdf!);
			pageCounts.add(pages.length);
			const last = pages.filter((p) => p.includes('Mit freundlichen Grüßen'));
			expect(last).toHaveLength(1);
			// the last section (its heading and its text) shares the page with the closing and signature
			expect(last[0]).toContain('Ihre Ansprechperson');
			expect(last[0]).toContain('Informationsgespräch');
			expect(last[0]).toContain('Jana Beispiel');
		}
		// the letters ran over three and four pages
		expect([...pageCounts].sort()).toEqual([3, 4]);
	});
});

// Names from outside Germany in the letter (issue 13, item 12): the PDF embeds DejaVu Sans, so Polish,
// Turkish, Vietnamese, Greek, Cyrillic and Arabic names print as written (read back through the PDF's
// own ToUnicode maps: every glyph maps to the character it shows); CJK, which no shipped font covers,
// is refused naming the field and the script (never the name); bidi overrides and control characters
// are stripped from every letter text.
import * as fs from 'fs';
import * as path from 'path';

import company from '../fixtures/letters/company.json';
import { LetterInputError, renderLetter } from '../../core';
import { pdfFonts, pdfText } from '../letters/pdfText';

const NAMES = [
	['Łukasz Wąsowski', 'Wąsowski'],
	['Şükrü Öğüt', 'Öğüt'],
	['Nguyễn Thị Hồng', 'Nguyễn'],
	['Αλέξανδρος Παπαδόπουλος', 'Παπαδόπουλος'],
	['Дмитрий Шостакович', 'Шостакович'],
	['محمد بن علي', 'علي'],
] as const;

function letter(name: string, lastName: string, extra: Record<string, unknown> = {}) {
	return {
		kind: 'first',
		language: 'de',
		caseId: 'case-7f3a',
		employee: { name, lastName, salutation: 'Herr', address: ['Lindenweg 3', '34119 Kassel'] },
		reachedOn: '2026-11-20',
		reason: 'cumulative',
		sentOn: '2026-12-11',
		replyLink: 'https://n8n.example/form/bem-reply?token=t',
		company,
		...extra,
	};
}

/** right-to-left text as the PDF holds it: glyphs in visual order, so a word reads reversed */
const visual = (text: string) =>
	/[\u0600-\u06ff]/.test(text)
		? text
				.split(' ')
				.reverse()
				.map((w) => [...w].reverse().join(''))
				.join(' ')
		: text;

/** the PDF's text with the pieces of a line joined (a right-to-left run is a piece of its own) */
const flat = (pdf: Buffer) =>
	pdfText(pdf)
		.replace(/\n/g, '')
		.replace(/\u00a0/g, ' ');

describe('letters to names outside the PDF standard fonts', () => {
	it.each(NAMES)(
		'prints %s as written, in the address and the greeting',
		async (name, lastName) => {
			const rendered = await renderLetter(letter(name, lastName));
			const printed = flat(rendered.pdf!);
			expect(printed).not.toContain('\ufffd');
			expect(printed).toContain(visual(name));
			expect(printed).toContain(`Sehr geehrter Herr ${visual(lastName)}`);
			// the text letter carries the name as it is
			expect(rendered.text).toContain(`Sehr geehrter Herr ${lastName}`);
			// every font is embedded (no viewer substitutes a font without these letters)
			for (const font of pdfFonts(rendered.pdf!).values())
				expect(font.baseFont).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
			if (process.env.BEM_LETTER_PNG_DIR)
				fs.writeFileSync(
					path.join(process.env.BEM_LETTER_PNG_DIR, `${lastName}.pdf`),
					rendered.pdf!,
				);
		},
	);

	it('keeps the spaces and word order around a right-to-left name in a left-to-right line', async () => {
		const rendered = await renderLetter(letter('Nguyễn محمد بن علي Ali', 'Ali'));
		expect(flat(rendered.pdf!)).toContain('Nguyễn يلع نب دمحم Ali');
	});

	it.each([
		['王小明', 'employee.name', 'Han script'],
		['김민준', 'employee.name', 'Hangul script'],
		['さくら', 'employee.name', 'Hiragana script'],
	])(
		'refuses %s for the PDF, naming the field and the script, not the name',
		async (name, field, script) => {
			const error = await renderLetter(letter(name, name)).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeInstanceOf(LetterInputError);
			expect((error as LetterInputError).field).toBe(field);
			expect((error as Error).message).toContain(`${field} contains ${script} characters`);
			expect((error as Error).message).not.toContain(name);
			// without the PDF the letter goes out (text and HTML carry the name)
			const plain = await renderLetter(letter(name, name), { pdf: false });
			expect(plain.text).toContain(`Sehr geehrter Herr ${name}`);
		},
	);

	it('names the field of an unprintable address line or company text too', async () => {
		const error = await renderLetter(
			letter('Erika Mustermann', 'Mustermann', {
				employee: { name: 'Erika Mustermann', address: ['東京都港区 1-2-3', '34119 Kassel'] },
			}),
		).catch((e: Error) => e);
		expect((error as LetterInputError).field).toBe('employee.address.0');
	});

	it('strips bidi overrides and control characters from every letter text', async () => {
		// U+202E shows "Mustermann‮nnamretsuM" reversed; U+200F, U+2066–U+2069 reorder; NUL, BEL, ESC hide
		const hostile = 'Erika\u202e Mustermann\u202c\u200f\u2066\u2069\u0000\u0007\u001b[31m';
		const rendered = await renderLetter(
			letter(hostile, 'Muster\u202emann', {
				employee: {
					name: hostile,
					lastName: 'Muster\u202emann',
					salutation: 'Herr',
					address: ['Lindenweg\u2067 3\u2069', '34119\u00ad Kassel\u0085'],
				},
			}),
		);
		for (const text of [rendered.text, rendered.html, pdfText(rendered.pdf!)]) {
			expect(text).not.toMatch(
				/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
			);
		}
		expect(rendered.text).toContain('Sehr geehrter Herr Mustermann');
		expect(pdfText(rendered.pdf!)).toContain('Erika Mustermann[31m\nLindenweg 3\n34119 Kassel');
	});
});

// a page to look at: BEM_LETTER_PNG_DIR=/tmp/x npx jest test/hostile/letterNames.test.ts, then
// pdftoppm -png -r 100 -f 1 -l 1 /tmp/x/<name>.pdf /tmp/x/<name>

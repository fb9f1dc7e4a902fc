// Issue 15, "What HR meets in the first hour": the letter's participants sentence, salutation, reference,
// non-breaking spaces, short reply link with QR code and page layout, as a new HR user reads them.
import company from '../fixtures/letters/company.json';
import { composeLetter, LetterInputError, renderLetter } from '../../core';
import { letterInput } from './input';
import { pdfText } from './pdfText';

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

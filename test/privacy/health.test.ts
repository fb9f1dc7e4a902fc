// The health guard (core/privacy) both ways: diagnoses and conditions in German and English, inside German
// compounds and as ICD-10 codes are caught; the ordinary words of BEM letters and HR notes, words that
// merely contain a health word's letters, and surnames in name fields are not.
import {
	HealthDetailError,
	assertNoHealthDetail,
	composeLetter,
	defaultTemplate,
	looksLikeHealthDetail,
} from '../../core';
import company from '../fixtures/letters/company.json';
import { sqliteBackend } from '../store/backends';

const CAUGHT = [
	// German conditions, alone and in compounds
	'Depression',
	'depressive Episode',
	'Burnout',
	'Burn-out-Syndrom',
	'Bandscheibe',
	'Bandscheibenvorfall',
	'Krebs',
	'hat Krebs',
	'Brustkrebs',
	'Lungenkrebs',
	'Krebserkrankung',
	'Herzinfarkt',
	'Sucht',
	'Suchtberatung',
	'Alkoholsucht',
	'Spielsucht',
	'alkoholabhängig',
	'Alkohol am Arbeitsplatz',
	'medikamentenabhängig',
	'süchtig',
	'Schlaganfall',
	'Diabetes',
	'Diabetiker',
	'Angststörung',
	'Essstörung',
	'Panikattacken',
	'Psychose',
	'Schizophrenie',
	'PTBS',
	'Migräne',
	'Tumor',
	'Multiple Sklerose',
	'Rheuma',
	'Bluthochdruck',
	'Long Covid',
	// English
	'depression',
	'burn out',
	'cancer',
	'heart attack',
	'stroke',
	'diabetes',
	'anxiety disorder',
	'panic attack',
	'alcoholism',
	'addiction',
	'slipped disc',
	'PTSD',
	// ICD-10 codes with their decimal part, also with a German certainty suffix
	'F32.1',
	'M51.2',
	'J06.9',
	'AU wegen F43.2G',
	'ICD F32',
	// the words the guard knew before
	'Diagnose',
	'Befund',
	'Symptome',
	'Therapie',
];

const ORDINARY = [
	// the wording of BEM letters and HR steps
	'Betriebliches Eingliederungsmanagement',
	'arbeitsunfähig',
	'Arbeitsunfähigkeit',
	'Krankmeldung',
	'stufenweise Wiedereingliederung',
	'medizinische Reha',
	'Betriebsarzt',
	'Schwerbehindertenvertretung',
	'Integrationsamt',
	'offener, gemeinsamer Suchprozess',
	'Gesundheitsschutz am Arbeitsplatz',
	'Gefährdungsbeurteilung',
	'Arbeitszeit angepasst',
	// the verb "suchen" and words that contain a health word's letters
	'Wir suchen gemeinsam nach Lösungen',
	'Die Personalabteilung sucht einen Termin',
	'Sie hat uns besucht',
	'Wir haben versucht, Sie zu erreichen',
	'Der Arbeitsplatz wurde untersucht',
	'Krebsgasse 3',
	'Am Krebsbach 12',
	'Betriebsstörung',
	'Kassel',
	'Humor',
	'keystroke',
	// the surname Krebs after a first name or title, in running text
	'Kerstin Krebs',
	'Gespräch mit Frau Krebs',
	'Herrn Krebs angerufen',
	'Dr. Krebs',
	// English HR words
	'return to work',
	'occupational health',
	'sick leave',
	'incapacity for work',
	'works council',
	// codes and numbers that are no ICD-10 code
	'A12',
	'Haus B12',
	'Version 2.1',
	'Rechnung 2026.12',
	'A12.2026',
];

describe('health guard', () => {
	it.each(CAUGHT)('catches %j', (text) => {
		expect(looksLikeHealthDetail(text)).toBe(true);
	});

	it.each(ORDINARY)('lets %j pass', (text) => {
		expect(looksLikeHealthDetail(text)).toBe(false);
	});

	it('takes "Krebs" for a name in a name field, and for the disease everywhere else', () => {
		for (const employee of [
			{ name: 'Kerstin Krebs', lastName: 'Krebs' },
			{ name: 'Krebs, Kerstin' },
			{ address: ['c/o Krebs', 'Lindenweg 3', '34119 Kassel'] },
		])
			expect(() => assertNoHealthDetail({ employee }, '')).not.toThrow();
		expect(() =>
			assertNoHealthDetail({ company: { name: 'Krebs & Söhne GmbH' } }, ''),
		).not.toThrow();
		expect(() => assertNoHealthDetail({ note: 'Krebs' }, '')).toThrow(HealthDetailError);
		// compounds are the disease even in a name field
		expect(() => assertNoHealthDetail({ lastName: 'Brustkrebs' }, '')).toThrow(HealthDetailError);
	});

	it('refuses health words in keys, naming the field and never the value', () => {
		for (const key of ['burnoutRisk', 'depression', 'suchtStatus', 'krebsDiagnose', 'icd10']) {
			const error = (() => {
				try {
					assertNoHealthDetail({ employee: { [key]: 'secret-value' } }, '');
				} catch (e) {
					return e as HealthDetailError;
				}
				throw new Error(`${key} accepted`);
			})();
			expect(error).toBeInstanceOf(HealthDetailError);
			expect(error.field).toBe(`employee.${key}`);
			expect(error.message).not.toContain('secret-value');
		}
		for (const key of ['besuchtAm', 'versuchtAm', 'lastName', 'reachedOn', 'employeeId'])
			expect(() => assertNoHealthDetail({ [key]: 'x' }, '')).not.toThrow();
	});

	it('passes every shipped letter template and a letter to Ms Krebs', () => {
		for (const kind of ['first', 'second'] as const)
			for (const language of ['de', 'en'] as const) {
				const t = defaultTemplate(kind, language);
				for (const text of [t.subject, t.greeting, t.closing, ...t.sections.map((s) => s.text)])
					expect(looksLikeHealthDetail(text)).toBe(false);
			}
		const letter = composeLetter({
			kind: 'first',
			language: 'de',
			caseId: 'case-1',
			employee: {
				name: 'Kerstin Krebs',
				lastName: 'Krebs',
				salutation: 'Frau',
				address: ['Krebsgasse 3', '34119 Kassel'],
			},
			reachedOn: '2026-11-20',
			sentOn: '2026-12-11',
			replyLink: 'https://n8n.example/form/bem-reply?token=t',
			company,
		});
		expect(letter.text).toContain('Sehr geehrte Frau Krebs,');
	});
});

describe('health guard at the BEM store', () => {
	it('refuses a condition in an event (a note too) and records the ordinary wording', async () => {
		const backend = sqliteBackend();
		const store = await backend.open();
		try {
			const { case: c } = await store.openCase({
				employeeId: 'P-1',
				reachedOn: '2026-11-20',
				reason: 'continuous',
				on: '2026-12-01',
				actor: 'test',
			});
			const note = (text: string) =>
				store.recordEvent(c.id, {
					type: 'note_added',
					on: '2026-12-02',
					actor: 'test',
					data: { note: text },
				});
			for (const text of ['Bandscheibenvorfall', 'Verdacht auf Burnout', 'AU wegen M51.2'])
				await expect(note(text)).rejects.toMatchObject({
					code: 'BEM_HEALTH_DETAIL',
					field: 'data.note',
				});
			await expect(
				note('Frau Krebs hat uns besucht; Termin zur Wiedereingliederung'),
			).resolves.toMatchObject({
				id: c.id,
			});
		} finally {
			await store.close();
			await backend.teardown();
		}
	});
});

// The subject access export's PDF (Art. 15 DSGVO): the sections beyond the cases (version 2) print in
// German first, every value as the store exported it, and say "—" where the store holds nothing.
import { accessExportPdf, type SubjectAccessExport } from '../../core';
import { pdfText } from './pdfText';

const caseId = '6f0c1d2e-0000-4000-8000-000000000001';
const empty: SubjectAccessExport = {
	version: 2,
	exportedAt: '2026-06-03T08:00:00.000Z',
	employeeId: 'E-4711',
	cases: [],
	approaching: [],
	reminders: [],
	hrisCache: { workPatterns: [], auPeriods: [] },
};
const full: SubjectAccessExport = {
	...empty,
	cases: [
		{
			case: {
				id: caseId,
				reference: 'BEM-2026-0042',
				employeeId: 'E-4711',
				state: 'invited',
				outcome: null,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				openedOn: '2026-03-01',
				replyDueOn: '2026-03-15',
				reviewDueOn: null,
				closedOn: null,
				followUpOn: null,
				version: 2,
			},
			events: [],
			letters: [],
			accessLog: [],
		},
	],
	approaching: [{ source: 'personio:acme', since: '2026-04-01' }],
	reminders: [
		{
			recipient: 'bem@example.org',
			item: `stale:${caseId}`,
			on: '2026-06-01',
			caseId,
			sentAt: '2026-06-01T05:00:00.000Z',
		},
	],
	hrisCache: {
		workPatterns: [
			{
				source: 'personio:acme',
				changedAt: '2026-06-02T05:00:00.000Z',
				pattern: {
					weeklyHours: 30,
					workdays: [1, 2, 3],
					hoursPerWorkday: { '1': 10, '2': 10, '3': 10 },
					workPatternSource: 'work_schedule',
					employedSince: '2019-04-01',
					workPatterns: [],
					location: 'Köln',
				},
			},
		],
		auPeriods: [
			{
				source: 'personio:acme',
				changedAt: '2026-06-02T05:00:00.000Z',
				period: {
					source: 'v2 absence period',
					id: 'abs-77',
					employeeId: 'E-4711',
					kind: 'sick',
					start: '2026-02-02',
					end: '2026-02-13',
					startHalf: false,
					endHalf: true,
					hours: 60,
				},
			},
			{
				source: 'personio:acme',
				changedAt: '2026-06-02T05:00:00.000Z',
				period: {
					source: 'v2 absence period',
					id: 'abs-78',
					employeeId: 'E-4711',
					kind: 'hospital',
					start: '2026-05-04',
					end: null,
					startHalf: false,
					endHalf: false,
				},
			},
		],
	},
};

/** the PDF's text, lines wrapped by the layout joined again (pdfkit breaks after a space) */
const textOf = async (sae: SubjectAccessExport) =>
	pdfText(await accessExportPdf(sae)).replace(/ \n/g, ' ');

/** the text after `heading` up to the next of the four sections' headings */
const section = (text: string, heading: string) => {
	const from = text.indexOf(heading);
	expect(from).toBeGreaterThanOrEqual(0);
	const rest = text.slice(from + heading.length);
	const next = [
		'Erinnerungen / Reminders',
		'Aus dem HRIS zwischengespeichert',
		'AU-Zeiträume (Zwischenspeicher)',
	]
		.map((h) => rest.indexOf(h))
		.filter((i) => i >= 0);
	return rest.slice(0, Math.min(rest.length, ...next));
};

describe('accessExportPdf: what the store holds on the employee outside their cases', () => {
	it('prints the approaching report, the reminders, the cached work pattern and the AU periods', async () => {
		const text = await textOf(full);
		expect(text).toContain('Version: 2');
		const approaching = section(text, 'Nähe zur BEM-Schwelle / Approaching the BEM threshold');
		expect(approaching).toContain('Gemeldet als nahe der BEM-Schwelle seit 2026-04-01');
		expect(approaching).toContain('personio:acme');
		const reminders = section(text, 'Erinnerungen / Reminders');
		expect(reminders).toContain(`2026-06-01 an / to bem@example.org: stale:${caseId}`);
		expect(reminders).toContain('(Fall / Case BEM-2026-0042)');
		const patterns = section(
			text,
			'Aus dem HRIS zwischengespeichert: Arbeitszeitmuster / Cached from the HRIS: work patterns',
		);
		expect(patterns).toContain(
			'Quelle / Source: personio:acme (Stand / as of 2026-06-02T05:00:00.000Z)',
		);
		expect(patterns).toContain('employedSince: 2019-04-01');
		expect(patterns).toContain('location: Köln');
		expect(patterns).toContain('hoursPerWorkday: {"1":10,"2":10,"3":10}');
		const au = section(text, 'AU-Zeiträume (Zwischenspeicher) / Sick-leave periods (cache)');
		expect(au).toContain('2026-02-02 – 2026-02-13: sick (Quelle / Source: personio:acme;');
		expect(au).toContain('2026-05-04 – andauernd / ongoing: hospital');
		expect(au).toContain('endHalf: true');
		expect(au).toContain('hours: 60');
		expect(au).toContain('id: abs-78');
		expect(au.indexOf('2026-02-02')).toBeLessThan(au.indexOf('2026-05-04'));
		expect(text).not.toContain('\ufffd');
	});

	it('says "—" under each section when the store holds nothing there', async () => {
		const text = await textOf(empty);
		expect(text).toContain('Keine BEM-Fälle gespeichert.');
		for (const heading of [
			'Nähe zur BEM-Schwelle / Approaching the BEM threshold',
			'Erinnerungen / Reminders',
			'Aus dem HRIS zwischengespeichert: Arbeitszeitmuster / Cached from the HRIS: work patterns',
			'AU-Zeiträume (Zwischenspeicher) / Sick-leave periods (cache)',
		])
			expect(section(text, heading).trim()).toBe('—');
	});
});

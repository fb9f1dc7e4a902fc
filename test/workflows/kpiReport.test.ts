import { buildWorkflow } from './load';
import { bemWorld, type BemWorld } from './bemRun';
import { runWorkflow } from '../harness/run';
import { buildKpiFixture, KPI_2025, KPI_MIN_CELL } from '../store/kpiFixture';

// 7 · KPI report: run in January 2026 for the year, the report covers 2025 and mails HR the five quotas of
// the hand-computed fixture (its groups are 3 persons: the credential's minimum group size is 3 here);
// by default it covers the last full calendar quarter; a withheld quota reads so.
const wf = buildWorkflow('bem-7-kpi-report.json');
const START = 'Run for a Date (Sub-workflow / Tests)';
const pct = (q: number) => `${(q * 100).toFixed(1).replace('.', ',')} %`;

describe('BEM · 7 KPI Report', () => {
	let world: BemWorld;
	let credentials: BemWorld['credentials'];
	beforeAll(async () => {
		world = await bemWorld();
		credentials = {
			...world.credentials,
			bemStore: { ...world.credentials.bemStore, minCell: KPI_MIN_CELL },
		};
	});
	afterAll(() => world.close());

	it('mails HR a table of the five quotas matching the fixture', async () => {
		await buildKpiFixture(world.store, 'wf');
		const r = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2026-01-15', period: 'year' } }],
			credentials,
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		expect(r.output('Settings')[0]).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
		expect(r.output('Compute the Five Quotas')[0]).toMatchObject(KPI_2025);

		expect(world.smtp.mails).toHaveLength(1);
		const mail = world.smtp.mails[0];
		expect(mail.to).toEqual(['bem-team@example.com']);
		expect(mail.subject).toBe('BEM key figures 2025-01-01 – 2025-12-31');
		const row = (name: string) =>
			mail.html.match(new RegExp(`<b>${name}</b></td><td[^>]*>([^<]*)</td>`))?.[1];
		expect(row('Angebotsquote')).toBe(pct(KPI_2025.angebotsquote!)); // 75,0 %
		expect(row('Annahmequote')).toBe('66,7 %');
		expect(row('Maßnahmenquote')).toBe('50,0 %');
		expect(row('Stabilitätsquote')).toBe('57,1 %');
		expect(row('Verbleibequote')).toBe('57,1 %');
		expect(mail.text).toContain('Angebotsquote: 75,0 %');
		expect(mail.html).not.toMatch(/KPI-wf|E1|F1/);
	});

	it('covers the last full calendar quarter by default', async () => {
		world.smtp.mails.length = 0;
		const r = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2025-04-10' } }],
			credentials,
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		expect(r.output('Settings')[0]).toMatchObject({ from: '2025-01-01', to: '2025-03-31' });
		// the fixture's cohort opened in March 2025
		expect(r.output('Compute the Five Quotas')[0]).toMatchObject({ angebotsquote: 0.75 });
		expect(world.smtp.mails[0].subject).toBe('BEM key figures 2025-01-01 – 2025-03-31');
	});

	it('shows a quota of too small a group as withheld', async () => {
		world.smtp.mails.length = 0;
		// a year with only the fixture's 2025 cohort's follow-ups: 2027 has no cases at all
		const r = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2028-01-03', period: 'year' } }],
			credentials,
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		const mail = world.smtp.mails[0];
		const cells = [...mail.html.matchAll(/<b>([^<]+)<\/b><\/td><td[^>]*>([^<]*)<\/td>/g)].map(
			(m) => [m[1], m[2]],
		);
		expect(cells).toHaveLength(5);
		for (const [, value] of cells) expect(value).toBe('– (group too small)');
	});
});

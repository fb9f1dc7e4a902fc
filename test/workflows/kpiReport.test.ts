import { buildWorkflow } from './load';
import { bemWorld, type BemWorld } from './bemRun';
import { runWorkflow } from '../harness/run';
import { buildKpiFixture, KPI_2025 } from '../store/kpiFixture';

// 7 · KPI report: run in January 2026, the report covers 2025 (the last 12 full months) and mails HR
// the five quotas of the hand-computed fixture; a quota withheld for fewer than 5 persons reads so.
const wf = buildWorkflow('bem-7-kpi-report.json');
const START = 'Run for a Date (Sub-workflow / Tests)';
const pct = (q: number) => `${(q * 100).toFixed(1).replace('.', ',')} %`;

describe('BEM · 7 KPI Report', () => {
	let world: BemWorld;
	beforeAll(async () => {
		world = await bemWorld();
	});
	afterAll(() => world.close());

	it('mails HR a table of the five quotas matching the fixture', async () => {
		await buildKpiFixture(world.store, 'wf');
		const r = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2026-01-15' } }],
			credentials: world.credentials,
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
		expect(row('Angebotsquote')).toBe(pct(KPI_2025.angebotsquote!)); // 85,7 %
		expect(row('Annahmequote')).toBe('83,3 %');
		expect(row('Maßnahmenquote')).toBe('60,0 %');
		expect(row('Stabilitätsquote')).toBe('66,7 %');
		expect(row('Verbleibequote')).toBe('50,0 %');
		expect(mail.text).toContain('Angebotsquote: 85,7 %');
		expect(mail.html).not.toMatch(/KPI-wf|E1|F1/);
	});

	it('shows a quota with fewer than 5 persons as withheld', async () => {
		world.smtp.mails.length = 0;
		// a year with only the fixture's 2025 cohort's follow-ups: 2027 has no cases at all
		const r = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2028-01-03' } }],
			credentials: world.credentials,
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		const mail = world.smtp.mails[0];
		const cells = [...mail.html.matchAll(/<b>([^<]+)<\/b><\/td><td[^>]*>([^<]*)<\/td>/g)].map(
			(m) => [m[1], m[2]],
		);
		expect(cells).toHaveLength(5);
		for (const [, value] of cells) expect(value).toBe('– (fewer than 5 persons)');
	});
});

import { buildWorkflow } from './load';
import { bemWorld, type BemWorld } from './bemRun';
import { runWorkflow } from '../harness/run';

// 6 · Retention: the daily purge deletes closed cases past the retention period (3 years from the
// credential), keeps the rest, and mails the admins the count only — and only when there was one.
const wf = buildWorkflow('bem-6-retention.json');
const START = 'Run for a Date (Sub-workflow / Tests)';

describe('BEM · 6 Retention', () => {
	let world: BemWorld;
	beforeAll(async () => {
		world = await bemWorld();
	});
	afterAll(() => world.close());

	it('purges expired closed cases and mails the count, nothing personal', async () => {
		const open = (employeeId: string, on: string) =>
			world.store
				.openCase({ employeeId, reachedOn: on, reason: 'cumulative', on, actor: 'test' })
				.then((r) => r.case);
		const expired = await open('R-2001', '2023-01-02');
		await world.store.recordEvent(expired.id, {
			type: 'withdrawn',
			on: '2023-01-10',
			actor: 'test',
		});
		const recent = await open('R-2002', '2025-05-02');
		await world.store.recordEvent(recent.id, {
			type: 'withdrawn',
			on: '2025-06-02',
			actor: 'test',
		});
		const running = await open('R-2003', '2022-03-01');
		const access = { actor: 'test', purpose: 'check' };

		// the day before the third anniversary has passed: nothing yet
		const early = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2026-01-10' } }],
			credentials: world.credentials,
		});
		expect(early.run.data.resultData.error).toBeUndefined();
		expect(early.output('Purge Expired Cases')).toEqual([
			{ purged: 0, on: '2026-01-10', retentionYears: 3 },
		]);
		expect(early.order).toContain('Nothing Expired');
		expect(world.smtp.mails).toHaveLength(0);

		const r = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2026-01-11' } }],
			credentials: world.credentials,
		});
		expect(r.run.data.resultData.error).toBeUndefined();
		expect(r.output('Purge Expired Cases')).toEqual([
			{ purged: 1, on: '2026-01-11', retentionYears: 3 },
		]);
		expect(await world.store.getCase(expired.id, access)).toBeNull();
		expect(await world.store.getCase(recent.id, access)).not.toBeNull();
		expect(await world.store.getCase(running.id, access)).not.toBeNull();

		expect(world.smtp.mails).toHaveLength(1);
		const mail = world.smtp.mails[0];
		expect(mail.to).toEqual(['bem-admin@example.com']);
		expect(mail.subject).toBe('BEM retention: 1 closed case(s) deleted');
		expect(mail.text).toContain('2026-01-11');
		expect(`${mail.subject} ${mail.text}`).not.toMatch(/R-200|2023-01|withdrawn/);
		expect(`${mail.subject} ${mail.text}`).not.toContain(expired.id);

		// idempotent: the next run finds nothing more
		const again = await runWorkflow(wf, {
			startNode: START,
			items: [{ json: { today: '2026-01-11' } }],
			credentials: world.credentials,
		});
		expect(again.output('Purge Expired Cases')).toMatchObject([{ purged: 0 }]);
		expect(world.smtp.mails).toHaveLength(1);
	});
});

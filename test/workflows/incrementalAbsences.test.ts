// The Personio node's Incremental Absences option, run by n8n-core: the first run reads the BEM year
// and keeps its AU periods sealed in the BEM file; the next day's run asks Personio only what changed
// (updated_at.gte) and routes the same employees to Due, Approaching and Below as a run without it.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/run';
import { chainWorkflow } from '../harness/workflow';
import { absenceSourceKey, SICKNESS_ONLY } from '../../core/hris/personio';
import { absence, realisticTenant } from '../hris/personio/data';
import { clientFor } from '../hris/personio/helpers';
import { startProcessEnv, type ProcessEnv } from './process';

const FIRST = '2026-11-22';
const NEXT = '2026-11-23';

/** `incremental` null: neither cache (no BEM file), the full read to compare with */
const workflow = (incremental: boolean | null) =>
	chainWorkflow([
		{
			name: 'Personio',
			type: 'personio',
			typeVersion: 2,
			parameters: {
				resource: 'absence',
				operation: 'getAll',
				output: 'thresholdResults',
				cacheWorkPatterns: incremental !== null,
				incrementalAbsences: incremental === true,
				options: {},
			},
			credentials: { personioApi: 'Personio', bemStore: 'BEM Store (process)' },
		},
	]);

let env: ProcessEnv;
beforeAll(async () => {
	env = await startProcessEnv(realisticTenant(200, FIRST));
});
afterAll(() => env.close());

async function routed(incremental: boolean | null) {
	const result = await runWorkflow(workflow(incremental), {
		credentials: env.credentials as Parameters<typeof runWorkflow>[1] extends infer O
			? O extends { credentials?: infer C }
				? C
				: never
			: never,
	});
	const ids = (i: number) =>
		result
			.output('Personio', i)
			.map((r: IDataObject) => `${r.employeeId}:${r.countedWorkingDays}`)
			.sort();
	return { due: ids(0), approaching: ids(1), below: ids(2) };
}

test('the next day asks Personio only for what changed and routes everyone as a full read does', async () => {
	env.setToday(FIRST);
	const first = await routed(true);
	expect(first).toEqual(await routed(null));
	expect(first.due.length).toBeGreaterThan(0);
	env.setToday(NEXT);
	const someone = env.personio.tenant.absences.find((a) => a.typeId === 2345)!;
	env.personio.tenant.absences.push(
		absence(someone.employeeId, 2345, '2026-11-02', '2026-11-20', {
			updatedAt: `${NEXT}T03:00:00Z`,
		}),
	);
	env.personio.log.length = 0;
	const next = await routed(true);
	const periods = env.personio
		.requests('/v2/absence-periods')
		.concat(env.personio.requests('/v1/company/time-offs'));
	expect(periods.length).toBeGreaterThan(0);
	// the changes since the last run, then the check of the employees the threshold names (by id)
	const delta = periods.filter((r) => r.query.has('updated_from'));
	expect(delta).toHaveLength(1);
	const checks = periods.filter((r) => !r.query.has('updated_from'));
	expect(checks.every((r) => r.query.getAll('employees[]').length > 0)).toBe(true);
	expect(new Set(checks.flatMap((r) => r.query.getAll('employees[]'))).size).toBe(
		next.due.length + next.approaching.length,
	);
	expect(next).toEqual(await routed(null));
	// switched off (the work-pattern cache still on), the mode leaves nothing behind
	const source = absenceSourceKey(clientFor(env.personio, 'v1'), {
		range: { from: '2025-11-24', to: NEXT },
		selection: SICKNESS_ONLY,
	});
	const asProcess = { actor: 'process', purpose: 'test' };
	expect((await env.store.auPeriods(source, asProcess)).periods.length).toBeGreaterThan(100);
	expect(await routed(false)).toEqual(next);
	const left = await env.store.auPeriods(source, asProcess);
	expect(left).toEqual({ syncedAt: null, fullAt: null, periods: [] });
});

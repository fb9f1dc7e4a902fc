// Workflow-level proof: Manual Trigger → Personio (BEM input) → BEM Threshold, run by n8n-core's own
// engine against the local Personio server, gives what evaluateThreshold gives for the same
// absences written down directly from the tenant's data.
import { evaluateThreshold, type ThresholdInput } from '../../../core';
import { runWorkflow, type WorkflowJson } from '../../harness/run';
import {
	absenceFieldsOfNode,
	equivalenceWorkflow,
	expectSameResults,
	IN_NODE,
	pick,
	startItems,
} from '../thresholdMode';
import { bigTenant, employee, absence, smallTenant, type MockTenant } from './data';
import { HEALTH_WORDS, personioCredential } from './helpers';
import { CLIENT_SECRET, PersonioServer } from './server';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };

type Source = 'cheapest' | 'employments';

function workflow(workPatternSource: Source): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Personio',
				type: 'n8n-nodes-bem.personio',
				typeVersion: 1,
				position: [200, 0],
				parameters: {
					resource: 'absence',
					operation: 'getAll',
					output: 'bemInput',
					from: RANGE.from,
					to: RANGE.to,
					options: { workPatternSource },
				},
				credentials: { personioApi: { id: 'p1', name: 'Personio' } },
			},
			{
				id: '3',
				name: 'BEM Threshold',
				type: 'n8n-nodes-bem.bemThreshold',
				typeVersion: 1,
				position: [400, 0],
				parameters: { options: { referenceDate: RANGE.to } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Personio', type: 'main', index: 0 }]] },
			Personio: { main: [[{ node: 'BEM Threshold', type: 'main', index: 0 }], []] },
		},
	};
}

/** The same absences, straight from the tenant data: sick-leave types, clipped to the range. */
function directInputs(
	tenant: MockTenant,
	apiVersion: 'v1' | 'v2',
	source: Source,
): ThresholdInput[] {
	const inputs: ThresholdInput[] = [];
	for (const e of tenant.employees) {
		// v1 (also v2's cheapest source, v1's listing): the weekdays of the work schedule; v2 employments
		// have only weekly hours: 30 of 40 h → 4 days from Monday
		const fromHours = [1, 2, 3, 4, 5].slice(0, Math.round((5 * e.weeklyHours) / e.fullTimeHours));
		const workdays =
			apiVersion === 'v2' && source === 'employments'
				? fromHours
				: e.schedule
					? e.schedule.flatMap((h, i) => (h !== '00:00' ? [i + 1] : []))
					: [1, 2, 3, 4, 5];
		const absences = tenant.absences
			.filter(
				(a) =>
					a.employeeId === e.id &&
					[2345, 2347].includes(a.typeId) &&
					a.end! >= RANGE.from &&
					a.start! <= RANGE.to,
			)
			.map((a) => ({
				start: a.start! < RANGE.from ? RANGE.from : a.start!,
				end: a.end! > RANGE.to ? RANGE.to : a.end!,
				kind: 'sick',
				startHalf: a.start! >= RANGE.from && a.startHalf,
				endHalf: a.end! <= RANGE.to && a.endHalf,
			}));
		if (absences.length > 0) inputs.push({ employeeId: String(e.id), workdays, absences });
	}
	return inputs;
}

function tenantWithDueCases(): MockTenant {
	const tenant = smallTenant();
	const more = bigTenant(40, 6);
	tenant.employees.push(
		...more.employees,
		employee(1005, {
			weeklyHours: 24,
			schedule: ['08:00', '08:00', '08:00', '00:00', '00:00', '00:00', '00:00'],
		}),
	);
	tenant.absences.push(...more.absences, absence(1005, 2345, '2026-01-05', '2026-02-20'));
	return tenant;
}

describe.each([
	['v1', 'cheapest'],
	['v2', 'cheapest'],
	['v2', 'employments'],
] as const)('Personio %s (work patterns: %s) → BEM Threshold', (apiVersion, source) => {
	let server: PersonioServer;
	beforeAll(async () => {
		server = await new PersonioServer(tenantWithDueCases()).start();
	});
	afterAll(() => server.stop());
	const credentials = () => ({ personioApi: personioCredential(server, apiVersion) });

	test('the workflow gives the same results as evaluateThreshold on the same absences', async () => {
		const result = await runWorkflow(workflow(source), { credentials: credentials() });
		const fromWorkflow = [0, 1, 2].flatMap((o) => result.output('BEM Threshold', o));
		const expected = directInputs(server.tenant, apiVersion, source).map((input) =>
			evaluateThreshold(input, { referenceDate: RANGE.to }),
		);
		expect(expected.length).toBeGreaterThan(30);
		expect(expected.some((r) => r.status === 'due')).toBe(true);
		expect(fromWorkflow.map(pick).sort()).toEqual(
			expected.map((r) => pick(r as unknown as Record<string, unknown>)).sort(),
		);
		expect(result.output('Personio', 1)).toEqual([]);
		expect(JSON.stringify(result.run.data.resultData.runData.Personio)).not.toMatch(
			new RegExp(`${HEALTH_WORDS.join('|')}|${CLIENT_SECRET}|papi-`, 'i'),
		);
		expect(JSON.stringify(result.run.data)).not.toMatch(
			new RegExp(`Bandscheibe|Diagnose|${CLIENT_SECRET}|papi-`, 'i'),
		);
		expect(server.contractViolations).toEqual([]);
	});

	test('BEM Threshold Results: the same items as Personio → BEM Threshold, no absence record, the restart from the last-closures map', async () => {
		const node = {
			type: 'n8n-nodes-bem.personio',
			credential: 'personioApi',
			parameters: { from: RANGE.from, to: RANGE.to, options: { workPatternSource: source } },
		};
		const plain = await runWorkflow(equivalenceWorkflow(node, { referenceDate: RANGE.to }), {
			credentials: credentials(),
			startNode: 'Start',
		});
		expect(plain.run.data.resultData.error).toBeUndefined();
		expectSameResults(plain.output);
		expect(plain.output(IN_NODE, 0).length).toBeGreaterThan(0);
		expect(absenceFieldsOfNode(plain.run.data.resultData.runData)).toEqual([]);

		// one due employee's last closure on the input item: only that employee's count restarts
		const [first] = plain.output(IN_NODE, 0).map((r) => String(r.employeeId));
		const closedOn = '2026-11-02';
		const options = { referenceDate: RANGE.to, lastClosuresField: 'closures' };
		const restarted = await runWorkflow(equivalenceWorkflow(node, options), {
			credentials: credentials(),
			startNode: 'Start',
			items: startItems({ closures: { [first]: closedOn } }),
		});
		expect(restarted.run.data.resultData.error).toBeUndefined();
		const all = (r: typeof plain) => [0, 1, 2].flatMap((o) => r.output(IN_NODE, o));
		const direct = directInputs(server.tenant, apiVersion, source).find(
			(i) => i.employeeId === first,
		)!;
		const expected = evaluateThreshold(
			{ ...direct, lastBemClosedOn: closedOn },
			{ referenceDate: RANGE.to },
		);
		expect(expected.status).not.toBe('due');
		expect(pick(all(restarted).find((r) => r.employeeId === first)!)).toEqual(
			pick(expected as unknown as Record<string, unknown>),
		);
		const others = (r: typeof plain) =>
			all(r)
				.filter((x) => x.employeeId !== first)
				.sort((a, b) => String(a.employeeId).localeCompare(String(b.employeeId)));
		expect(others(restarted)).toEqual(others(plain));

		// a map that is none: the field and its type, never the value
		const bad = await runWorkflow(equivalenceWorkflow(node, options), {
			credentials: credentials(),
			startNode: 'Start',
			items: startItems({ closures: 'SECRET-not-a-map' }),
		});
		const message = String(bad.run.data.resultData.error?.message);
		expect(message).toMatch(/closures/);
		expect(message).toMatch(/text/);
		expect(JSON.stringify(bad.run.data.resultData.error)).not.toContain('SECRET');
	});
});

// The proof, run by n8n-core's own engine: Manual Trigger → SAP node (BEM input) → BEM Threshold
// against the local servers gives what evaluateThreshold gives for the same absences written down
// directly from the tenants' data.
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
import { HEALTH_WORDS, sfCredential } from './helpers';
import {
	HCM_CLIENT,
	HCM_PASSWORD,
	HCM_PATH,
	HCM_USER,
	hcmBasicCredential,
	hcmTenant,
	SapGatewayServer,
	type HcmTenant,
} from './hcmServer';
import { makeKeyPair, type TestKeyPair } from './keys';
import { SF_CODE_KINDS, sfTenant, withMalformed, type SfTenant } from './sfData';
import { SuccessFactorsServer } from './sfServer';

const RANGE = { from: '2025-11-23', to: '2026-11-22' };

function workflow(
	type: string,
	name: string,
	credential: string,
	parameters: Record<string, unknown>,
): WorkflowJson {
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
				name,
				type,
				typeVersion: 1,
				position: [200, 0],
				parameters: { output: 'bemInput', from: RANGE.from, to: RANGE.to, ...parameters },
				credentials: { [credential]: { id: 'c1', name } },
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
			Start: { main: [[{ node: name, type: 'main', index: 0 }]] },
			[name]: { main: [[{ node: 'BEM Threshold', type: 'main', index: 0 }], []] },
		},
	};
}

const clip = (start: string, end: string) => ({
	start: start < RANGE.from ? RANGE.from : start,
	end: end > RANGE.to ? RANGE.to : end,
});
const firstDays = (n: number) => [1, 2, 3, 4, 5, 6, 7].slice(0, Math.round(n));

/** SuccessFactors tenant → inputs by hand: approved, counted codes, the job slice valid at the end of the range. */
function sfDirect(tenant: SfTenant): ThresholdInput[] {
	const inputs: ThresholdInput[] = [];
	const users = [...new Set(tenant.jobs.map((j) => j.userId))].sort();
	for (const userId of users) {
		const job = tenant.jobs.filter(
			(j) => j.userId === userId && j.start <= RANGE.to && j.end >= RANGE.to,
		)[0];
		const days =
			job.daysPerWeek ?? tenant.schedules.find((s) => s.code === job.scheduleCode)!.daysPerWeek;
		const absences = tenant.times
			.filter(
				(t) =>
					t.userId === userId &&
					t.approvalStatus === 'APPROVED' &&
					SF_CODE_KINDS[t.timeType] &&
					t.start! <= t.end! &&
					t.start! <= RANGE.to &&
					t.end! >= RANGE.from,
			)
			.map((t) => ({
				...clip(t.start!, t.end!),
				kind: SF_CODE_KINDS[t.timeType],
				startHalf: t.days === 0.5,
			}));
		if (absences.length > 0)
			inputs.push({ employeeId: userId, workdays: firstDays(days), absences });
	}
	return inputs;
}

function hcmDirect(tenant: HcmTenant): ThresholdInput[] {
	const day = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
	const kinds: Record<string, string> = { '0200': 'sick', '0210': 'sick_uncertified' };
	return tenant.work.flatMap((w) => {
		const absences = tenant.absences
			.filter(
				(a) =>
					a.Pernr === w.Pernr &&
					kinds[a.Awart] &&
					a.Begda !== '00000000' &&
					a.Begda <= a.Endda &&
					day(a.Begda) <= RANGE.to &&
					day(a.Endda) >= RANGE.from,
			)
			.map((a) => ({
				...clip(day(a.Begda), day(a.Endda)),
				kind: kinds[a.Awart],
				startHalf: a.Abwtg === '0.50',
			}));
		return absences.length > 0
			? [{ employeeId: w.Pernr, workdays: firstDays(Number(w.Wkwdy)), absences }]
			: [];
	});
}

describe('SAP → BEM Threshold, through n8n-core', () => {
	let keys: TestKeyPair;
	let sf: SuccessFactorsServer;
	let hcm: SapGatewayServer;
	beforeAll(async () => {
		keys = makeKeyPair();
		sf = await new SuccessFactorsServer(
			withMalformed(sfTenant(80, 6, 3)),
			keys.certificatePem,
		).start();
		sf.paging = { mode: 'next', pageSize: 60 };
		hcm = await new SapGatewayServer(hcmTenant(70, 6, 5)).start();
	});
	afterAll(async () => {
		await sf.stop();
		await hcm.stop();
	});
	const sfCredentialHere = () => sfCredential(sf, keys);

	test('SAP SuccessFactors: the workflow gives the same results as evaluateThreshold on the same absences', async () => {
		const result = await runWorkflow(
			workflow('n8n-nodes-bem.sapSuccessFactors', 'SAP SuccessFactors', 'sapSuccessFactorsApi', {}),
			{
				credentials: { sapSuccessFactorsApi: sfCredentialHere() },
			},
		);
		expect(result.run.data.resultData.error).toBeUndefined();
		const fromWorkflow = [0, 1, 2].flatMap((o) => result.output('BEM Threshold', o));
		const expected = sfDirect(sf.tenant).map((input) =>
			evaluateThreshold(input, { referenceDate: RANGE.to }),
		);
		expect(expected.length).toBeGreaterThan(40);
		expect(expected.some((r) => r.status === 'due')).toBe(true);
		expect(fromWorkflow.map(pick).sort()).toEqual(
			expected.map((r) => pick(r as unknown as Record<string, unknown>)).sort(),
		);
		expect(
			result
				.output('SAP SuccessFactors', 1)
				.map((p) => p.recordId)
				.sort(),
		).toEqual(['bad-end-before-start', 'bad-unknown-user']);
		expect(sf.requestsTo('EmployeeTime').length).toBeGreaterThan(3);
		const runText = JSON.stringify(result.run.data);
		for (const word of HEALTH_WORDS) expect(runText).not.toContain(word);
		expect(runText).not.toMatch(/PRIVATE KEY|sf-token-|BEGIN CERTIFICATE/);
	});

	test('SAP HCM: the workflow gives the same results as evaluateThreshold on the same absences', async () => {
		const result = await runWorkflow(
			workflow('n8n-nodes-bem.sapHcm', 'SAP HCM', 'sapHcmGatewayApi', {
				absenceFields: { dateType: 'dats' },
				options: { pageSize: 40 },
			}),
			{
				credentials: {
					sapHcmGatewayApi: hcmBasicCredential(hcm),
				},
			},
		);
		expect(result.run.data.resultData.error).toBeUndefined();
		const fromWorkflow = [0, 1, 2].flatMap((o) => result.output('BEM Threshold', o));
		const expected = hcmDirect(hcm.tenant).map((input) =>
			evaluateThreshold(input, { referenceDate: RANGE.to }),
		);
		expect(expected.length).toBeGreaterThan(40);
		expect(expected.some((r) => r.status === 'due')).toBe(true);
		expect(fromWorkflow.map(pick).sort()).toEqual(
			expected.map((r) => pick(r as unknown as Record<string, unknown>)).sort(),
		);
		expect(
			result
				.output('SAP HCM', 1)
				.map((p) => p.field)
				.sort(),
		).toEqual(['Begda', 'Endda', 'employee']);
		expect(hcm.requestsTo('AbsenceSet').length).toBeGreaterThan(3);
		const runText = JSON.stringify(result.run.data);
		for (const word of HEALTH_WORDS) expect(runText).not.toContain(word);
		expect(runText).not.toContain(HCM_PASSWORD);
	});

	test.each(['SAP SuccessFactors', 'SAP HCM'] as const)(
		'%s BEM Threshold Results: the same items as the node → BEM Threshold, no absence record, the restart from the last-closures map',
		async (system) => {
			const node =
				system === 'SAP HCM'
					? {
							type: 'n8n-nodes-bem.sapHcm',
							credential: 'sapHcmGatewayApi',
							parameters: {
								from: RANGE.from,
								to: RANGE.to,
								absenceFields: { dateType: 'dats' },
								options: { pageSize: 40 },
							},
						}
					: {
							type: 'n8n-nodes-bem.sapSuccessFactors',
							credential: 'sapSuccessFactorsApi',
							parameters: { from: RANGE.from, to: RANGE.to },
						};
			const credentials: Record<string, ICredentialDataDecryptedObject> =
				system === 'SAP HCM'
					? { sapHcmGatewayApi: hcmBasicCredential(hcm) }
					: { sapSuccessFactorsApi: sfCredentialHere() };
			const plain = await runWorkflow(equivalenceWorkflow(node, { referenceDate: RANGE.to }), {
				credentials,
				startNode: 'Start',
			});
			expect(plain.run.data.resultData.error).toBeUndefined();
			expectSameResults(plain.output);
			expect(plain.output(IN_NODE, 0).length).toBeGreaterThan(0);
			expect(plain.output(IN_NODE, 3).length).toBeGreaterThan(0);
			expect(absenceFieldsOfNode(plain.run.data.resultData.runData)).toEqual([]);

			const [first] = plain.output(IN_NODE, 0).map((r) => String(r.employeeId));
			const closedOn = '2026-11-02';
			const restarted = await runWorkflow(
				equivalenceWorkflow(node, { referenceDate: RANGE.to, lastClosuresField: 'closures' }),
				{ credentials, startNode: 'Start', items: startItems({ closures: { [first]: closedOn } }) },
			);
			expect(restarted.run.data.resultData.error).toBeUndefined();
			const direct = (system === 'SAP HCM' ? hcmDirect(hcm.tenant) : sfDirect(sf.tenant)).find(
				(i) => i.employeeId === first,
			)!;
			const expected = evaluateThreshold(
				{ ...direct, lastBemClosedOn: closedOn },
				{ referenceDate: RANGE.to },
			);
			expect(expected.status).not.toBe('due');
			const all = [0, 1, 2].flatMap((o) => restarted.output(IN_NODE, o));
			expect(pick(all.find((r) => r.employeeId === first)!)).toEqual(
				pick(expected as unknown as Record<string, unknown>),
			);
		},
	);

	test('a parameter error names the item and field; continue-on-fail keeps the run going', async () => {
		const wf = workflow('n8n-nodes-bem.sapHcm', 'SAP HCM', 'sapHcmGatewayApi', {
			from: '2026-13-01',
		});
		const failing = await runWorkflow(wf, {
			credentials: {
				sapHcmGatewayApi: {
					serviceUrl: `${hcm.url}${HCM_PATH}`,
					sapClient: HCM_CLIENT,
					authentication: 'basic',
					username: HCM_USER,
					password: HCM_PASSWORD,
				},
			},
		});
		expect(failing.run.data.resultData.error?.message).toMatch(
			/From must be a date like 2026-11-22/,
		);
		(wf.nodes[1] as { onError?: string }).onError = 'continueRegularOutput';
		const going = await runWorkflow(wf, {
			credentials: {
				sapHcmGatewayApi: {
					serviceUrl: `${hcm.url}${HCM_PATH}`,
					sapClient: HCM_CLIENT,
					authentication: 'basic',
					username: HCM_USER,
					password: HCM_PASSWORD,
				},
			},
		});
		expect(going.items('SAP HCM', 0)).toEqual([
			{ json: { error: expect.stringMatching(/From must be a date/) }, pairedItem: { item: 0 } },
		]);
	});
});

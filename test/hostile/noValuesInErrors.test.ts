// Issue 13 item 4: n8n keeps failed executions, so an error message or a Continue On Fail item must
// never copy an input value into the execution data. A fake diagnosis in the wrong field, or a field of
// the wrong type, is named by field (and type), never by value, in every kind of node and in core.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { z } from 'zod';

import { evaluateThreshold, type ThresholdInput, type ThresholdOptions } from '../../core';
import { issueMessage } from '../../core/privacy/issueMessage';
import { closeBemStores } from '../../nodes/shared/bemStore';
import { runWorkflow, type WorkflowJson } from '../harness/run';
import { chainWorkflow } from '../harness/workflow';
import { KEY, sqliteBackend, type Backend } from '../store/backends';

const DIAGNOSIS = 'F32.1 mittelgradige depressive Episode';

function oneNode(
	type: string,
	parameters: IDataObject,
	credentials: Record<string, string> = {},
	onError?: string,
): WorkflowJson {
	return chainWorkflow(
		[
			{
				name: 'Node',
				type,
				typeVersion: 2,
				parameters,
				credentials,
				settings: onError ? { onError } : {},
			},
		],
		{ name: 'hostile' },
	);
}

/** Runs the node failing and with Continue On Fail; returns the message and the error item's JSON. */
async function fail(
	type: string,
	parameters: IDataObject,
	items: IDataObject[],
	credentials: { refs?: Record<string, string>; data?: Record<string, IDataObject> } = {},
) {
	const options = {
		startNode: 'Node',
		items: items.map((json): INodeExecutionData => ({ json })),
		credentials: credentials.data as never,
	};
	const failing = await runWorkflow(oneNode(type, parameters, credentials.refs), options);
	const going = await runWorkflow(
		oneNode(type, parameters, credentials.refs, 'continueRegularOutput'),
		options,
	);
	const runs = going.run.data.resultData.runData.Node;
	const all = (runs?.[0]?.data?.main ?? []).flat() as INodeExecutionData[];
	const errorItem = all.find((i) => i?.json?.error !== undefined)?.json;
	return {
		message: failing.run.data.resultData.error?.message ?? '',
		description: String(
			(failing.run.data.resultData.error as { description?: string } | undefined)?.description ??
				'',
		),
		item: JSON.stringify(errorItem ?? null),
	};
}

function expectNamedNotCopied(
	said: { message: string; description: string; item: string },
	field: string,
	value = DIAGNOSIS,
) {
	expect(said.message).toContain(field);
	expect(said.item).toContain(field);
	for (const text of [said.message, said.description, said.item]) {
		expect(text).not.toContain(value);
		expect(text).not.toContain('F32');
	}
}

describe('BEM Threshold', () => {
	const ref = { options: { referenceDate: '2026-11-22' } };

	it('a wrong-typed record field is named by field and type, not by its content', async () => {
		const said = await fail('bemThreshold', ref, [
			{ employeeId: 'E1', absences: [{ start: '2026-03-02', kind: { note: DIAGNOSIS } }] },
		]);
		expectNamedNotCopied(said, 'kind');
		expect(said.message).toContain('an object');
	});

	it('a diagnosis typed into the reference date is named by the option', async () => {
		const said = await fail('bemThreshold', { options: { referenceDate: DIAGNOSIS } }, [
			{ employeeId: 'E1', absences: [] },
		]);
		expectNamedNotCopied(said, 'referenceDate');
	});
});

// Every field of a threshold input carrying its own marker: the error names the field (and its type),
// never the marker — through the core API and through the node's Continue On Fail item.
const mark = (field: string) => `F32.1 ${field} 9f3c`;
const REF_DAY = '2026-11-22';
const START = '2026-03-02';
// every case names its basis: jest hands a shorter row a `done` callback in its place
const thresholdCases: Array<[string, Partial<ThresholdInput>, string, ThresholdOptions['basis']]> =
	[
		['a start that is no date', { absences: [{ start: mark('start') }] }, 'start', 'days'],
		['an end that is no date', { absences: [{ start: START, end: mark('end') }] }, 'end', 'days'],
		[
			'a kind that is an object',
			{ absences: [{ start: START, kind: { x: mark('kind') } }] },
			'kind',
			'days',
		],
		[
			'hours that are text',
			{ absences: [{ start: START, hours: mark('hours') }] },
			'hours',
			'days',
		],
		[
			'a half-day flag as text',
			{ absences: [{ start: START, startHalf: mark('half') }] },
			'startHalf',
			'days',
		],
		[
			'a bad record next to an unknown field',
			{ absences: [{ start: mark('start2'), diagnosis: mark('unknown') }] },
			'start',
			'days',
		],
		['workdays as text', { workdays: [mark('workdays')] }, 'workdays', 'days'],
		['a closure that is no date', { lastBemClosedOn: mark('closed') }, 'lastBemClosedOn', 'days'],
		[
			'a closure that is an object',
			{ lastBemClosedOn: { x: mark('closed2') } },
			'lastBemClosedOn',
			'days',
		],
		['a hire date that is no date', { employedSince: mark('hired') }, 'employedSince', 'days'],
		[
			'a work pattern from that is no date',
			{ workPatterns: [{ from: mark('from'), workdays: [1] }] },
			'workPatterns.0.from',
			'days',
		],
		[
			'a work pattern weekday as text',
			{ workPatterns: [{ from: START, workdays: [mark('wd')] }] },
			'workPatterns.0.workdays.0',
			'days',
		],
		[
			'an unknown field in a work pattern',
			{ workPatterns: [{ from: START, workdays: [1], [mark('key')]: mark('unknownValue') }] },
			'workPatterns.0',
			'days',
		],
		[
			'a work pattern hours key that is no weekday',
			{ workPatterns: [{ from: START, workdays: [1], hoursPerWorkday: { [mark('hkey')]: 4 } }] },
			'workPatterns.0.hoursPerWorkday',
			'hours',
			'days',
		],
		[
			'an hours map key that is no weekday',
			{ hoursPerWorkday: { [mark('mapKey')]: 4 } },
			'hoursPerWorkday',
			'hours',
			'days',
		],
	] as never;

describe('BEM Threshold: markers in every field', () => {
	it.each(thresholdCases)('core: %s', (_name, input, field, basis) => {
		let error: unknown;
		try {
			evaluateThreshold({ employeeId: 'E1', absences: [], ...input } as ThresholdInput, {
				referenceDate: REF_DAY,
				basis,
			});
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(Error);
		const said = `${(error as Error).message} ${JSON.stringify(error)}`;
		expect(said).toContain(`field "${field}"`);
		expect(said).not.toContain('F32');
		expect(said).not.toContain('9f3c');
	});

	it.each(thresholdCases)('node, Continue On Fail: %s', async (_name, input, field, basis) => {
		const said = await fail('bemThreshold', { options: { referenceDate: REF_DAY, basis } }, [
			{ employeeId: 'E1', absences: [], ...input } as IDataObject,
		]);
		// the node's own readers name the top-level field; the engine names the path inside it
		expectNamedNotCopied(said, field.split('.')[0], '9f3c');
		expect(said.item).not.toContain('9f3c');
	});
});

describe('the BEM store nodes', () => {
	let backend: Backend;
	let credentials: { refs: Record<string, string>; data: Record<string, IDataObject> };
	beforeAll(async () => {
		backend = sqliteBackend();
		await (await backend.open()).close();
		const { path } = backend.config() as { path: string };
		credentials = {
			refs: { bemStore: 'store' },
			data: { bemStore: { backend: 'sqlite', sqlitePath: path, encryptionKey: KEY } },
		};
	});
	afterAll(async () => {
		await closeBemStores();
		await backend.teardown();
	});

	it('BEM Case: a diagnosis in a date field or in the state filter is named by field', async () => {
		const open = await fail(
			'bemCase',
			{ operation: 'open', employeeId: 'E1', reachedOn: DIAGNOSIS, reason: 'cumulative' },
			[{}],
			credentials,
		);
		expectNamedNotCopied(open, 'reachedOn');
		const find = await fail(
			'bemCase',
			{ operation: 'find', state: DIAGNOSIS, purpose: 'test' },
			[{}],
			credentials,
		);
		expectNamedNotCopied(find, 'state');
	});

	it('BEM Invitation: a diagnosis in the letter date is named by field', async () => {
		const said = await fail(
			'bemInvitation',
			{
				letter: 'first',
				caseId: 'c1',
				on: DIAGNOSIS,
				employee: '{"name": "Erika Muster"}',
				company: '{"name": "ACME"}',
				replyFormUrl: 'https://bem.example/form',
			},
			[{}],
			credentials,
		);
		expectNamedNotCopied(said, 'on');
	});
});

describe('the HRIS nodes', () => {
	const hcm = {
		refs: { sapHcmGatewayApi: 'hcm' },
		data: {
			sapHcmGatewayApi: {
				serviceUrl: 'https://hcm.example.invalid/sap/opu/odata/sap/ZHR_BEM_SRV',
				sapClient: '100',
				authentication: 'basic',
				username: 'u',
				password: 'p',
			},
		},
	};

	it('SAP HCM: a diagnosis in the personnel numbers or a date is named by the parameter', async () => {
		const ids = await fail(
			'sapHcm',
			{ resource: 'contact', personnelNumbers: DIAGNOSIS },
			[{}],
			hcm,
		);
		expectNamedNotCopied(ids, 'Personnel Numbers');
		const from = await fail('sapHcm', { from: DIAGNOSIS }, [{}], hcm);
		expectNamedNotCopied(from, 'From');
	});

	it('Personio: a diagnosis in the employee IDs is named by the parameter', async () => {
		const said = await fail(
			'personio',
			{ resource: 'absence', operation: 'getAll', employeeIds: DIAGNOSIS },
			[{}],
			{
				refs: { personioApi: 'p' },
				data: {
					personioApi: {
						baseUrl: 'https://personio.example.invalid',
						clientId: 'c',
						clientSecret: 's',
					},
				},
			},
		);
		expectNamedNotCopied(said, 'Employee IDs');
	});
});

describe('core', () => {
	it('the store words a wrong enum value by the allowed values, never the one received', async () => {
		const backend = sqliteBackend();
		const store = await backend.open();
		try {
			const error = await store
				.findCases({ state: DIAGNOSIS } as never, { actor: 'test', purpose: 'test' })
				.catch((e: unknown) => e as Error);
			expect(error).toBeInstanceOf(Error);
			expect((error as Error).message).toContain('state');
			expect((error as Error).message).not.toContain('F32');
		} finally {
			await store.close();
			await backend.teardown();
		}
	});

	it('issueMessage names the allowed values of an enum', () => {
		const parsed = z.object({ state: z.enum(['open', 'closed']) }).safeParse({ state: DIAGNOSIS });
		expect(parsed.success).toBe(false);
		expect(issueMessage(parsed.error!.issues[0])).toBe("must be one of 'open', 'closed'");
	});
});

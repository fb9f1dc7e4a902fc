// SAP HCM line managers: the mapped manager field of the contact entity set (the record valid on the
// day), then the managers' own contact records' e-mail — personnel number, validity and that one field
// requested, numbers in `or` chunks of 40. Unmapped, the node stops naming the parameter.
import { readLineManagers } from '../../../core/hris';
import { DEFAULT_CONTACT_FIELDS, hcmClient, hcmLineManagerSource } from '../../../core/hris/sap';
import { runWorkflow } from '../../harness/run';
import { chainWorkflow } from '../../harness/workflow';
import { hcmBasicCredential, hcmTenant, SapGatewayServer } from './hcmServer';
import { hcmConnection } from './helpers';

let server: SapGatewayServer;

const fields = { ...DEFAULT_CONTACT_FIELDS, lineManagerId: 'MgrPernr' };
const conn = () => hcmConnection(server);
const read = (ids: string[], on = '2026-06-01', extra = {}) =>
	readLineManagers(hcmLineManagerSource(hcmClient(conn()), { on, fields, ...extra }), ids);
const pernr = (n: number) => String(n).padStart(8, '0');
const lineManagerProblem = (id: string, problem: string, field = 'lineManager') => ({
	recordId: id,
	source: 'SAP HCM line manager',
	employeeId: id,
	field,
	problem,
});
const contactsOf = (id: string) => server.tenant.contacts!.filter((c) => c.Pernr === id);

beforeAll(async () => {
	server = await new SapGatewayServer(hcmTenant(60, 1)).start();
	// 1204 changed teams on 2026-01-01 (two contact records): 1211's before, 1201's since
	contactsOf('00001204').find((c) => c.Endda === '20251231')!.MgrPernr = '00001211';
	contactsOf('00001206')[0].MgrPernr = '00001205'; // 1205 has no e-mail address
	contactsOf('00001207')[0].MgrPernr = '';
	contactsOf('00001209')[0].MgrPernr = '00009999'; // no such contact
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
	server.ignoreSelect = false;
	server.paging = { mode: 'topSkip', pageSize: 1000 };
});

describe('SAP HCM line managers (core)', () => {
	test('reads the mapped manager field and the managers’ e-mail, only those fields, in chunks of 40', async () => {
		const wanted = Array.from({ length: 48 }, (_, i) => pernr(1210 + i)); // 40 + 8
		const { lineManagers, problems } = await read(wanted);
		const leads = wanted.filter((id) => Number(id) % 10 === 1);
		expect(problems).toEqual(
			leads.map((id) => lineManagerProblem(id, 'no line manager is recorded for this employee')),
		);
		const lead = (id: string) => pernr(1201 + 10 * Math.floor((Number(id) - 1200) / 10));
		expect(lineManagers).toEqual(
			wanted
				.filter((id) => !leads.includes(id))
				.map((id) => ({
					employeeId: id,
					lineManagerId: lead(id),
					lineManagerEmail: `person${Number(lead(id))}@example.com`,
				})),
		);
		const requests = server.requestsTo('ContactSet');
		const managerReads = requests.filter((r) => r.query.get('$select')!.endsWith('MgrPernr'));
		const mailReads = requests.filter((r) => !managerReads.includes(r));
		expect(managerReads.map((r) => r.query.get('$select'))).toEqual([
			'Pernr,Begda,Endda,MgrPernr',
			'Pernr,Begda,Endda,MgrPernr',
		]);
		expect(managerReads[0].query.get('$filter')!.split(' or ')).toHaveLength(40);
		expect(mailReads.map((r) => r.query.get('$select'))).toEqual(['Pernr,Begda,Endda,UsridLong']);
		expect(mailReads[0].query.get('$filter')).toBe(
			"(Pernr eq '00001211' or Pernr eq '00001221' or Pernr eq '00001231' or Pernr eq '00001241' or Pernr eq '00001251')",
		);
	});

	test('the record valid on the day; none, an unknown manager or employee, a manager without address: problems', async () => {
		const ids = ['00001204', '00001206', '00001207', '00001209', '00001201', '00099999'];
		const now = await read(ids);
		expect(now.lineManagers).toEqual([
			{
				employeeId: '00001204',
				lineManagerId: '00001201',
				lineManagerEmail: 'person1201@example.com',
			},
		]);
		expect(now.problems).toEqual([
			lineManagerProblem('00001206', 'the line manager has no usable e-mail address'),
			lineManagerProblem('00001207', 'no line manager is recorded for this employee'),
			lineManagerProblem('00001209', 'the HRIS returned no record for the line manager'),
			lineManagerProblem('00001201', 'no line manager is recorded for this employee'),
			lineManagerProblem('00099999', 'the HRIS returned no record for this employee', 'employeeId'),
		]);
		const before = await read(['00001204'], '2025-06-01');
		expect(before.lineManagers).toEqual([
			{
				employeeId: '00001204',
				lineManagerId: '00001211',
				lineManagerEmail: 'person1211@example.com',
			},
		]);
	});

	test('without server filtering and with a service sending every field: the same, ids and one address only', async () => {
		server.ignoreSelect = true;
		const { lineManagers, problems } = await read(['00001202', '00001207'], '2026-06-01', {
			serverFilter: false,
			pageSize: 25,
		});
		expect(lineManagers).toEqual([
			{
				employeeId: '00001202',
				lineManagerId: '00001201',
				lineManagerEmail: 'person1201@example.com',
			},
		]);
		expect(problems).toEqual([
			lineManagerProblem('00001207', 'no line manager is recorded for this employee'),
		]);
		expect(server.requestsTo('ContactSet').every((r) => r.query.get('$filter') === null)).toBe(
			true,
		);
	});

	test('unmapped, there is no source', () => {
		expect(() =>
			hcmLineManagerSource(hcmClient(conn()), { on: '2026-06-01', fields: DEFAULT_CONTACT_FIELDS }),
		).toThrow(/lineManagerId/);
	});
});

describe('SAP HCM node, resource Line Manager', () => {
	const node = (contactFields: Record<string, string>, settings = {}) =>
		chainWorkflow([
			{
				name: 'SAP HCM',
				type: 'sapHcm',
				typeVersion: 2,
				parameters: {
					resource: 'lineManager',
					operation: 'getAll',
					employeeIds: '={{ $json.employeeId }}',
					validOn: '2026-06-01',
					contactFields,
					options: {},
				},
				credentials: { sapHcmGatewayApi: 'HCM' },
				settings,
			},
		]);
	const run = (wf: ReturnType<typeof node>, ids: string[]) =>
		runWorkflow(wf, {
			credentials: { sapHcmGatewayApi: hcmBasicCredential(server) },
			startNode: 'SAP HCM',
			items: ids.map((employeeId) => ({ json: { employeeId } })),
		});

	test('Records: exactly the ids and the address per employee; Problems: the rest', async () => {
		const result = await run(node({ lineManagerId: 'MgrPernr' }), ['00001202', '00001207']);
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(result.items('SAP HCM', 0)).toEqual([
			{
				json: {
					employeeId: '00001202',
					lineManagerId: '00001201',
					lineManagerEmail: 'person1201@example.com',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.items('SAP HCM', 1)).toEqual([
			{
				json: lineManagerProblem('00001207', 'no line manager is recorded for this employee'),
				pairedItem: { item: 1 },
			},
		]);
		expect(JSON.stringify(result.run.data)).not.toMatch(/Vorname|Nachname|Gbdat|Init1234/);
	});

	test('unmapped: the node stops naming the field and reads nothing; Continue On Fail leaves an error item', async () => {
		const failing = await run(node({}), ['00001202']);
		const error = failing.run.data.resultData.error;
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(
			/^Map the Line Manager Personnel Number Field under Contact Fields/,
		);
		expect(server.requestsTo('ContactSet')).toEqual([]);

		const going = await run(node({}, { onError: 'continueRegularOutput' }), ['00001202']);
		expect(going.items('SAP HCM', 0)).toEqual([
			{
				json: { error: expect.stringMatching(/^Map the Line Manager Personnel Number Field/) },
				pairedItem: { item: 0 },
			},
		]);

		const bad = await run(node({ lineManagerId: 'Mgr Pernr' }), ['00001202']);
		// the parameter and the field, never the value
		expect(bad.run.data.resultData.error?.message).toMatch(
			/Contact Fields: the name given for lineManagerId is not an OData property name/,
		);
		expect(bad.run.data.resultData.error?.message).not.toContain('Mgr Pernr');
	});
});

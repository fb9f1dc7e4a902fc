// SAP SuccessFactors line managers: EmpJob managerId of the job valid today (no fromDate/toDate), then the
// managers' User email — only userId/managerId and userId/email requested, ids chunked; every employee
// without a usable manager address is a problem. The node's Line Manager resource through n8n-core.
import { readLineManagers } from '../../../core/hris';
import { sfClient, sfLineManagerSource } from '../../../core/hris/sap';
import { runWorkflow } from '../../harness/run';
import { chainWorkflow } from '../../harness/workflow';
import { sfConnection, sfCredential } from './helpers';
import { makeKeyPair, type TestKeyPair } from './keys';
import { sfTenant } from './sfData';
import { SuccessFactorsServer } from './sfServer';

let keys: TestKeyPair;
let server: SuccessFactorsServer;

const read = (ids: string[]) =>
	readLineManagers(sfLineManagerSource(sfClient(sfConnection(server, keys))), ids);
const jobOf = (userId: string) => server.tenant.jobs.filter((j) => j.userId === userId);
const lineManagerProblem = (id: string, problem: string, field = 'lineManager') => ({
	recordId: id,
	source: 'SuccessFactors line manager',
	employeeId: id,
	field,
	problem,
});

beforeAll(async () => {
	keys = makeKeyPair();
	server = await new SuccessFactorsServer(sfTenant(230, 1), keys.certificatePem).start();
	server.paging = { mode: 'next', pageSize: 40 };
	// odd ids below: the bulk test reads even ones, whose managers are the team leads 100101, 100111 …
	for (const job of jobOf('100113')) job.managerId = '100105'; // 100105 has no e-mail address
	for (const job of jobOf('100115')) job.managerId = '';
	for (const job of jobOf('100117')) job.managerId = '100999'; // no such user
	for (const job of jobOf('100119')) job.managerId = '100123';
	server.tenant.users!.find((u) => u.userId === '100123')!.email = 'Nachname100123';
	// a second job record valid today without a manager: the one naming the manager wins
	server.tenant.jobs.push({ ...jobOf('100127')[0], managerId: 'NO_MANAGER' });
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
	server.ignoreSelect = false;
});

describe('SuccessFactors line managers (core)', () => {
	test('reads today’s EmpJob managerId and the managers’ e-mail, only those fields, ids in chunks of 100', async () => {
		const ids = server.tenant.users!.map((u) => u.userId).filter((id) => Number(id) % 2 === 0); // 115
		const { lineManagers, problems } = await read(ids);
		expect(problems).toEqual([]);
		expect(lineManagers.map((m) => m.employeeId)).toEqual(ids);
		const lead = (id: string) => String(100101 + 10 * Math.floor((Number(id) - 100100) / 10));
		for (const m of lineManagers)
			expect(m).toEqual({
				employeeId: m.employeeId,
				lineManagerId: lead(m.employeeId),
				lineManagerEmail: `person${lead(m.employeeId)}@example.com`,
			});
		const jobs = server.requestsTo('EmpJob');
		expect(jobs.filter((r) => r.query.get('$skiptoken') === null)).toHaveLength(2); // 100 + 15 ids
		for (const r of jobs) {
			expect(r.query.get('$select')).toBe('userId,managerId');
			expect(r.query.get('$filter')).toMatch(/^userId (in '|eq ')/);
			// EmpJob's default is the record valid today; a range would return every slice
			expect(r.query.get('fromDate')).toBeNull();
			expect(r.query.get('toDate')).toBeNull();
		}
		const firstChunk = jobs.find((r) => r.query.get('$skiptoken') === null)!.query.get('$filter')!;
		expect(firstChunk.split(',')).toHaveLength(100);
		const users = server.requestsTo('User');
		expect(users).toHaveLength(1); // 23 distinct managers: one request, asked once each
		expect(users[0].query.get('$select')).toBe('userId,email');
		expect(users[0].query.get('$filter')!.split(',')).toHaveLength(23);
		expect(new Set(jobs.map((r) => r.query.toString())).size).toBe(jobs.length);
	});

	test('no manager, an unknown manager or employee, a manager without a usable address: each a problem', async () => {
		const { lineManagers, problems } = await read([
			'100102',
			'100111', // a team lead: NO_MANAGER
			'100113',
			'100115',
			'100117',
			'100119',
			'100127',
			'999999',
			'100102',
		]);
		expect(lineManagers).toEqual([
			{
				employeeId: '100102',
				lineManagerId: '100101',
				lineManagerEmail: 'person100101@example.com',
			},
			{
				employeeId: '100127',
				lineManagerId: '100121',
				lineManagerEmail: 'person100121@example.com',
			},
		]);
		expect(problems).toEqual([
			lineManagerProblem('100111', 'no line manager is recorded for this employee'),
			lineManagerProblem('100113', 'the line manager has no usable e-mail address'),
			lineManagerProblem('100115', 'no line manager is recorded for this employee'),
			lineManagerProblem('100117', 'the HRIS returned no record for the line manager'),
			lineManagerProblem('100119', 'the line manager has no usable e-mail address'),
			lineManagerProblem('999999', 'the HRIS returned no record for this employee', 'employeeId'),
		]);
		// the managers asked for: each once, never the employees without one
		expect(server.requestsTo('User').map((r) => r.query.get('$filter'))).toEqual([
			"userId in '100101','100105','100999','100123','100121'",
		]);
	});

	test('a service sending every field: still ids and one address only', async () => {
		server.ignoreSelect = true;
		const { lineManagers } = await read(['100104']);
		expect(lineManagers).toEqual([
			{
				employeeId: '100104',
				lineManagerId: '100101',
				lineManagerEmail: 'person100101@example.com',
			},
		]);
	});
});

describe('SuccessFactors node, resource Line Manager', () => {
	const node = (settings = {}) =>
		chainWorkflow([
			{
				name: 'SAP SuccessFactors',
				type: 'sapSuccessFactors',
				typeVersion: 2,
				parameters: {
					resource: 'lineManager',
					operation: 'getAll',
					employeeIds: '={{ $json.employeeId }}',
				},
				credentials: { sapSuccessFactorsApi: 'SF' },
				settings,
			},
		]);
	const run = (wf: ReturnType<typeof node>, ids: string[]) =>
		runWorkflow(wf, {
			credentials: { sapSuccessFactorsApi: sfCredential(server, keys) },
			startNode: 'SAP SuccessFactors',
			items: ids.map((employeeId) => ({ json: { employeeId } })),
		});

	test('Records: one item per employee with exactly the ids and the address; Problems: the rest', async () => {
		const result = await run(node(), ['100102, 100103', '100111', '424242']);
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(result.items('SAP SuccessFactors', 0)).toEqual([
			{
				json: {
					employeeId: '100102',
					lineManagerId: '100101',
					lineManagerEmail: 'person100101@example.com',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					employeeId: '100103',
					lineManagerId: '100101',
					lineManagerEmail: 'person100101@example.com',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(result.items('SAP SuccessFactors', 1)).toEqual([
			{
				json: lineManagerProblem('100111', 'no line manager is recorded for this employee'),
				pairedItem: { item: 1 },
			},
			{
				json: lineManagerProblem(
					'424242',
					'the HRIS returned no record for this employee',
					'employeeId',
				),
				pairedItem: { item: 2 },
			},
		]);
		expect(JSON.stringify(result.run.data)).not.toMatch(/Vorname|Nachname|Musterweg|sf-token-/);
	});

	test('a bad or missing id names the item and parameter, never the value; Continue On Fail runs on', async () => {
		const failing = await run(node(), ['100102', "x' or 1 eq 1"]);
		const error = failing.run.data.resultData.error;
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(/User IDs: entry 1 is not an ID/);
		expect(error?.message).not.toContain('or 1 eq 1');
		expect((error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);

		const going = await run(node({ onError: 'continueRegularOutput' }), ['', '100104']);
		expect(going.run.data.resultData.error).toBeUndefined();
		expect(going.items('SAP SuccessFactors', 0)).toEqual([
			{
				json: { error: 'User IDs: at least one ID is required' },
				pairedItem: { item: 0 },
			},
			{
				json: {
					employeeId: '100104',
					lineManagerId: '100101',
					lineManagerEmail: 'person100101@example.com',
				},
				pairedItem: { item: 1 },
			},
		]);
	});
});

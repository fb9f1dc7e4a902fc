// Line managers from Personio (the approaching notice where the works agreement provides for it): the
// employee's supervisor, the supervisor's own record for the address — ids and one address out, no
// names; an employee without a record, a manager or an address is a problem, never dropped silently.
import { readPersonioLineManagers } from '../../../core/hris/personio';
import { runWorkflow } from '../../harness/run';
import { chainWorkflow } from '../../harness/workflow';
import { employee, type MockTenant } from './data';
import { clientFor, personioCredential } from './helpers';
import { PersonioServer } from './server';

const tenant = (): MockTenant => ({
	types: [],
	absences: [],
	employees: [
		employee(1000, { supervisorId: null }),
		employee(1001),
		employee(1002),
		employee(1003, { supervisorId: null }),
		employee(1004, { supervisorId: 1005 }),
		employee(1005, { supervisorId: null, email: '' }),
	],
});

let server: PersonioServer;
beforeAll(async () => {
	server = await new PersonioServer(tenant()).start();
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
});
afterEach(() => expect(server.contractViolations.splice(0)).toEqual([]));

const problemOf = (employeeId: string, field: string, problem: string) => ({
	recordId: employeeId,
	source: 'Personio line manager',
	employeeId,
	field,
	problem,
});

describe.each(['v1', 'v2'] as const)('Personio %s line managers', (version) => {
	it("gives each employee's supervisor id and address, and a problem for every one it cannot", async () => {
		const read = await readPersonioLineManagers(clientFor(server, version), [
			'1001',
			'1003',
			'1002',
			'1004',
			'9999',
			'1001',
		]);
		expect(read.lineManagers).toEqual([
			{ employeeId: '1001', lineManagerId: '1000', lineManagerEmail: 'person1000@example.com' },
			{ employeeId: '1002', lineManagerId: '1000', lineManagerEmail: 'person1000@example.com' },
		]);
		expect(read.problems).toEqual([
			problemOf('1003', 'lineManager', 'no line manager is recorded for this employee'),
			problemOf('1004', 'lineManager', 'the line manager has no usable e-mail address'),
			problemOf('9999', 'employeeId', 'the HRIS returned no record for this employee'),
		]);
		// each manager read once, by id: not the whole tenant
		const byId = version === 'v1' ? '/v1/company/employees/' : '/v2/persons/';
		const reads = server.log.map((r) => r.path).filter((p) => p.startsWith(byId));
		expect(reads.filter((p) => p === `${byId}1000`)).toHaveLength(1);
		expect(reads.filter((p) => p === `${byId}1005`)).toHaveLength(1);
		expect(server.log.filter((r) => r.path === '/v1/company/employees')).toEqual([]);
	});

	it('reads nothing for no employees', async () => {
		const read = await readPersonioLineManagers(clientFor(server, version), []);
		expect(read).toEqual({ lineManagers: [], problems: [] });
		expect(server.log.filter((r) => !r.path.includes('auth'))).toEqual([]);
	});
});

describe('the Personio node, resource Line Manager', () => {
	const run = (employeeIds: string, settings = {}) =>
		runWorkflow(
			chainWorkflow([
				{
					name: 'Personio',
					type: 'personio',
					typeVersion: 2,
					parameters: { resource: 'lineManager', operation: 'getAll', employeeIds },
					credentials: { personioApi: 'Personio' },
					settings,
				},
			]),
			{ credentials: { Personio: personioCredential(server, 'v1') } },
		);

	it('emits ids and the address on Records, the problems on Problems — no names', async () => {
		const result = await run('1001, 1003');
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(result.output('Personio', 0)).toEqual([
			{ employeeId: '1001', lineManagerId: '1000', lineManagerEmail: 'person1000@example.com' },
		]);
		expect(result.output('Personio', 1)).toEqual([
			problemOf('1003', 'lineManager', 'no line manager is recorded for this employee'),
		]);
		expect(JSON.stringify(result.run.data.resultData.runData)).not.toMatch(/Vorname|Nachname/);
	});

	it('a bad id names the field and the entry, not the value, and honours Continue On Fail', async () => {
		const failed = await run('1001, x y');
		const error = failed.run.data.resultData.error;
		expect(error?.message).toContain('Employee IDs: entry 2 is not a Personio ID');
		expect(`${error?.message} ${error?.description ?? ''}`).not.toContain('x y');
		const continued = await run('1001, x y', { onError: 'continueRegularOutput' });
		expect(continued.run.data.resultData.error).toBeUndefined();
		const [item] = continued.output('Personio', 0);
		expect(String(item.error)).toContain('Employee IDs: entry 2');
		expect(JSON.stringify(item)).not.toContain('x y');
	});
});

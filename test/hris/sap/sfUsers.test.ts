// SAP SuccessFactors User → contact details for the invitation letter: only the letter's fields are
// requested, ids go into `userId in (…)` (chunked), __next paging to the end, unknown ids reported.
import { postalAddressOf, readSfUsers, sfClient } from '../../../core/hris/sap';
import { runWorkflow } from '../../harness/run';
import { chainWorkflow } from '../../harness/workflow';
import { sfConnection, sfCredential } from './helpers';
import { makeKeyPair, type TestKeyPair } from './keys';
import { sfTenant } from './sfData';
import { SuccessFactorsServer } from './sfServer';

let keys: TestKeyPair;
let server: SuccessFactorsServer;

beforeAll(async () => {
	keys = makeKeyPair();
	server = await new SuccessFactorsServer(sfTenant(230, 1), keys.certificatePem).start();
	server.paging = { mode: 'next', pageSize: 40 };
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
	server.ignoreSelect = false;
});

describe('SuccessFactors User (contact details)', () => {
	test('reads the given users across id chunks and __next pages, each page once, only the letter fields', async () => {
		const ids = server.tenant.users!.map((u) => u.userId).filter((_, i) => i % 2 === 0); // 115 ids: two chunks
		const { users, problems } = await readSfUsers(sfClient(sfConnection(server, keys)), ids);
		expect(problems).toEqual([]);
		expect(users.map((u) => u.employeeId).sort()).toEqual([...ids].sort());
		const requests = server.requestsTo('User');
		expect(requests.length).toBeGreaterThanOrEqual(4); // 100 ids → 3 pages of 40, then 15 ids → 1 page
		expect(
			requests.filter((r) => r.query.get('$skiptoken') !== null).length,
		).toBeGreaterThanOrEqual(2);
		for (const r of requests) {
			expect(r.query.get('$select')).toBe(
				'userId,firstName,lastName,email,addressLine1,zipCode,city',
			);
			expect(r.query.get('$filter')).toMatch(/^userId in '/);
		}
		expect(new Set(requests.map((r) => r.query.toString())).size).toBe(requests.length);
	});

	test('a user: name, e-mail and the postal address as the letter shows it; missing parts stay null', async () => {
		const { users } = await readSfUsers(sfClient(sfConnection(server, keys)), [
			'100101',
			'100105',
			'100107',
		]);
		const byId = Object.fromEntries(users.map((u) => [u.employeeId, u]));
		expect(byId['100101']).toEqual({
			employeeId: '100101',
			firstName: 'Vorname100101',
			lastName: 'Nachname100101',
			email: 'person100101@example.com',
			addressLine1: 'Musterweg 1',
			zipCode: '10101',
			city: 'Musterstadt',
			address: 'Musterweg 1\n10101 Musterstadt',
		});
		expect(byId['100105'].email).toBeNull(); // 100105 % 5 === 0
		expect(byId['100107'].address).toBeNull(); // 100107 % 7 === 0
		expect(postalAddressOf({ addressLine1: null, zipCode: '12345', city: 'Musterstadt' })).toBe(
			'12345 Musterstadt',
		);
	});

	test('an id SuccessFactors does not return is a problem, not a silent gap; a service sending every field leaks nothing else', async () => {
		server.ignoreSelect = true;
		const { users, problems } = await readSfUsers(sfClient(sfConnection(server, keys)), [
			'100102',
			'999999',
		]);
		expect(users.map((u) => u.employeeId)).toEqual(['100102']);
		expect(Object.keys(users[0]).sort()).toEqual([
			'address',
			'addressLine1',
			'city',
			'email',
			'employeeId',
			'firstName',
			'lastName',
			'zipCode',
		]);
		expect(problems).toEqual([
			{
				recordId: '999999',
				source: 'SuccessFactors User',
				employeeId: '999999',
				field: 'userId',
				problem: 'SuccessFactors returned no User with this id',
			},
		]);
	});

	test('the node (resource User) reads per item through n8n-core; unknown ids go to Problems; a bad id names the item', async () => {
		const wf = chainWorkflow([
			{
				name: 'SAP SuccessFactors',
				type: 'sapSuccessFactors',
				parameters: { resource: 'user', operation: 'getAll', userIds: '={{ $json.employeeId }}' },
				credentials: { sapSuccessFactorsApi: 'SF' },
			},
		]);
		const credentials = {
			sapSuccessFactorsApi: sfCredential(server, keys),
		};
		const result = await runWorkflow(wf, {
			credentials,
			startNode: 'SAP SuccessFactors',
			items: [
				{ json: { employeeId: '100103' } },
				{ json: { employeeId: '100104' } },
				{ json: { employeeId: '424242' } },
			],
		});
		expect(result.run.data.resultData.error).toBeUndefined();
		const records = result.items('SAP SuccessFactors', 0);
		expect(records.map((r) => [r.json.employeeId, r.json.email, r.pairedItem])).toEqual([
			['100103', 'person100103@example.com', { item: 0 }],
			['100104', 'person100104@example.com', { item: 1 }],
		]);
		expect(result.output('SAP SuccessFactors', 1)).toEqual([
			expect.objectContaining({ recordId: '424242', field: 'userId' }),
		]);
		const text = JSON.stringify(result.run.data);
		expect(text).not.toMatch(/dateOfBirth|gender|PRIVATE KEY|sf-token-/);

		const bad = await runWorkflow(wf, {
			credentials,
			startNode: 'SAP SuccessFactors',
			items: [{ json: { employeeId: '100103' } }, { json: { employeeId: "x' or 1 eq 1" } }],
		});
		// the parameter and the entry, never the value (issue 13: no input values in execution data)
		expect(bad.run.data.resultData.error?.message).toMatch(/User IDs: entry 1 is not an ID/);
		expect(bad.run.data.resultData.error?.message).not.toContain('or 1 eq 1');
		expect(
			(bad.run.data.resultData.error as unknown as { context: { itemIndex: number } }).context
				.itemIndex,
		).toBe(1);
		expect(
			server.requestsTo('User').some((r) => /or 1 eq 1/.test(r.query.get('$filter') ?? '')),
		).toBe(false);
	});
});

// SAP HCM contact details (IT0002/0006/0105-like entity set) for the invitation letter: mapped fields
// only ($select), personnel numbers in `or` chunks, $top/$skip paging, the record valid on the day,
// unknown personnel numbers reported, field names checked before they reach $filter.
import { DEFAULT_CONTACT_FIELDS, hcmClient, readHcmContacts } from '../../../core/hris/sap';
import { runWorkflow } from '../../harness/run';
import { chainWorkflow } from '../../harness/workflow';
import { HCM_CLIENT, hcmBasicCredential, hcmTenant, SapGatewayServer } from './hcmServer';
import { hcmConnection } from './helpers';

let server: SapGatewayServer;

const conn = () => hcmConnection(server);

beforeAll(async () => {
	server = await new SapGatewayServer(hcmTenant(60, 1)).start();
});
afterAll(() => server.stop());
beforeEach(() => {
	server.log.length = 0;
	server.ignoreSelect = false;
	server.paging = { mode: 'topSkip', pageSize: 1000 };
});

describe('SAP HCM contacts', () => {
	test('reads the given personnel numbers in chunks, page by page, only the mapped fields', async () => {
		const ids = server.tenant.work.map((w) => w.Pernr).slice(0, 50); // two chunks of at most 40
		const { contacts, problems } = await readHcmContacts(hcmClient(conn()), {
			employeeIds: ids,
			on: '2026-06-01',
			pageSize: 15,
		});
		expect(problems).toEqual([]);
		expect(contacts.map((c) => c.employeeId).sort()).toEqual([...ids].sort());
		const requests = server.requestsTo('ContactSet');
		expect(requests.length).toBeGreaterThanOrEqual(5); // 40 ids → 52 records (history) → 4 pages; 10 ids → 1+ pages
		for (const r of requests) {
			expect(r.query.get('$select')).toBe(
				'Pernr,Begda,Endda,Vorna,Nachn,UsridLong,Stras,Pstlz,Ort01',
			);
			expect(r.query.get('sap-client')).toBe(HCM_CLIENT);
			expect(r.query.get('$filter')).toMatch(
				/^\(Pernr eq '\d{8}'( or Pernr eq '\d{8}')*\)$|^Pernr eq '\d{8}'$/,
			);
		}
		expect(new Set(requests.map((r) => r.query.toString())).size).toBe(requests.length);
	});

	test('the record valid on the day: the new address from 2026, the old one before; empty e-mail is null', async () => {
		const client = hcmClient(conn());
		const now = await readHcmContacts(client, {
			employeeIds: ['00001204', '00001205'],
			on: '2026-06-01',
		});
		const byId = Object.fromEntries(now.contacts.map((c) => [c.employeeId, c]));
		expect(byId['00001204']).toEqual({
			employeeId: '00001204',
			firstName: 'Vorname1204',
			lastName: 'Nachname1204',
			email: 'person1204@example.com',
			addressLine1: 'Hauptstraße 4',
			zipCode: '21204',
			city: 'Beispielstadt',
			address: 'Hauptstraße 4\n21204 Beispielstadt',
		});
		expect(byId['00001205'].email).toBeNull(); // 1205 % 5 === 0: '' in SAP
		const before = await readHcmContacts(client, { employeeIds: ['00001204'], on: '2025-06-01' });
		expect(before.contacts[0].address).toBe('Alte Gasse 1\n21204 Altstadt');
	});

	test('without server filtering the node selects itself; an unknown personnel number is a problem; nothing beyond the letter fields leaks', async () => {
		server.ignoreSelect = true;
		const { contacts, problems } = await readHcmContacts(hcmClient(conn()), {
			employeeIds: ['00001201', '00099999'],
			on: '2026-06-01',
			serverFilter: false,
			pageSize: 25,
		});
		expect(contacts.map((c) => c.employeeId)).toEqual(['00001201']);
		expect(Object.keys(contacts[0]).sort()).toEqual([
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
				recordId: '00099999',
				source: 'SAP HCM Contact',
				employeeId: '00099999',
				field: DEFAULT_CONTACT_FIELDS.employeeId,
				problem: 'the service returned no contact record for this personnel number',
			},
		]);
		expect(server.requestsTo('ContactSet').every((r) => r.query.get('$filter') === null)).toBe(
			true,
		);
	});

	test('the node (resource Contact) reads per item through n8n-core; a bad field name names the item and field', async () => {
		const wf = chainWorkflow([
			{
				name: 'SAP HCM',
				type: 'sapHcm',
				parameters: {
					resource: 'contact',
					operation: 'getAll',
					personnelNumbers: '={{ $json.employeeId }}',
					validOn: '2026-06-01',
					contactFields: {},
					options: {},
				},
				credentials: { sapHcmGatewayApi: 'HCM' },
			},
		]);
		const credentials = {
			sapHcmGatewayApi: hcmBasicCredential(server),
		};
		const result = await runWorkflow(wf, {
			credentials,
			startNode: 'SAP HCM',
			items: [{ json: { employeeId: '00001202' } }, { json: { employeeId: '00012345' } }],
		});
		expect(result.run.data.resultData.error).toBeUndefined();
		expect(
			result.items('SAP HCM', 0).map((r) => [r.json.employeeId, r.json.lastName, r.pairedItem]),
		).toEqual([['00001202', 'Nachname1202', { item: 0 }]]);
		expect(result.output('SAP HCM', 1)).toEqual([
			expect.objectContaining({ recordId: '00012345', source: 'SAP HCM Contact' }),
		]);
		expect(JSON.stringify(result.run.data)).not.toMatch(/Gbdat|Init1234/);

		wf.nodes[1].parameters.contactFields = { email: 'Usrid Long' };
		const bad = await runWorkflow(wf, {
			credentials,
			startNode: 'SAP HCM',
			items: [{ json: { employeeId: '00001202' } }],
		});
		// the parameter and the field, never the value (issue 13: no input values in execution data)
		expect(bad.run.data.resultData.error?.message).toMatch(
			/Contact Fields: the name given for email is not an OData property name/,
		);
		expect(bad.run.data.resultData.error?.message).not.toContain('Usrid Long');
	});
});

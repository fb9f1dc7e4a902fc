// Issue 13 item 9: a next-page link to another origin would carry the bearer token there. Personio v2's
// `_meta.links.next.href` and SAP's `__next` are followed only on the configured origin; anything else
// fails clearly before a request is sent.
import { TokenCache, type HttpRequest, type HttpTransport } from '../../core';
import { PersonioClient, readEmployees } from '../../core/hris/personio';
import { hcmClient, SapODataClient } from '../../core/hris/sap';
import { hrisFailure } from './failure';

const BASE = 'https://api.personio.example';
const ELSEWHERE = 'https://collector.attacker.example';

/** Answers every request with `page(url)`; token calls with a token. Records what was sent where. */
function recording(page: (url: string) => unknown) {
	const sent: HttpRequest[] = [];
	const transport: HttpTransport = async (r) => {
		sent.push(r);
		if (r.url.includes('/auth/token'))
			return { status: 200, headers: {}, body: { access_token: 'papi-secret', expires_in: 3600 } };
		return { status: 200, headers: {}, body: page(r.url) };
	};
	return { sent, transport };
}

const personio = (transport: HttpTransport) =>
	new PersonioClient({
		baseUrl: BASE,
		clientId: 'papi-id',
		clientSecret: 'secret',
		apiVersion: 'v2',
		transport,
		retry: { baseDelayMs: 1, maxDelayMs: 2, maxTotalMs: 1_000 },
		tokenCache: new TokenCache(),
	});

describe('Personio v2 next links', () => {
	test('a next link to another origin is refused: no request goes there, the error names both origins', async () => {
		const { sent, transport } = recording(() => ({
			_data: [{ id: '1' }],
			_meta: { links: { next: { href: `${ELSEWHERE}/v2/persons?cursor=c2` } } },
		}));
		const error = await hrisFailure(readEmployees(personio(transport)));
		expect(error.call).toBe('Personio GET /v2/persons');
		expect(error.reason).toBe('bad_response');
		expect(error.message).toContain(`another origin (${ELSEWHERE}, configured ${BASE})`);
		expect(sent.every((r) => r.url.startsWith(BASE))).toBe(true);
		expect(sent.filter((r) => r.url.includes('/v2/persons'))).toHaveLength(1);
	});

	test('the same host over plain http is another origin too', async () => {
		const { sent, transport } = recording(() => ({
			_data: [{ id: '1' }],
			_meta: {
				links: { next: { href: `${BASE.replace('https:', 'http:')}/v2/persons?cursor=c2` } },
			},
		}));
		await hrisFailure(readEmployees(personio(transport)));
		expect(sent.some((r) => r.url.startsWith('http:'))).toBe(false);
	});

	test('absolute and relative links on the configured origin are followed', async () => {
		const { sent, transport } = recording((url) => {
			if (url.includes('/employments')) return { _data: [], _meta: {} };
			const cursor = new URL(url).searchParams.get('cursor');
			if (cursor === null)
				return {
					_data: [{ id: '1' }],
					_meta: { links: { next: { href: `${BASE}/v2/persons?cursor=c2` } } },
				};
			if (cursor === 'c2')
				return {
					_data: [{ id: '2' }],
					_meta: { links: { next: { href: '/v2/persons?cursor=c3' } } },
				};
			return { _data: [{ id: '3' }], _meta: { links: {} } };
		});
		const client = personio(transport);
		const persons = await readEmployees(client, { employeeIds: [] });
		expect(persons.employees.map((e) => e.id)).toEqual(['1', '2', '3']);
		expect(sent.filter((r) => r.url.includes('/v2/persons?')).map((r) => r.url)).toEqual([
			`${BASE}/v2/persons?cursor=c2`,
			`${BASE}/v2/persons?cursor=c3`,
		]);
	});
});

describe('SAP __next links', () => {
	const root = 'https://api4.successfactors.example/odata/v2';

	test('SuccessFactors: a __next to another origin is refused before its request', async () => {
		const { sent, transport } = recording(() => ({
			d: { results: [{ userId: 'u1' }], __next: `${ELSEWHERE}/odata/v2/EmpJob?$skiptoken=x` },
		}));
		const client = new SapODataClient({
			serviceRoot: root,
			system: 'SAP SuccessFactors',
			transport,
			auth: { headers: async () => ({ Authorization: 'Bearer sf-secret' }), renew: async () => {} },
		});
		const read = async () => {
			for await (const page of client.pages('EmpJob')) void page;
		};
		const error = await hrisFailure(read());
		expect(error.message).toMatch(
			/^SAP SuccessFactors GET \/EmpJob: the API sent a page link to another origin/,
		);
		expect(sent).toHaveLength(1);
		expect(sent[0].url.startsWith(root)).toBe(true);
	});

	test('SAP HCM: a __next to another origin is refused; the Basic credential never leaves', async () => {
		const { sent, transport } = recording(() => ({
			d: {
				results: [{ Pernr: '1' }],
				__next: `${ELSEWHERE}/sap/opu/odata/sap/ZHR_BEM_SRV/AbsenceSet?$skiptoken=2`,
			},
		}));
		const client = hcmClient({
			serviceUrl: 'https://erp.example.local:44300/sap/opu/odata/sap/ZHR_BEM_SRV',
			auth: { type: 'basic', username: 'u', password: 'p' },
			transport,
		});
		const read = async () => {
			for await (const page of client.pages('AbsenceSet')) void page;
		};
		const error = await hrisFailure(read());
		expect(error.message).toContain(
			'SAP HCM GET /AbsenceSet: the API sent a page link to another origin',
		);
		expect(sent.map((r) => new URL(r.url).origin)).toEqual(['https://erp.example.local:44300']);
	});

	test('SAP: an absolute URL handed to get() on another origin is refused too', async () => {
		const { sent, transport } = recording(() => ({ d: { results: [] } }));
		const client = new SapODataClient({
			serviceRoot: root,
			system: 'SAP SuccessFactors',
			transport,
		});
		await hrisFailure(client.get(`${ELSEWHERE}/odata/v2/User`));
		expect(sent).toHaveLength(0);
	});
});

// A local SAP Gateway with a customer's BEM service (apis.md §3.3): AbsenceSet (IT2001, DATS as
// Edm.String, or Edm.DateTime with `absenceDates`), WorkTimeSet (IT0007, Edm.DateTime) and ContactSet
// (IT0002/0006/0105, Edm.DateTime), Basic or bearer auth, sap-client checked, $top/$skip or
// server-driven __next paging, Gateway error bodies.
import type { IncomingMessage } from 'node:http';

import type { PropType } from './odataFilter';
import { ODataTestServer, type EntitySetDef, type Reply } from './odataServer';

export const HCM_PATH = '/sap/opu/odata/sap/ZHR_BEM_SRV';
export const HCM_CLIENT = '100';
export const HCM_USER = 'BEM_RFC';
export const HCM_PASSWORD = 'Init1234!';
export const HCM_TOKEN = 'gw-bearer-7f3a';

export interface HcmAbsenceRow {
	Pernr: string | null;
	Awart: string;
	Begda: string;
	Endda: string;
	Seqnr: string;
	Abwtg: string;
	Stdaz: string;
	Kaltg: string;
}
export interface HcmWorkRow {
	Pernr: string;
	Begda: string;
	Endda: string;
	Wkwdy: string;
	Arbst: string;
	Wostd: string;
	/** entry (hire) date, DATS, as a customer's CDS field over EINTT / IT0041 would carry it */
	Eintt?: string;
	/** personnel area, as a customer's CDS field over IT0001 WERKS would carry it */
	Werks?: string;
}
/** A row of the service's contact entity set (IT0002 names, IT0006 address, IT0105 e-mail), DATS validity. */
export interface HcmContactRow {
	Pernr: string;
	Begda: string;
	Endda: string;
	Vorna: string;
	Nachn: string;
	UsridLong: string;
	Stras: string;
	Pstlz: string;
	Ort01: string;
	/** the line manager's PERNR, as a customer's CDS field over the org unit's chief might carry it; '' = none */
	MgrPernr?: string;
}
export interface HcmTenant {
	absences: HcmAbsenceRow[];
	work: HcmWorkRow[];
	/** ContactSet rows (none if absent) */
	contacts?: HcmContactRow[];
}

/** The sapHcmGatewayApi credential for this server: basic auth as HCM_USER on client HCM_CLIENT. */
export function hcmBasicCredential(server: { url: string }) {
	return {
		serviceUrl: `${server.url}${HCM_PATH}`,
		sapClient: HCM_CLIENT,
		authentication: 'basic',
		username: HCM_USER,
		password: HCM_PASSWORD,
		ignoreSslIssues: false,
		caCertificate: '',
	};
}

/** A contact with a made-up name; every fifth without e-mail (SAP sends empty strings, not null). */
export function hcmContact(pernr: string, extra: Partial<HcmContactRow> = {}): HcmContactRow {
	const n = Number(pernr);
	return {
		Pernr: pernr,
		Begda: '20200101',
		Endda: '99991231',
		Vorna: `Vorname${n}`,
		Nachn: `Nachname${n}`,
		UsridLong: n % 5 === 0 ? '' : `person${n}@example.com`,
		Stras: `Hauptstraße ${n % 100}`,
		Pstlz: `2${String(n % 10000).padStart(4, '0')}`,
		Ort01: 'Beispielstadt',
		...extra,
	};
}

const dateTime = (dats: string) =>
	`/Date(${Date.parse(`${dats.slice(0, 4)}-${dats.slice(4, 6)}-${dats.slice(6, 8)}T00:00:00Z`)})/`;

export class SapGatewayServer extends ODataTestServer {
	protected readonly servicePath = HCM_PATH;

	constructor(readonly tenant: HcmTenant) {
		super();
		this.paging = { mode: 'topSkip', pageSize: 1000 };
	}

	protected errorBody(code: string, message: string) {
		return {
			error: {
				code,
				message: { lang: 'en', value: message },
				innererror: {
					application: {
						component_id: '',
						service_namespace: '/SAP/',
						service_id: 'ZHR_BEM_SRV',
						service_version: '0001',
					},
					transactionid: '5F3C2B9A8E1D4C7B9A0F1E2D3C4B5A69',
					errordetails: [{ code, message, propertyref: '', severity: 'error', target: '' }],
				},
			},
		};
	}

	protected authorize(req: IncomingMessage, query: URLSearchParams): Reply | null {
		if (query.get('sap-client') !== HCM_CLIENT)
			return {
				status: 401,
				body: this.errorBody(
					'LOGON',
					`Logon failed: client ${query.get('sap-client') ?? '(default)'} is not the client of user ${HCM_USER}`,
				),
			};
		const auth = req.headers.authorization ?? '';
		if (auth === `Bearer ${HCM_TOKEN}`) return null;
		if (
			auth.startsWith('Basic ') &&
			Buffer.from(auth.slice(6), 'base64').toString('utf8') === `${HCM_USER}:${HCM_PASSWORD}`
		)
			return null;
		return { status: 401, body: '<html><body>Logon failed</body></html>' };
	}

	protected async extraRoute(req: IncomingMessage, path: string): Promise<Reply | null> {
		if (path !== HCM_PATH && path !== `${HCM_PATH}/`) return null;
		const denied = this.authorize(req, new URL(req.url ?? '/', this.url).searchParams);
		return denied ?? { status: 200, body: { d: { EntitySets: Object.keys(this.sets) } } };
	}

	/** how AbsenceSet types BEGDA/ENDDA: DATS as Edm.String (this service) or SEGW's default Edm.DateTime */
	absenceDates: 'dats' | 'dateTime' = 'dats';

	protected readonly sets: Record<string, EntitySetDef> = {
		AbsenceSet: absenceSet(this),
		WorkTimeSet: {
			type: 'ZHR_BEM_SRV.WorkTime',
			types: {
				Pernr: 'string',
				Begda: 'dateTime',
				Endda: 'dateTime',
				Schkz: 'string',
				Wkwdy: 'decimal',
				Arbst: 'decimal',
				Wostd: 'decimal',
				Empct: 'decimal',
				Eintt: 'dateTime',
				Werks: 'string',
			},
			keyOf: (r) => `Pernr='${r.Pernr}',Begda=${r.Begda}`,
			rows: () =>
				this.tenant.work.map((w) => ({
					Pernr: w.Pernr,
					Begda: dateTime(w.Begda),
					Endda: dateTime(w.Endda),
					Schkz: 'NORM',
					Wkwdy: w.Wkwdy,
					Arbst: w.Arbst,
					Wostd: w.Wostd,
					Empct: '100.00',
					Eintt: w.Eintt ? dateTime(w.Eintt) : null,
					Werks: w.Werks ?? null,
				})),
		},
		ContactSet: {
			type: 'ZHR_BEM_SRV.Contact',
			types: {
				Pernr: 'string',
				Begda: 'dateTime',
				Endda: 'dateTime',
				Anred: 'string',
				Vorna: 'string',
				Nachn: 'string',
				Gbdat: 'dateTime',
				UsridLong: 'string',
				Stras: 'string',
				Pstlz: 'string',
				Ort01: 'string',
				Land1: 'string',
				MgrPernr: 'string',
			},
			keyOf: (r) => `Pernr='${r.Pernr}',Begda=${r.Begda}`,
			// fields the node never asks for (date of birth) come back when a service ignores $select
			rows: () =>
				(this.tenant.contacts ?? []).map((c) => ({
					...c,
					Begda: dateTime(c.Begda),
					Endda: dateTime(c.Endda),
					Anred: '2',
					Gbdat: dateTime('19800101'),
					Land1: 'DE',
					MgrPernr: c.MgrPernr ?? '',
				})),
		},
	};
}

const ABSENCE_TYPES: Record<string, PropType> = {
	Pernr: 'string',
	Subty: 'string',
	Awart: 'string',
	Begda: 'string',
	Endda: 'string',
	Seqnr: 'string',
	Abwtg: 'decimal',
	Stdaz: 'decimal',
	Kaltg: 'decimal',
	Kenn1: 'string',
	Kenn2: 'string',
};

/** IT2001 records; types and date values follow the server's `absenceDates` at request time. */
function absenceSet(server: SapGatewayServer): EntitySetDef {
	const asDateTime = () => server.absenceDates === 'dateTime';
	return {
		type: 'ZHR_BEM_SRV.Absence',
		get types(): Record<string, PropType> {
			return asDateTime()
				? { ...ABSENCE_TYPES, Begda: 'dateTime', Endda: 'dateTime' }
				: ABSENCE_TYPES;
		},
		keyOf: (r) =>
			`Pernr='${r.Pernr}',Awart='${r.Awart}',Begda='${r.Begda}',Endda='${r.Endda}',Seqnr='${r.Seqnr}'`,
		rows: () =>
			server.tenant.absences
				.filter((a) => !asDateTime() || a.Begda !== '00000000')
				.map((a) => ({
					...a,
					...(asDateTime() ? { Begda: dateTime(a.Begda), Endda: dateTime(a.Endda) } : {}),
					Subty: a.Awart,
					Kenn1: '1',
					Kenn2: '0',
					Lfzed: '',
				})),
	};
}

function rng(seed: number) {
	let s = seed;
	return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
const dats = (day: Date) => day.toISOString().slice(0, 10).replace(/-/g, '');

/** Deterministic tenant: PERNRs with leading zeros, 3/4/5-day weeks, AWARTs 0200 (sick), 0210 (sick uncertified), 0100 (leave), 0300 (child). */
export function hcmTenant(employees: number, spells: number, seed = 11): HcmTenant {
	const random = rng(seed);
	const tenant: HcmTenant = { absences: [], work: [], contacts: [] };
	const types = ['0200', '0200', '0200', '0210', '0100', '0300'];
	for (let i = 0; i < employees; i++) {
		const pernr = String(1200 + i).padStart(8, '0');
		const days = [5, 3, 4][i % 3];
		if (i % 4 === 0)
			tenant.contacts!.push(
				hcmContact(pernr, { Endda: '20251231', Stras: 'Alte Gasse 1', Ort01: 'Altstadt' }),
				hcmContact(pernr, { Begda: '20260101' }),
			);
		else tenant.contacts!.push(hcmContact(pernr));
		tenant.work.push({
			Pernr: pernr,
			Begda: '20200101',
			Endda: '99991231',
			Wkwdy: `${days}.00`,
			Arbst: '8.00',
			Wostd: `${days * 8}.00`,
		});
		for (let s = 0; s < spells; s++) {
			const start = new Date(
				Date.parse('2025-09-01T00:00:00Z') + Math.floor(random() * 470) * 86_400_000,
			);
			const length = 1 + Math.floor(random() * (random() < 0.1 ? 50 : 10));
			const end = new Date(start.getTime() + (length - 1) * 86_400_000);
			const half = length === 1 && random() < 0.4;
			tenant.absences.push({
				Pernr: pernr,
				Awart: types[Math.floor(random() * types.length)],
				Begda: dats(start),
				Endda: dats(end),
				Seqnr: String(s).padStart(3, '0'),
				Abwtg: half ? '0.50' : `${length}.00`,
				Stdaz: half ? '4.00' : `${length * 8}.00`,
				Kaltg: `${length}.00`,
			});
		}
	}
	tenant.absences.push(
		{
			Pernr: '00001201',
			Awart: '0200',
			Begda: '00000000',
			Endda: '20260203',
			Seqnr: '900',
			Abwtg: '1.00',
			Stdaz: '8.00',
			Kaltg: '1.00',
		},
		{
			Pernr: '00001201',
			Awart: '0200',
			Begda: '20260310',
			Endda: '20260302',
			Seqnr: '901',
			Abwtg: '1.00',
			Stdaz: '8.00',
			Kaltg: '1.00',
		},
		{
			Pernr: '00099999',
			Awart: '0200',
			Begda: '20260504',
			Endda: '20260505',
			Seqnr: '000',
			Abwtg: '2.00',
			Stdaz: '16.00',
			Kaltg: '2.00',
		},
	);
	// teams of ten led by their second (1201, 1211 …, who all have an e-mail address); a lead has none ('00000000')
	for (const contact of tenant.contacts!) {
		const lead = String(1201 + 10 * Math.floor((Number(contact.Pernr) - 1200) / 10)).padStart(
			8,
			'0',
		);
		contact.MgrPernr = lead === contact.Pernr ? '00000000' : lead;
	}
	return tenant;
}

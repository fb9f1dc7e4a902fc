// A local SAP Gateway with a customer's BEM service (apis.md §3.3): AbsenceSet (IT2001, DATS as
// Edm.String) and WorkTimeSet (IT0007, Edm.DateTime), Basic or bearer auth, sap-client checked,
// $top/$skip or server-driven __next paging, Gateway error bodies.
import type { IncomingMessage } from 'node:http';

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
}
export interface HcmTenant {
	absences: HcmAbsenceRow[];
	work: HcmWorkRow[];
}

const dateTime = (dats: string) => `/Date(${Date.parse(`${dats.slice(0, 4)}-${dats.slice(4, 6)}-${dats.slice(6, 8)}T00:00:00Z`)})/`;

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
				innererror: { application: { component_id: '', service_namespace: '/SAP/', service_id: 'ZHR_BEM_SRV', service_version: '0001' }, transactionid: '5F3C2B9A8E1D4C7B9A0F1E2D3C4B5A69', errordetails: [{ code, message, propertyref: '', severity: 'error', target: '' }] },
			},
		};
	}

	protected authorize(req: IncomingMessage, query: URLSearchParams): Reply | null {
		if (query.get('sap-client') !== HCM_CLIENT) return { status: 401, body: this.errorBody('LOGON', `Logon failed: client ${query.get('sap-client') ?? '(default)'} is not the client of user ${HCM_USER}`) };
		const auth = req.headers.authorization ?? '';
		if (auth === `Bearer ${HCM_TOKEN}`) return null;
		if (auth.startsWith('Basic ') && Buffer.from(auth.slice(6), 'base64').toString('utf8') === `${HCM_USER}:${HCM_PASSWORD}`) return null;
		return { status: 401, body: '<html><body>Logon failed</body></html>' };
	}

	protected async extraRoute(req: IncomingMessage, path: string): Promise<Reply | null> {
		if (path !== HCM_PATH && path !== `${HCM_PATH}/`) return null;
		const denied = this.authorize(req, new URL(req.url ?? '/', this.url).searchParams);
		return denied ?? { status: 200, body: { d: { EntitySets: Object.keys(this.sets) } } };
	}

	protected readonly sets: Record<string, EntitySetDef> = {
		AbsenceSet: {
			type: 'ZHR_BEM_SRV.Absence',
			types: { Pernr: 'string', Subty: 'string', Awart: 'string', Begda: 'string', Endda: 'string', Seqnr: 'string', Abwtg: 'decimal', Stdaz: 'decimal', Kaltg: 'decimal', Kenn1: 'string', Kenn2: 'string' },
			keyOf: (r) => `Pernr='${r.Pernr}',Awart='${r.Awart}',Begda='${r.Begda}',Endda='${r.Endda}',Seqnr='${r.Seqnr}'`,
			rows: () => this.tenant.absences.map((a) => ({ ...a, Subty: a.Awart, Kenn1: '1', Kenn2: '0', Lfzed: '' })),
		},
		WorkTimeSet: {
			type: 'ZHR_BEM_SRV.WorkTime',
			types: { Pernr: 'string', Begda: 'dateTime', Endda: 'dateTime', Schkz: 'string', Wkwdy: 'decimal', Arbst: 'decimal', Wostd: 'decimal', Empct: 'decimal' },
			keyOf: (r) => `Pernr='${r.Pernr}',Begda=${r.Begda}`,
			rows: () => this.tenant.work.map((w) => ({ Pernr: w.Pernr, Begda: dateTime(w.Begda), Endda: dateTime(w.Endda), Schkz: 'NORM', Wkwdy: w.Wkwdy, Arbst: w.Arbst, Wostd: w.Wostd, Empct: '100.00' })),
		},
	};
}

function rng(seed: number) {
	let s = seed;
	return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}
const dats = (day: Date) => day.toISOString().slice(0, 10).replace(/-/g, '');

/** Deterministic tenant: PERNRs with leading zeros, 3/4/5-day weeks, AWARTs 0200 (sick), 0210 (sick uncertified), 0100 (leave), 0300 (child). */
export function hcmTenant(employees: number, spells: number, seed = 11): HcmTenant {
	const random = rng(seed);
	const tenant: HcmTenant = { absences: [], work: [] };
	const types = ['0200', '0200', '0200', '0210', '0100', '0300'];
	for (let i = 0; i < employees; i++) {
		const pernr = String(1200 + i).padStart(8, '0');
		const days = [5, 3, 4][i % 3];
		tenant.work.push({ Pernr: pernr, Begda: '20200101', Endda: '99991231', Wkwdy: `${days}.00`, Arbst: '8.00', Wostd: `${days * 8}.00` });
		for (let s = 0; s < spells; s++) {
			const start = new Date(Date.parse('2025-09-01T00:00:00Z') + Math.floor(random() * 470) * 86_400_000);
			const length = 1 + Math.floor(random() * (random() < 0.1 ? 50 : 10));
			const end = new Date(start.getTime() + (length - 1) * 86_400_000);
			const half = length === 1 && random() < 0.4;
			tenant.absences.push({ Pernr: pernr, Awart: types[Math.floor(random() * types.length)], Begda: dats(start), Endda: dats(end), Seqnr: String(s).padStart(3, '0'), Abwtg: half ? '0.50' : `${length}.00`, Stdaz: half ? '4.00' : `${length * 8}.00`, Kaltg: `${length}.00` });
		}
	}
	tenant.absences.push(
		{ Pernr: '00001201', Awart: '0200', Begda: '00000000', Endda: '20260203', Seqnr: '900', Abwtg: '1.00', Stdaz: '8.00', Kaltg: '1.00' },
		{ Pernr: '00001201', Awart: '0200', Begda: '20260310', Endda: '20260302', Seqnr: '901', Abwtg: '1.00', Stdaz: '8.00', Kaltg: '1.00' },
		{ Pernr: '00099999', Awart: '0200', Begda: '20260504', Endda: '20260505', Seqnr: '000', Abwtg: '2.00', Stdaz: '16.00', Kaltg: '2.00' },
	);
	return tenant;
}

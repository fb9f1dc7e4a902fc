// BEM · 1 Detect for SAP SuccessFactors and SAP HCM: the same daily run as the Personio variant (cases
// opened, one invitation cycle per new case, the approaching digest), reading the absences for the
// threshold and, for the letter, each due employee's name, e-mail and postal address from SAP.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { IDataObject } from 'n8n-workflow';

import { hcmBasicCredential, hcmContact, SapGatewayServer } from '../hris/sap/hcmServer';
import { makeKeyPair } from '../hris/sap/keys';
import { sfUser, type SfTime } from '../hris/sap/sfData';
import { SF_CLIENT_ID, SF_COMPANY, SF_USER, SuccessFactorsServer } from '../hris/sap/sfServer';
import { pdfText } from '../letters/pdfText';
import { absenceFieldsByNode, outputFields, RESULT_FIELDS } from './absenceRecords';
import { processTenant, startProcessEnv, runError, type ProcessEnv } from './process';
import { TEST_READER } from '../store/backends';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IDS } = require('../../scripts/workflows/common') as { IDS: Record<string, string> };

/** As the Personio process tenant: 3001 and 3003 (no e-mail, no address) reach the threshold, 3002 is close, 3004 far below. */
const SPELLS: Array<[number, string, string, string]> = [
	[3001, 'sick', '2026-01-05', '2026-03-06'],
	[3002, 'sick', '2026-04-13', '2026-05-15'],
	[3003, 'sick', '2026-02-02', '2026-03-27'],
	[3004, 'sick', '2026-05-04', '2026-05-06'],
	[3004, 'vacation', '2026-01-05', '2026-03-27'],
];

interface SapSystem {
	credentials: [string, IDataObject];
	/** $filter of each contact read */
	contactFilters(): string[];
	/** $filter of each successful read of an entity set */
	filtersOf(set: string): string[];
	stop(): Promise<void>;
}

interface Variant {
	title: string;
	file: string;
	id(n: number): string;
	/** what the letter gets for 3001 (address from SAP) */
	anna: { name: string; lastName: string; email: string; address: string };
	contactFilter(id: string): string;
	/** `without3001`: SAP has no contact record for 3001; `locations`: work location by id, where SAP keeps one */
	start(without3001?: boolean, locations?: Record<string, string>): Promise<SapSystem>;
}

const VARIANTS: Variant[] = [
	{
		title: 'SAP SuccessFactors',
		file: 'bem-1-detect-sap-successfactors.json',
		id: (n) => String(n),
		anna: {
			name: 'Vorname3001 Nachname3001',
			lastName: 'Nachname3001',
			email: 'person3001@example.com',
			address: 'Musterweg 1\n13001 Musterstadt',
		},
		contactFilter: (id) => `userId eq '${id}'`,
		async start(without3001 = false, locations = {}) {
			const keys = makeKeyPair();
			const times: SfTime[] = SPELLS.map(([n, kind, start, end], i) => ({
				externalCode: `et${i}`,
				userId: String(n),
				timeType: kind === 'sick' ? 'SICK_DE' : 'VAC_DE',
				start,
				end,
				days: null,
				hours: null,
				approvalStatus: 'APPROVED',
				open: false,
				comment: i === 0 ? 'Diagnose: Bandscheibenvorfall' : null,
			}));
			const ids = ['3001', '3002', '3003', '3004'];
			const tenant = {
				times,
				jobs: ids.map((userId) => ({
					userId,
					start: '2020-01-01',
					end: '9999-12-31',
					daysPerWeek: 5,
					weeklyHours: 40,
					scheduleCode: 'VZ_40',
					// 3002's line manager is 3004 (read only where the works agreement provides for it)
					...(userId === '3002' ? { managerId: '3004' } : {}),
					...(locations[userId] ? { location: locations[userId] } : {}),
				})),
				schedules: [{ code: 'VZ_40', daysPerWeek: 5, hoursPerDay: 8 }],
				users: [
					sfUser('3001'),
					sfUser('3002'),
					sfUser('3003', { email: null }),
					sfUser('3004'),
				].filter((u) => !without3001 || u.userId !== '3001'), // 3003 % 7 === 0: no address
			};
			const sf = await new SuccessFactorsServer(tenant, keys.certificatePem).start();
			return {
				credentials: [
					'sapSuccessFactorsApi',
					{
						apiServer: sf.url,
						companyId: SF_COMPANY,
						authentication: 'samlBearer',
						clientId: SF_CLIENT_ID,
						userId: SF_USER,
						privateKey: keys.privateKeyPem,
						certificate: keys.certificatePem,
					},
				],
				contactFilters: () => sf.requestsTo('User').map((r) => r.query.get('$filter') ?? ''),
				filtersOf: (set) => sf.requestsTo(set).map((r) => r.query.get('$filter') ?? ''),
				stop: () => sf.stop(),
			};
		},
	},
	{
		title: 'SAP HCM',
		file: 'bem-1-detect-sap-hcm.json',
		id: (n) => String(n).padStart(8, '0'),
		anna: {
			name: 'Vorname3001 Nachname3001',
			lastName: 'Nachname3001',
			email: 'person3001@example.com',
			address: 'Hauptstraße 1\n23001 Beispielstadt',
		},
		contactFilter: (id) => `Pernr eq '${id}'`,
		async start(without3001 = false, locations = {}) {
			const pernr = (n: number) => String(n).padStart(8, '0');
			const dats = (day: string) => day.replace(/-/g, '');
			const tenant = {
				absences: SPELLS.map(([n, kind, start, end], i) => ({
					Pernr: pernr(n),
					Awart: kind === 'sick' ? '0200' : '0100',
					Begda: dats(start),
					Endda: dats(end),
					Seqnr: String(i).padStart(3, '0'),
					Abwtg: '',
					Stdaz: '',
					Kaltg: '',
				})),
				work: [3001, 3002, 3003, 3004].map((n) => ({
					Pernr: pernr(n),
					Begda: '20200101',
					Endda: '99991231',
					Wkwdy: '5.00',
					Arbst: '8.00',
					Wostd: '40.00',
					...(locations[pernr(n)] ? { Werks: locations[pernr(n)] } : {}),
				})),
				contacts: [
					...(without3001
						? []
						: [
								hcmContact(pernr(3001), { Endda: '20251231', Stras: 'Alte Gasse 1' }),
								hcmContact(pernr(3001), { Begda: '20260101' }),
							]),
					hcmContact(pernr(3002), { MgrPernr: pernr(3004) }),
					hcmContact(pernr(3003), { UsridLong: '', Stras: '', Pstlz: '', Ort01: '' }),
					hcmContact(pernr(3004)),
				],
			};
			const hcm = await new SapGatewayServer(tenant).start();
			hcm.absenceDates = 'dateTime'; // the SEGW default the shipped workflow is configured for
			return {
				credentials: ['sapHcmGatewayApi', hcmBasicCredential(hcm)],
				contactFilters: () => hcm.requestsTo('ContactSet').map((r) => r.query.get('$filter') ?? ''),
				filtersOf: (set) => hcm.requestsTo(set).map((r) => r.query.get('$filter') ?? ''),
				stop: () => hcm.stop(),
			};
		},
	},
];

describe.each(VARIANTS)('BEM · 1 Detect ($title)', (v) => {
	let env: ProcessEnv;
	let sap: SapSystem;
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		sap = await v.start();
		env.credentials[sap.credentials[0]] = sap.credentials[1];
	});
	afterAll(async () => {
		await sap.stop();
		await env.close();
	});

	it('opens a case per due employee without reading contact details, starts the invitation cycle for each, and mails the approaching digest', async () => {
		const result = await env.run(v.file, { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();

		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId).sort()).toEqual([v.id(3001), v.id(3003)]);
		expect(open.every((c) => c.openedOn === '2026-06-01')).toBe(true);
		// Detect reads no contact details: the letter workflow reads them, once per letter
		expect(sap.contactFilters()).toEqual([]);

		expect(env.calls).toHaveLength(2);
		for (const call of env.calls) {
			expect(call).toMatchObject({ workflowId: IDS.invitationCycle, waitForSubWorkflow: false });
			expect(call.items).toHaveLength(1);
			// ids only: the letter reads the contact details itself (this HRIS's letter workflow), so none wait in the cycle
			expect(Object.keys(call.items[0].json).sort()).toEqual([
				'caseId',
				'employeeId',
				'letterWorkflowId',
			]);
			expect(call.items[0].json.letterWorkflowId).toBe(
				v.file.includes('successfactors') ? IDS.sendLetterSapSuccessFactors : IDS.sendLetterSapHcm,
			);
		}
		const started = env.calls.map((c) => c.items[0].json as { caseId: string; employeeId: string });
		expect(started.map((s) => s.caseId).sort()).toEqual(open.map((c) => c.id).sort());
		expect(started.map((s) => s.employeeId).sort()).toEqual([v.id(3001), v.id(3003)]);
		// nothing of a contact record goes on with the case
		expect(JSON.stringify(result.output('Open BEM Case'))).not.toMatch(
			/Vorname|Nachname|@example\.com/,
		);

		expect(env.smtp.mails).toHaveLength(1);
		const digest = env.smtp.mails[0];
		expect(digest.to).toEqual(['bem-team@example.com']);
		expect(digest.subject).toContain('1 Beschäftigte');
		expect(digest.text).toContain(`Personalnummer ${v.id(3002)}`);
		expect(digest.text).not.toMatch(/3001|3003|3004|Vorname|Nachname|Diagnose|Bandscheibe/);
	});

	it('running again the same day opens nothing and starts no second cycle', async () => {
		const before = { calls: env.calls.length, mails: env.smtp.mails.length };
		const result = await env.run(v.file, { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		expect(env.calls.length).toBe(before.calls);
		expect((await env.store.findCases({}, TEST_READER)).length).toBe(2);
		// no digest either: the approaching employee was already near the threshold (once per crossing)
		expect(env.smtp.mails.length).toBe(before.mails);
	});

	it("the invitation cycle Detect started sends the first letter through this HRIS's letter workflow, with SAP's contact details", async () => {
		const [start] = env.calls.filter(
			(c) => (c.items[0].json as { employeeId: string }).employeeId === v.id(3001),
		);
		const before = env.smtp.mails.length;
		const cycle = await env.run('bem-2-invitation-cycle.json', {
			items: [start.items[0].json as IDataObject],
			executionId: `cycle-${v.id(3001)}`,
		});
		expect(runError(cycle)).toBeUndefined();
		expect(cycle.run.status).toBe('waiting');
		// the letter read 3001's contact details, once
		expect(sap.contactFilters()).toEqual([v.contactFilter(v.id(3001))]);
		const letter = env.smtp.mails.slice(before).filter((m) => m.to.includes(v.anna.email));
		expect(letter).toHaveLength(1);
		expect(letter[0].attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
		expect(letter[0].text).toContain(`Guten Tag ${v.anna.name}`);
		// the address block of the PDF comes from SAP
		expect(pdfText(letter[0].attachments[0].content)).toContain(v.anna.address.split('\n')[0]);
		expect(env.subRuns.at(-1)?.file).toBe(v.file.replace('bem-1-detect-', 'bem-2a-send-letter-'));
		// the waiting cycle holds ids and dates only
		expect(JSON.stringify(cycle.run.data.resultData.runData)).not.toMatch(
			/Vorname|Nachname|person3001|Musterweg|Hauptstraße|%PDF/,
		);

		// 3003: no e-mail and no address in SAP → the letter goes to HR for posting, addressed to the internal mail address
		const [other] = env.calls.filter(
			(c) => (c.items[0].json as { employeeId: string }).employeeId === v.id(3003),
		);
		const mark = env.smtp.mails.length;
		const posted = await env.run('bem-2-invitation-cycle.json', {
			items: [other.items[0].json as IDataObject],
			executionId: `cycle-${v.id(3003)}`,
		});
		expect(runError(posted)).toBeUndefined();
		const toHr = env.smtp.mails.slice(mark);
		expect(toHr.map((m) => m.to)).toEqual([['bem-team@example.com']]);
		const pdf = pdfText(toHr[0].attachments[0].content);
		expect(pdf).toContain('Vorname3003 Nachname3003');
		expect(pdf).toContain('Musterstraße 1');
	});

	it('keeps execution data free of absence details and names in the threshold stage, and of credentials everywhere', async () => {
		const result = await env.run(v.file, { items: [{ asOf: '2026-06-01' }] });
		const stages = ['Last BEM Closures', 'Check §167 Threshold'].map((n) =>
			JSON.stringify(result.run.data.resultData.runData[n]),
		);
		for (const s of stages)
			expect(s).not.toMatch(/Diagnose|Bandscheibe|Vorname|Nachname|VAC_DE|"0100"/);
		// a manual run shows no absence record in any node: the SAP node emits threshold results only
		const { runData } = result.run.data.resultData;
		expect(absenceFieldsByNode(runData)).toEqual({});
		expect(outputFields(runData, 'Check §167 Threshold')).toEqual([...RESULT_FIELDS].sort());
		expect(JSON.stringify(result.run.data)).not.toMatch(
			/PRIVATE KEY|BEGIN CERTIFICATE|sf-token-|Init1234|Kenn1|Gbdat|comment/,
		);
	});
});

// A due employee SAP has no usable contact record for: the case is opened (the BEM duty does not wait
// for master data) and its invitation cycle starts; the letter workflow finds no record, sends nothing
// and tells HR the case and personnel number, and the case stays open for the Deadline Sweep. (Before
// issue 16 Detect read the contact details itself and sent HR its own digest, with SAP's problem text.)
describe.each(VARIANTS)('BEM · 1 Detect ($title): a due employee without contact details', (v) => {
	let env: ProcessEnv;
	let sap: SapSystem;
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		sap = await v.start(true);
		env.credentials[sap.credentials[0]] = sap.credentials[1];
	});
	afterAll(async () => {
		await sap.stop();
		await env.close();
	});

	it('opens the case, its letter sends nothing, and HR hears the personnel number and case', async () => {
		const result = await env.run(v.file, { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();

		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId).sort()).toEqual([v.id(3001), v.id(3003)]);
		const anna = open.find((c) => c.employeeId === v.id(3001))!;
		const [start] = env.calls.filter(
			(c) => (c.items[0].json as { caseId: string }).caseId === anna.id,
		);
		const cycle = await env.run('bem-2-invitation-cycle.json', {
			items: [start.items[0].json as IDataObject],
			executionId: `cycle-${v.id(3001)}`,
		});
		expect(runError(cycle)).toBeUndefined();
		expect(env.smtp.mails.filter((m) => m.to.some((to) => to.startsWith('person')))).toEqual([]);

		const told = env.smtp.mails.filter((m) =>
			m.subject.startsWith('BEM: Einladung nicht versandt'),
		);
		expect(told).toHaveLength(1);
		expect(told[0].to).toEqual(['bem-team@example.com']);
		expect(told[0].subject).toBe(
			`BEM: Einladung nicht versandt – kein Kontaktdatensatz (Personalnummer ${v.id(3001)})`,
		);
		expect(told[0].text).toContain(`Fall ${anna.id}`);
		expect(told[0].text).not.toMatch(/Vorname|Nachname|Alte Gasse|Diagnose|Bandscheibe/);
		expect(await env.store.getCase(anna.id, { actor: 'test', purpose: 'test' })).toMatchObject({
			state: 'open',
		});
	});
});

const LOCATED: Array<[Variant, Record<string, unknown>]> = [
	[VARIANTS[0], {}],
	// HCM: the service's infotype 0007 set carries the personnel area (a CDS field over IT0001 WERKS)
	[VARIANTS[1], { workTimeFields: { location: 'Werks' } }],
];

describe.each(LOCATED.map(([v, extra]) => [v.title, v, extra] as const))(
	"BEM · 1 Detect (%s): each case keeps its employee's Bundesland",
	(_title, v, extra) => {
		let env: ProcessEnv;
		let sap: SapSystem;
		let dir: string;
		beforeAll(async () => {
			// the HRIS node's Threshold Options: location KOELN → NW, Bavaria for the rest
			dir = mkdtempSync(join(tmpdir(), 'bem-detect-sap-states-'));
			cpSync(join(__dirname, '../../workflows'), dir, { recursive: true });
			const wf = JSON.parse(readFileSync(join(dir, v.file), 'utf8'));
			const node = wf.nodes.find((n: { name: string }) => n.name === 'Check §167 Threshold');
			node.parameters = {
				...node.parameters,
				...extra,
				thresholdOptions: {
					...node.parameters.thresholdOptions,
					holidayStateByLocation: { pairs: [{ location: 'KOELN', state: 'NW' }] },
					defaultHolidayState: 'BY',
				},
			};
			writeFileSync(join(dir, v.file), JSON.stringify(wf));
			env = await startProcessEnv(processTenant(), dir);
			env.setToday('2026-06-01');
			sap = await v.start(false, { [v.id(3003)]: 'KOELN' });
			env.credentials[sap.credentials[0]] = sap.credentials[1];
		});
		afterAll(async () => {
			await sap.stop();
			await env.close();
			rmSync(dir, { recursive: true, force: true });
		});

		it("opens the cases with the Bundesland of the employee's SAP location, else the default", async () => {
			const result = await env.run(v.file, { items: [{ asOf: '2026-06-01' }] });
			expect(runError(result)).toBeUndefined();
			const open = await env.store.findCases({ state: 'open' }, TEST_READER);
			expect(open.map((c) => [c.employeeId, c.holidayState]).sort()).toEqual([
				[v.id(3001), 'BY'],
				[v.id(3003), 'NW'],
			]);
		});
	},
);

describe('BEM · 1 Detect (SAP SuccessFactors): the work patterns stay in the BEM file', () => {
	let env: ProcessEnv;
	let sap: SapSystem;
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		sap = await VARIANTS[0].start();
		env.credentials[sap.credentials[0]] = sap.credentials[1];
	});
	afterAll(async () => {
		await sap.stop();
		await env.close();
	});

	it('the next daily run asks SuccessFactors which job records changed instead of reading them again', async () => {
		for (const at of ['2026-06-01', '2026-06-02']) {
			env.setToday(at);
			expect(runError(await env.run(VARIANTS[0].file, { items: [{ asOf: at }] }))).toBeUndefined();
		}
		const [first, ...daily] = sap.filtersOf('EmpJob');
		expect(first).toBe("userId in '3001','3002','3003','3004'");
		expect(daily).toEqual([
			"lastModifiedDateTime gt datetimeoffset'2026-06-01T07:00:00Z' or (startDate gt datetime'2026-05-31T00:00:00' and startDate le datetime'2026-06-02T00:00:00')",
		]);
		expect(sap.filtersOf('EmpEmployment')).toHaveLength(2);
	});
});

// Where the works agreement provides for telling line managers (Settings lineManagerNotice): the SAP
// variants read the manager from SAP (SuccessFactors EmpJob managerId, SAP HCM the mapped field).
describe.each(VARIANTS)('BEM · 1 Detect ($title): the line managers’ notice', (v) => {
	let sap: SapSystem;
	const dirs: string[] = [];
	/** the shipped workflows with the notice on (and, for SAP HCM, `managerField` mapped) */
	const workflows = (managerField: string) => {
		const dir = mkdtempSync(join(tmpdir(), 'bem-detect-sap-managers-'));
		dirs.push(dir);
		cpSync(join(__dirname, '../../workflows'), dir, { recursive: true });
		const file = join(dir, v.file);
		const wf = JSON.parse(readFileSync(file, 'utf8'));
		const byName = (name: string) => wf.nodes.find((n: { name: string }) => n.name === name);
		const notice = byName('Settings').parameters.assignments.assignments.find(
			(a: { name: string }) => a.name === 'lineManagerNotice',
		);
		notice.value = true;
		if (managerField)
			byName('Read Line Managers').parameters.contactFields.lineManagerId = managerField;
		writeFileSync(file, JSON.stringify(wf));
		return dir;
	};
	const detect = async (dir: string) => {
		const env = await startProcessEnv(processTenant(), dir);
		env.setToday('2026-06-01');
		env.credentials[sap.credentials[0]] = sap.credentials[1];
		try {
			return { env, result: await env.run(v.file, { items: [{ asOf: '2026-06-01' }] }) };
		} finally {
			await env.close();
		}
	};
	beforeAll(async () => {
		sap = await v.start();
	});
	afterAll(async () => {
		await sap.stop();
		for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
	});

	it('mails the approaching employee’s manager from SAP, personnel numbers only', async () => {
		const { env, result } = await detect(workflows(v.title === 'SAP HCM' ? 'MgrPernr' : ''));
		expect(runError(result)).toBeUndefined();
		expect(result.output('Read Line Managers', 0)).toEqual([
			{
				employeeId: v.id(3002),
				lineManagerId: v.id(3004),
				lineManagerEmail: 'person3004@example.com',
			},
		]);
		expect(result.output('Read Line Managers', 1)).toEqual([]);
		const notices = env.smtp.mails.filter((m) => m.to.includes('person3004@example.com'));
		expect(notices).toHaveLength(1);
		expect(notices[0].subject).toBe(
			'BEM: Beschäftigte Ihres Bereichs nahe der Sechs-Wochen-Schwelle',
		);
		expect(notices[0].text).toContain(`Personalnummer ${v.id(3002)}\n`);
		expect(notices[0].text).not.toMatch(/3001|3003|Vorname|Nachname|Arbeitstage|Diagnose/);
		// the digest to the officer and this notice: nobody unreachable
		expect(env.smtp.mails).toHaveLength(2);
	});

	if (v.title === 'SAP HCM')
		it('without the manager field mapped, the run stops naming the parameter, after the officer’s digest', async () => {
			const { env, result } = await detect(workflows(''));
			const error = runError(result);
			expect(error).toContain('Map the Line Manager Personnel Number Field under Contact Fields');
			expect(env.smtp.mails.map((m) => m.to)).toEqual([['bem-team@example.com']]);
		});
});

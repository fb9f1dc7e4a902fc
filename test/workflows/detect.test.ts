// BEM · 1 Detect (Personio): the daily run opens cases for employees over the threshold, starts one
// invitation cycle per new case (not waited for) and mails the BEM officer a digest of those newly
// approaching it (once per crossing); running it again the same day opens, starts and mails nothing.
import type { IDataObject } from 'n8n-workflow';

import { absenceFieldsByNode, outputFields, RESULT_FIELDS } from './absenceRecords';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { processTenant, startProcessEnv, runError, type ProcessEnv } from './process';
import { TEST_READER } from '../store/backends';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IDS } = require('../../scripts/workflows/common') as { IDS: Record<string, string> };

describe('BEM · 1 Detect (Personio)', () => {
	let env: ProcessEnv;
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
	});
	afterAll(() => env.close());

	it('opens a case per due employee, starts the invitation cycle for each, and mails the approaching digest', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();

		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId).sort()).toEqual(['3001', '3003']);
		expect(open.every((c) => c.openedOn === '2026-06-01')).toBe(true);

		expect(env.calls).toHaveLength(2);
		for (const call of env.calls) {
			expect(call).toMatchObject({ workflowId: IDS.invitationCycle, waitForSubWorkflow: false });
			expect(call.items).toHaveLength(1);
			// ids only: the letter reads the contact details itself (Personio's letter workflow), so none wait in the cycle
			expect(Object.keys(call.items[0].json).sort()).toEqual([
				'caseId',
				'employeeId',
				'letterWorkflowId',
			]);
			expect(call.items[0].json.letterWorkflowId).toBe(IDS.sendLetterPersonio);
		}
		const started = env.calls.map((c) => c.items[0].json as { caseId: string; employeeId: string });
		expect(started.map((s) => s.caseId).sort()).toEqual(open.map((c) => c.id).sort());
		expect(started.map((s) => s.employeeId).sort()).toEqual(['3001', '3003']);
		// nothing of a contact record goes on with the case
		expect(JSON.stringify(result.output('Open BEM Case'))).not.toMatch(
			/Vorname|Nachname|@example\.com/,
		);
		// Detect reads no contact details: the letter workflow reads them, once per letter
		expect(env.personio.requests('/v1/company/employees/')).toEqual([]);

		// one digest to HR: the approaching employee by personnel number, no names, no health words
		expect(env.smtp.mails).toHaveLength(1);
		const digest = env.smtp.mails[0];
		expect(digest.to).toEqual(['bem-team@example.com']);
		expect(digest.subject).toContain('1 Beschäftigte');
		expect(digest.text).toContain('Personalnummer 3002');
		expect(digest.text).not.toMatch(/3001|3003|3004|Vorname|Nachname|Diagnose|Bandscheibe/);
	});

	it('running again the same day opens nothing and starts no second cycle', async () => {
		const before = { calls: env.calls.length, mails: env.smtp.mails.length };
		const listings = () => env.personio.requests('/v1/company/employees');
		const listed = listings().length;
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		// the work patterns come from the BEM file's cache: Personio is asked only who changed
		expect(
			listings()
				.slice(listed)
				.map((r) => r.query.has('updated_since')),
		).toEqual([true]);
		expect(env.calls.length).toBe(before.calls);
		expect((await env.store.findCases({}, TEST_READER)).length).toBe(2);
		// and mails nothing: 3002 was already near the threshold in the first run (once per crossing)
		expect(env.smtp.mails.length).toBe(before.mails);
	});

	it('keeps execution data free of absence details and names in the threshold stage', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		const stages = ['Last BEM Closures', 'Check §167 Threshold'].map((n) =>
			JSON.stringify(result.run.data.resultData.runData[n]),
		);
		for (const s of stages) expect(s).not.toMatch(/Diagnose|Bandscheibe|Vorname|Nachname/);
	});

	it('a manual run shows no absence record in any node: the Personio node emits threshold results only', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		const { runData } = result.run.data.resultData;
		expect(absenceFieldsByNode(runData)).toEqual({});
		expect(outputFields(runData, 'Check §167 Threshold')).toEqual([...RESULT_FIELDS].sort());
		expect(result.output('Check §167 Threshold', 0).map((j) => j.employeeId)).toEqual([
			'3001',
			'3003',
		]);
	});
});

// The count's restart from one store lookup (Last BEM Closures): a BEM declined after its offer
// restarts the count, so that employee is no longer due; a case withdrawn while still open (never
// offered) restarts nothing, so the duty stands and a new case opens. Before the lookup, Detect joined
// every closed case in an expression and the withdrawn one silently restarted the count.
describe('BEM · 1 Detect (Personio): the count restarts only after a BEM closed after an offer', () => {
	let env: ProcessEnv;
	const actor = 'test';
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		const declined = await env.store.openCase({
			employeeId: '3001',
			reachedOn: '2026-05-01',
			reason: 'cumulative',
			on: '2026-05-04',
			actor,
		});
		await env.store.recordEvent(declined.case.id, {
			type: 'invitation_sent',
			on: '2026-05-04',
			actor,
		});
		await env.store.recordEvent(declined.case.id, {
			type: 'reply_declined',
			on: '2026-05-25',
			actor,
		});
		const withdrawn = await env.store.openCase({
			employeeId: '3003',
			reachedOn: '2026-05-01',
			reason: 'cumulative',
			on: '2026-05-04',
			actor,
		});
		await env.store.recordEvent(withdrawn.case.id, { type: 'withdrawn', on: '2026-05-25', actor });
	});
	afterAll(() => env.close());

	it('opens a case for 3003 (withdrawn while open) and none for 3001 (declined after the offer)', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		expect(result.output('Last BEM Closures')).toEqual([
			{ lastBemClosures: { '3001': '2026-05-25' } },
		]);
		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId)).toEqual(['3003']);
		expect(result.output('Check §167 Threshold', 0).map((j) => j.employeeId)).toEqual(['3003']);
		expect(env.calls.map((c) => (c.items[0].json as { employeeId: string }).employeeId)).toEqual([
			'3003',
		]);
	});
});

// A due employee Personio has no record for (404 on the direct read: deleted, or hidden from the API
// credential): the BEM duty stands, so the case is opened and its invitation cycle starts; the letter
// workflow finds no record, sends nothing and tells HR (ids only), and the case stays open. Until the
// record is back, the daily Deadline Sweep tries again and HR hears it again; then the letter goes out.
// (Before issue 16 Detect read the contact details itself and sent HR its own digest; the contact is
// now read once, by the letter workflow.)
describe('BEM · 1 Detect (Personio): a due employee without contact details', () => {
	let env: ProcessEnv;
	const access = { actor: 'test', purpose: 'test' };
	const noRecordMails = () =>
		env.smtp.mails.filter((m) =>
			m.subject.startsWith('BEM: Einladung nicht versandt – kein Kontaktdatensatz'),
		);
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		env.personio.faults.push({ status: 404, count: 1000, path: '/v1/company/employees/3001' });
	});
	afterAll(() => env.close());

	it('opens the case, its letter sends nothing, and HR hears the personnel number and case', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();

		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId).sort()).toEqual(['3001', '3003']);
		const anna = open.find((c) => c.employeeId === '3001')!;
		expect(env.calls).toHaveLength(2);
		const [start] = env.calls.filter(
			(c) => (c.items[0].json as { employeeId: string }).employeeId === '3001',
		);
		const cycle = await env.run('bem-2-invitation-cycle.json', {
			items: [start.items[0].json as IDataObject],
			executionId: 'cycle-3001',
		});
		expect(runError(cycle)).toBeUndefined();
		expect(env.smtp.mails.filter((m) => m.to.some((to) => to.startsWith('person')))).toEqual([]);

		expect(noRecordMails()).toHaveLength(1);
		const [mail] = noRecordMails();
		expect(mail.to).toEqual(['bem-team@example.com']);
		expect(mail.subject).toBe(
			'BEM: Einladung nicht versandt – kein Kontaktdatensatz (Personalnummer 3001)',
		);
		expect(mail.text).toContain(`Fall ${anna.id}`);
		expect(mail.text).not.toMatch(/Vorname|Nachname|Diagnose|Bandscheibe|Krankheit/);
		expect(await env.store.getCase(anna.id, access)).toMatchObject({ state: 'open' });
		// the approaching digest is unchanged
		expect(
			env.smtp.mails.filter((m) => m.subject.includes('nahe der Sechs-Wochen-Schwelle')),
		).toHaveLength(1);
	});

	it('the next day Detect opens and starts nothing new; the Deadline Sweep tries again and HR hears it again', async () => {
		env.setToday('2026-06-02');
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-02' }] });
		expect(runError(result)).toBeUndefined();
		expect((await env.store.findCases({}, TEST_READER)).length).toBe(2);
		expect(env.calls.filter((c) => c.workflowId === IDS.invitationCycle)).toHaveLength(2);
		const sweep = await env.run('bem-4-deadline-sweep.json', { items: [{ asOf: '2026-06-02' }] });
		expect(runError(sweep)).toBeUndefined();
		expect(noRecordMails()).toHaveLength(2);
		expect(noRecordMails()[1].subject).toContain('Personalnummer 3001');
	});

	it('once Personio has the record again, the Deadline Sweep sends the first invitation of the waiting case', async () => {
		env.personio.faults.length = 0;
		env.setToday('2026-06-03');
		const result = await env.run('bem-4-deadline-sweep.json', { items: [{ asOf: '2026-06-03' }] });
		expect(runError(result)).toBeUndefined();
		const letters = env.smtp.mails.filter((m) => m.to.includes('person3001@example.com'));
		expect(letters).toHaveLength(1);
		const [anna] = await env.store.findCases({ employeeId: '3001' }, TEST_READER);
		expect(await env.store.getCase(anna.id, access)).toMatchObject({ state: 'invited' });
	});

	it('a case past its invitation (accepted) is not reported to HR again when the record goes missing', async () => {
		const [anna] = await env.store.findCases({ employeeId: '3001' }, TEST_READER);
		await env.store.recordEvent(anna.id, {
			type: 'reply_accepted',
			on: '2026-06-04',
			actor: 'test',
		});
		env.personio.faults.push({ status: 404, count: 1000, path: '/v1/company/employees/3001' });
		env.setToday('2026-06-04');
		const before = { mails: noRecordMails().length, reads: env.personio.log.length };
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-04' }] });
		expect(runError(result)).toBeUndefined();
		const sweep = await env.run('bem-4-deadline-sweep.json', { items: [{ asOf: '2026-06-04' }] });
		expect(runError(sweep)).toBeUndefined();
		expect(noRecordMails().length).toBe(before.mails);
		// nobody asked Personio for 3001's record
		expect(
			env.personio.log.slice(before.reads).filter((r) => r.path === '/v1/company/employees/3001'),
		).toEqual([]);
	});
});

describe('BEM · 1 Detect (Personio): the approaching digest, once per crossing', () => {
	let env: ProcessEnv;
	beforeAll(async () => {
		env = await startProcessEnv();
	});
	afterAll(() => env.close());

	const digests = () => env.smtp.mails.filter((m) => m.subject.includes('Sechs-Wochen-Schwelle'));
	const detect = async (on: string) => {
		env.setToday(on);
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: on }] });
		expect(runError(result)).toBeUndefined();
		return result;
	};

	it('mails when an employee comes near, not while they stay or fall back, again when they come back', async () => {
		await detect('2026-06-01');
		expect(digests()).toHaveLength(1);
		expect(digests()[0].to).toEqual(['bem-team@example.com']);
		expect(digests()[0].text).toContain('Personalnummer 3002');
		// still near the next day: nothing
		await detect('2026-06-02');
		expect(digests()).toHaveLength(1);
		// the absence is corrected away in Personio: 3002 falls back below, still nothing
		const absences = env.personio.tenant.absences;
		const at = absences.findIndex((a) => a.employeeId === 3002);
		const [removed] = absences.splice(at, 1);
		const below = await detect('2026-06-03');
		expect(below.output('Who Newly Approaches?')).toEqual([
			expect.objectContaining({ entered: [], enteredCount: 0, left: 1 }),
		]);
		expect(digests()).toHaveLength(1);
		// back near the threshold: one mail again, naming only 3002
		absences.push(removed);
		await detect('2026-06-04');
		expect(digests()).toHaveLength(2);
		expect(digests()[1].subject).toContain('1 Beschäftigte neu nahe');
		expect(digests()[1].text).toContain('Personalnummer 3002');
		expect(digests()[1].text).not.toMatch(/3001|3003|3004|Vorname|Nachname|Diagnose/);
	});
});

describe("BEM · 1 Detect (Personio): each case keeps its employee's Bundesland", () => {
	let env: ProcessEnv;
	let dir: string;
	beforeAll(async () => {
		// the HRIS node's Threshold Options as a works agreement sets them: one site listed, Bavaria for the rest
		dir = mkdtempSync(join(tmpdir(), 'bem-detect-states-'));
		cpSync(join(__dirname, '../../workflows'), dir, { recursive: true });
		const file = join(dir, 'bem-1-detect-personio.json');
		const wf = JSON.parse(readFileSync(file, 'utf8'));
		const node = wf.nodes.find((n: { name: string }) => n.name === 'Check §167 Threshold');
		node.parameters.thresholdOptions = {
			...node.parameters.thresholdOptions,
			holidayStateByLocation: { pairs: [{ location: 'Köln', state: 'NW' }] },
			defaultHolidayState: 'BY',
		};
		writeFileSync(file, JSON.stringify(wf));
		// 3003 works in Personio's office "Köln"; the others have none in Personio
		const tenant = processTenant();
		tenant.employees = tenant.employees.map((e) =>
			e.id === 3003 ? { ...e, office: { id: 131015, name: 'Köln' } } : e,
		);
		env = await startProcessEnv(tenant, dir);
		env.setToday('2026-06-01');
	});
	afterAll(async () => {
		await env.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const states = (result: Awaited<ReturnType<ProcessEnv['run']>>) =>
		result
			.output('Check §167 Threshold')
			.map((r) => [r.employeeId, r.holidayState])
			.sort();

	it("opens the cases with the Bundesland of the employee's Personio office, else the default", async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		expect(states(result)).toEqual([
			['3001', 'BY'],
			['3003', 'NW'],
		]);
		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => [c.employeeId, c.holidayState]).sort()).toEqual([
			['3001', 'BY'],
			['3003', 'NW'],
		]);
		// the office was asked for by name
		const [listing] = env.personio.requests('/v1/company/employees');
		expect(listing.query.getAll('attributes[]')).toContain('office');
	});

	it('the next run, reading only who changed, keeps the office from the BEM file’s cache', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		const listings = env.personio.requests('/v1/company/employees');
		expect(listings[listings.length - 1].query.has('updated_since')).toBe(true);
		expect(states(result)).toEqual([
			['3001', 'BY'],
			['3003', 'NW'],
		]);
	});
});

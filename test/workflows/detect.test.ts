// BEM · 1 Detect (Personio): the daily run opens cases for employees over the threshold, starts one
// invitation cycle per new case (not waited for) and mails HR a digest of those approaching it;
// running it again the same day opens and starts nothing.
import { startProcessEnv, runError, type ProcessEnv } from './process';
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
		// the contact record only tells whether there is one: nothing of it goes on with the case
		expect(JSON.stringify(result.output('Open BEM Case'))).not.toMatch(
			/Vorname|Nachname|@example\.com/,
		);

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
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		expect(env.calls.length).toBe(before.calls);
		expect((await env.store.findCases({}, TEST_READER)).length).toBe(2);
		// only the approaching digest again
		expect(env.smtp.mails.length).toBe(before.mails + 1);
	});

	it('keeps execution data free of absence details and names in the threshold stage', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		const stages = ['Read Absences', 'Add Last BEM Closure', 'Check §167 Threshold'].map((n) =>
			JSON.stringify(result.run.data.resultData.runData[n]),
		);
		for (const s of stages) expect(s).not.toMatch(/Diagnose|Bandscheibe|Vorname|Nachname/);
	});
});

// A due employee Personio has no record for (404 on the direct read: deleted, or hidden from the API
// credential): the BEM duty stands, so the case is opened — but with no one to address a letter to, no
// invitation cycle starts; HR gets one digest naming the personnel number and the kind of problem.
describe('BEM · 1 Detect (Personio): a due employee without contact details', () => {
	let env: ProcessEnv;
	const access = { actor: 'test', purpose: 'test' };
	const missingDigests = () =>
		env.smtp.mails.filter((m) => m.subject.startsWith('BEM: Kontaktdaten fehlen'));
	beforeAll(async () => {
		env = await startProcessEnv();
		env.setToday('2026-06-01');
		env.personio.faults.push({ status: 404, count: 1000, path: '/v1/company/employees/3001' });
	});
	afterAll(() => env.close());

	it('opens the case without starting a cycle, sends no letter, and names the personnel number to HR', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();

		const open = await env.store.findCases({ state: 'open' }, TEST_READER);
		expect(open.map((c) => c.employeeId).sort()).toEqual(['3001', '3003']);
		const anna = open.find((c) => c.employeeId === '3001')!;
		// only 3003's case starts its invitation cycle
		expect(env.calls.map((c) => (c.items[0].json as { caseId: string }).caseId)).toEqual([
			open.find((c) => c.employeeId === '3003')!.id,
		]);
		expect(env.smtp.mails.filter((m) => m.to.some((to) => to.startsWith('person')))).toEqual([]);

		expect(missingDigests()).toHaveLength(1);
		const [digest] = missingDigests();
		expect(digest.to).toEqual(['bem-team@example.com']);
		expect(digest.subject).toBe('BEM: Kontaktdaten fehlen für 1 Beschäftigte (2026-06-01)');
		const lines = digest.text.split('\n').filter((l) => l.startsWith('Personalnummer'));
		expect(lines).toEqual([
			`Personalnummer 3001: kein Kontaktdatensatz in Personio; BEM-Fall ${anna.id} ist eröffnet und wartet auf die Einladung`,
		]);
		expect(digest.text).not.toMatch(/Vorname|Nachname|Diagnose|Bandscheibe|Krankheit/);
		// the approaching digest is unchanged
		expect(
			env.smtp.mails.filter((m) => m.subject.includes('nahe der Sechs-Wochen-Schwelle')),
		).toHaveLength(1);
	});

	it('reminds HR again the next run, opening and starting nothing new', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		expect((await env.store.findCases({}, TEST_READER)).length).toBe(2);
		expect(env.calls).toHaveLength(1);
		expect(missingDigests()).toHaveLength(2);
		expect(missingDigests()[1].text).toContain('Personalnummer 3001: kein Kontaktdatensatz');
	});

	it('once Personio has the record again, the Deadline Sweep sends the first invitation of the waiting case', async () => {
		env.personio.faults.length = 0;
		env.setToday('2026-06-02');
		const result = await env.run('bem-4-deadline-sweep.json', { items: [{ asOf: '2026-06-02' }] });
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
			on: '2026-06-03',
			actor: 'test',
		});
		env.personio.faults.push({ status: 404, count: 1000, path: '/v1/company/employees/3001' });
		env.setToday('2026-06-03');
		const before = missingDigests().length;
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-03' }] });
		expect(runError(result)).toBeUndefined();
		expect(result.output('Invitation Still Due?', 1).map((i) => i.employeeId)).toEqual(['3001']);
		expect(missingDigests().slice(before)).toEqual([]);
	});
});

// BEM · 1 Detect (Personio): the daily run opens cases for employees over the threshold, starts one
// invitation cycle per new case (not waited for) and mails HR a digest of those approaching it;
// running it again the same day opens and starts nothing.
import { startProcessEnv, runError, type ProcessEnv } from './process';

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

		const open = await env.store.findCases({ state: 'open' });
		expect(open.map((c) => c.employeeId).sort()).toEqual(['3001', '3003']);
		expect(open.every((c) => c.openedOn === '2026-06-01')).toBe(true);

		expect(env.calls).toHaveLength(2);
		for (const call of env.calls) {
			expect(call).toMatchObject({ workflowId: IDS.invitationCycle, waitForSubWorkflow: false });
			expect(call.items).toHaveLength(1);
			expect(Object.keys(call.items[0].json).sort()).toEqual(['caseId', 'company', 'employee']);
		}
		const started = env.calls.map((c) => c.items[0].json as { caseId: string; employee: { name: string; email: string; address: string } });
		expect(started.map((s) => s.caseId).sort()).toEqual(open.map((c) => c.id).sort());
		const anna = started.find((s) => s.employee.email === 'person3001@example.com');
		expect(anna?.employee).toMatchObject({ name: 'Vorname3001 Nachname3001', email: 'person3001@example.com' });
		expect(anna?.employee.address.split('\n').length).toBeGreaterThanOrEqual(2);

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
		expect((await env.store.findCases({})).length).toBe(2);
		// only the approaching digest again
		expect(env.smtp.mails.length).toBe(before.mails + 1);
	});

	it('keeps execution data free of absence details and names in the threshold stage', async () => {
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		const stages = ['Read Absences', 'Add Last BEM Closure', 'Check §167 Threshold'].map((n) => JSON.stringify(result.run.data.resultData.runData[n]));
		for (const s of stages) expect(s).not.toMatch(/Diagnose|Bandscheibe|Vorname|Nachname/);
	});
});

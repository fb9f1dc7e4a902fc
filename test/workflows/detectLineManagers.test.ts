// BEM · 1 Detect: line managers hear of newly approaching employees only where the works agreement
// provides for it (Settings lineManagerNotice, off by default): one mail per manager naming their
// reports by personnel number — no counts, dates, names or health detail —, once per crossing like the
// officer's digest; whom the HRIS names no reachable manager for, the BEM officer hears.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { absence, employee } from '../hris/personio/data';
import { processTenant, runError, startProcessEnv, type ProcessEnv } from './process';

/** The shipped workflows with Detect's Settings as a works agreement providing for the notice sets them. */
function withLineManagerNotice(file: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'bem-detect-managers-'));
	cpSync(join(__dirname, '../../workflows'), dir, { recursive: true });
	const path = join(dir, file);
	const wf = JSON.parse(readFileSync(path, 'utf8'));
	const settings = wf.nodes.find((n: { name: string }) => n.name === 'Settings');
	const field = settings.parameters.assignments.assignments.find(
		(a: { name: string }) => a.name === 'lineManagerNotice',
	);
	expect(field).toMatchObject({ type: 'boolean', value: false });
	field.value = true;
	writeFileSync(path, JSON.stringify(wf));
	return dir;
}

// 3002 and 3005 come near the threshold under manager 1000, 3006 with no manager recorded
function tenant() {
	const t = processTenant();
	t.employees.push(
		employee(1000, { supervisorId: null, email: 'leitung.produktion@example.com' }),
		employee(3005),
		employee(3006, { supervisorId: null }),
	);
	t.absences.push(
		absence(3005, 2345, '2026-04-13', '2026-05-15'),
		absence(3006, 2345, '2026-04-13', '2026-05-15'),
	);
	return t;
}

describe('BEM · 1 Detect (Personio): the line managers’ notice under a works agreement', () => {
	let env: ProcessEnv;
	let dir: string;
	beforeAll(async () => {
		dir = withLineManagerNotice('bem-1-detect-personio.json');
		env = await startProcessEnv(tenant(), dir);
	});
	afterAll(async () => {
		await env.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const detect = async (on: string) => {
		env.setToday(on);
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: on }] });
		expect(runError(result)).toBeUndefined();
		return result;
	};
	const mailsTo = (to: string) => env.smtp.mails.filter((m) => m.to.includes(to));

	it('mails each manager once with their reports’ personnel numbers, and the officer whom it could not', async () => {
		const result = await detect('2026-06-01');
		const digest = env.smtp.mails.find((m) => m.subject.includes('Sechs-Wochen-Schwelle ('));
		expect(digest?.text).toMatch(/Personalnummer 3002[\s\S]*Personalnummer 3005[\s\S]*3006/);

		const [notice, ...more] = mailsTo('leitung.produktion@example.com');
		expect(more).toEqual([]);
		expect(notice.subject).toBe('BEM: Beschäftigte Ihres Bereichs nahe der Sechs-Wochen-Schwelle');
		expect(notice.text).toContain('nach der Betriebsvereinbarung');
		expect(notice.text).toContain('Personalnummer 3002\nPersonalnummer 3005\n');
		expect(notice.text).toContain('§\u00a0167 Abs.\u00a02 SGB\u00a0IX');
		// no counts, dates, names, other employees or health words
		expect(notice.text).not.toMatch(
			/3001|3003|3006|Arbeitstage|2026-|Vorname|Nachname|Diagnose|Bandscheibe/,
		);

		const unreachable = mailsTo('bem-team@example.com').filter((m) =>
			m.subject.includes('nicht erreichbar'),
		);
		expect(unreachable).toHaveLength(1);
		expect(unreachable[0].subject).toContain('Führungskraft für 1 Beschäftigte');
		expect(unreachable[0].text).toContain(
			'Personalnummer 3006: no line manager is recorded for this employee',
		);
		expect(unreachable[0].text).not.toMatch(/3002|3005|Vorname|Nachname/);
		expect(env.smtp.mails).toHaveLength(3);

		// the HRIS was asked for the three approaching employees and their one manager only
		const byId = env.personio.log
			.map((r) => r.path)
			.filter((p) => p.startsWith('/v1/company/employees/'));
		expect([...byId].sort()).toEqual(
			['1000', '3002', '3005', '3006'].map((id) => `/v1/company/employees/${id}`),
		);
		// execution data: ids and the manager's address, no names
		const branch = ['Read Line Managers', 'One Item per Line Manager'].map((n) =>
			JSON.stringify(result.run.data.resultData.runData[n]),
		);
		for (const s of branch) expect(s).not.toMatch(/Vorname|Nachname/);
		expect(result.output('Read Line Managers', 0)).toEqual([
			{
				employeeId: '3002',
				lineManagerId: '1000',
				lineManagerEmail: 'leitung.produktion@example.com',
			},
			{
				employeeId: '3005',
				lineManagerId: '1000',
				lineManagerEmail: 'leitung.produktion@example.com',
			},
		]);
	});

	it('tells nobody again while they stay near; a manager hears of who comes near later', async () => {
		await detect('2026-06-02');
		expect(env.smtp.mails).toHaveLength(3);
		// 3004 comes near: the officer's digest and one notice to 3004's manager, naming only 3004
		env.personio.tenant.absences.push(absence(3004, 2345, '2026-04-13', '2026-05-15'));
		await detect('2026-06-03');
		const notices = mailsTo('leitung.produktion@example.com');
		expect(notices).toHaveLength(2);
		expect(notices[1].text).toContain('Personalnummer 3004');
		expect(notices[1].text).not.toMatch(/3002|3005|3006/);
	});
});

describe('BEM · 1 Detect (Personio): without the works agreement’s provision', () => {
	let env: ProcessEnv;
	beforeAll(async () => {
		env = await startProcessEnv(tenant());
	});
	afterAll(() => env.close());

	it('mails only the BEM officer and reads no line manager', async () => {
		env.setToday('2026-06-01');
		const result = await env.run('bem-1-detect-personio.json', { items: [{ asOf: '2026-06-01' }] });
		expect(runError(result)).toBeUndefined();
		expect(env.smtp.mails.map((m) => m.to)).toEqual([['bem-team@example.com']]);
		expect(result.order).not.toContain('Read Line Managers');
		expect(env.personio.requests('/v1/company/employees/')).toEqual([]);
	});
});

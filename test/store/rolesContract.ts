// Principals and roles (case-file.md), run against every backend by the contract suites: every role ×
// every call, allowed and denied, each logged (a denied call with outcome 'denied', changing nothing).
// The expected table is written out here from case-file.md, not taken from core/store/roles.ts.
import type { BemStore, Role } from '../../core';
import type { Backend } from './backends';

type Scope = 'store' | 'case';
interface Principal {
	name: string;
	role: Role | null;
	scope: Scope;
}

const PRINCIPALS: Principal[] = [
	{ name: 'r:process', role: 'process', scope: 'store' },
	{ name: 'r:officer', role: 'bem_officer', scope: 'store' },
	{ name: 'r:deputy', role: 'deputy', scope: 'store' },
	{ name: 'r:hr_admin', role: 'hr_admin', scope: 'store' },
	{ name: 'r:case-officer', role: 'bem_officer', scope: 'case' },
	{ name: 'r:case-deputy', role: 'deputy', scope: 'case' },
	{ name: 'r:works_council', role: 'works_council', scope: 'case' },
	{ name: 'r:disability_rep', role: 'disability_rep', scope: 'case' },
	{ name: 'r:company_doctor', role: 'company_doctor', scope: 'case' },
	{ name: 'r:line_manager', role: 'line_manager', scope: 'case' },
	{ name: 'r:integration_office', role: 'integration_office', scope: 'case' },
	{ name: 'r:nobody', role: null, scope: 'store' },
];
const PARTICIPANTS: Role[] = [
	'works_council',
	'disability_rep',
	'company_doctor',
	'line_manager',
	'integration_office',
];
const OFFICERS: Role[] = ['bem_officer', 'deputy'];
const ALL: Role[] = ['process', ...OFFICERS, 'hr_admin', ...PARTICIPANTS];

/** the case-file table: which roles (in which scope) may make each call */
interface Expect {
	roles: Role[];
	/** only store-wide grants count (openCase, store-wide role management) */
	storeOnly?: boolean;
	/** grants role management: bem_officer only, deputy excluded */
}
const TABLE: Record<string, Expect> = {
	getCase: { roles: ALL },
	caseTimeline: { roles: ALL },
	findCases: { roles: ALL },
	auditTrail: { roles: [...OFFICERS, ...PARTICIPANTS] },
	letters: { roles: OFFICERS },
	personnelFileExtract: { roles: OFFICERS },
	accessLog: { roles: ['hr_admin', ...OFFICERS] },
	roles: { roles: ['hr_admin', ...OFFICERS] },
	storeRoles: { roles: ['hr_admin', ...OFFICERS], storeOnly: true },
	archiveLetter: { roles: ['process', ...OFFICERS] },
	// process writes the reply form's 'information first' note (it reads no notes)
	note_added: { roles: ['process', ...OFFICERS, ...PARTICIPANTS] },
	invitation_sent: { roles: ['process', ...OFFICERS] },
	grantCaseRole: { roles: ['bem_officer'] },
	grantStoreRole: { roles: ['hr_admin', 'bem_officer'], storeOnly: true },
	openCase: { roles: ['process', ...OFFICERS], storeOnly: true },
	withdrawn: { roles: OFFICERS },
};
const allowedFor = (p: Principal, call: string) => {
	const e = TABLE[call];
	return p.role !== null && e.roles.includes(p.role) && (!e.storeOnly || p.scope === 'store');
};

export function rolesContract(makeBackend: () => Promise<Backend>): void {
	let backend: Backend;
	let store: BemStore;
	let n = 0;
	const admin = 'test:hr'; // store-wide bem_officer (backends.ts TEST_ROLES)
	const on = '2026-03-02';

	beforeAll(async () => {
		backend = await makeBackend();
		store = await backend.open();
		await store.grantRole({ principal: 'r:hr_admin', role: 'hr_admin', by: admin, on });
		for (const p of PRINCIPALS)
			if (p.scope === 'store' && p.role && p.role !== 'hr_admin')
				// hr_admin manages store-wide roles
				await store.grantRole({ principal: p.name, role: p.role, by: 'r:hr_admin', on });
	});
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});

	const lastLog = async (actor: string) => {
		const [row] = await backend.exec(
			`SELECT case_id, action, outcome FROM bem_access_log WHERE actor = '${actor}' ORDER BY id DESC LIMIT 1`,
		);
		return row;
	};
	const version = async (caseId: string) =>
		Number((await backend.exec(`SELECT version FROM bem_cases WHERE id = '${caseId}'`))[0].version);

	it.each(PRINCIPALS.map((p) => [p.name, p] as const))(
		'%s: every call allowed or denied as the table says, logged both ways',
		async (_name, p) => {
			const employeeId = `EMP-roles-${backend.name}-${++n}`;
			const c = (
				await store.openCase({
					employeeId,
					reachedOn: '2026-02-27',
					reason: 'continuous',
					on: '2026-03-01',
					actor: admin,
				})
			).case;
			if (p.role && PARTICIPANTS.includes(p.role)) {
				// a participant takes part only within the employee's consent naming its type
				const step = (type: string, data?: Record<string, unknown>) =>
					store.recordEvent(c.id, { type: type as never, on, actor: admin, data });
				await step('invitation_sent');
				await step('reply_accepted');
				await step('consent_given', { scopes: ['bem', 'data_processing'], participants: [p.role] });
			}
			if (p.scope === 'case' && p.role)
				await store.grantRole({ principal: p.name, role: p.role, caseId: c.id, by: admin, on });
			const access = { actor: p.name, purpose: 'roles matrix' };
			const calls: Array<[string, string, () => Promise<unknown>, 'read' | 'write']> = [
				['getCase', 'getCase', () => store.getCase(c.id, access), 'read'],
				['caseTimeline', 'caseTimeline', () => store.caseTimeline(c.id, access), 'read'],
				['findCases', 'findCases', () => store.findCases({ employeeId }, access), 'read'],
				['auditTrail', 'auditTrail', () => store.auditTrail(c.id, access), 'read'],
				['letters', 'letters', () => store.letters(c.id, access), 'read'],
				[
					'personnelFileExtract',
					'personnelFileExtract',
					() => store.personnelFileExtract(c.id, access),
					'read',
				],
				['accessLog', 'accessLog', () => store.accessLog(c.id, access), 'read'],
				['roles', 'roles', () => store.roles({ caseId: c.id }, access), 'read'],
				['storeRoles', 'roles', () => store.roles({}, access), 'read'],
				[
					'archiveLetter',
					'archiveLetter',
					() =>
						store.archiveLetter(c.id, {
							kind: 'first',
							on,
							actor: p.name,
							subject: 's',
							text: 't',
						}),
					'write',
				],
				[
					'note_added',
					'recordEvent note_added',
					() =>
						store.recordEvent(c.id, {
							type: 'note_added',
							on,
							actor: p.name,
							data: { note: 'n' },
						}),
					'write',
				],
				[
					'invitation_sent',
					'recordEvent invitation_sent',
					() => store.recordEvent(c.id, { type: 'invitation_sent', on, actor: p.name }),
					'write',
				],
				[
					'grantCaseRole',
					'grantRole',
					() =>
						store.grantRole({
							principal: `r:granted-${n}`,
							role: 'deputy',
							caseId: c.id,
							by: p.name,
							on,
						}),
					'write',
				],
				[
					'grantStoreRole',
					'grantRole',
					() =>
						store.grantRole({ principal: `r:granted-store-${n}`, role: 'process', by: p.name, on }),
					'write',
				],
				[
					'openCase',
					'openCase',
					() =>
						store.openCase({
							employeeId: `${employeeId}-new`,
							reachedOn: '2026-02-27',
							reason: 'continuous',
							on,
							actor: p.name,
						}),
					'write',
				],
				[
					'withdrawn',
					'recordEvent withdrawn',
					() => store.recordEvent(c.id, { type: 'withdrawn', on, actor: p.name }),
					'write',
				],
			];
			const seen: string[] = [];
			for (const [call, action, run, kind] of calls) {
				const before = await version(c.id);
				const allowed = allowedFor(p, call);
				let error: (Error & { code?: string; needed?: string[] }) | null = null;
				try {
					await run();
				} catch (e) {
					error = e as Error & { code?: string };
				}
				const log = await lastLog(p.name);
				if (allowed) {
					expect([call, error?.message ?? null]).toEqual([call, null]);
					if (kind === 'read')
						expect([call, log]).toMatchObject([call, { action, outcome: 'allowed' }]);
				} else {
					expect([call, error?.code]).toEqual([call, 'BEM_ACCESS_DENIED']);
					expect(error?.needed?.length).toBeGreaterThan(0);
					expect([call, log]).toMatchObject([call, { action, outcome: 'denied' }]);
					// nothing changed: the case is where it was
					expect([call, await version(c.id)]).toEqual([call, before]);
				}
				seen.push(`${call}:${allowed ? 'allowed' : 'denied'}`);
			}
			expect(seen).toHaveLength(Object.keys(TABLE).length);
			expect(await store.verifyAudit()).toMatchObject({ ok: true });
		},
	);

	it('the cockpit: officers see cases (a case officer its own), store-wide hr_admin and officers the figures, the rest refused and logged', async () => {
		// written out from the roles table's intent: names for officers, counts and KPIs for hr_admin
		const expected: Record<string, { cases: boolean; figures: boolean } | 'denied'> = {
			'r:process': 'denied',
			'r:officer': { cases: true, figures: true },
			'r:deputy': { cases: true, figures: true },
			'r:hr_admin': { cases: false, figures: true },
			'r:case-officer': { cases: true, figures: false },
			'r:case-deputy': { cases: true, figures: false },
			'r:works_council': 'denied',
			'r:disability_rep': 'denied',
			'r:company_doctor': 'denied',
			'r:line_manager': 'denied',
			'r:integration_office': 'denied',
			'r:nobody': 'denied',
		};
		expect(Object.keys(expected).sort()).toEqual(PRINCIPALS.map((p) => p.name).sort());
		// the case officers' grants, as the matrix above makes them (this test may run alone)
		const c = (
			await store.openCase({
				employeeId: `EMP-roles-${backend.name}-cockpit`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: admin,
			})
		).case;
		for (const p of PRINCIPALS.filter(
			(x) => x.scope === 'case' && x.role && OFFICERS.includes(x.role),
		))
			await store.grantRole({ principal: p.name, role: p.role!, caseId: c.id, by: admin, on });
		for (const [name, want] of Object.entries(expected)) {
			const got = await store
				.cockpitScope({ actor: name, purpose: 'BEM cockpit' })
				.catch((e: { code: string }) => e.code);
			expect([name, got]).toEqual([name, want === 'denied' ? 'BEM_ACCESS_DENIED' : want]);
			expect([name, await lastLog(name)]).toEqual([
				name,
				{ case_id: '', action: 'cockpit', outcome: want === 'denied' ? 'denied' : 'allowed' },
			]);
		}
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	});

	it('a case role lists only its own case; no role at all is refused store-wide and logged', async () => {
		const mine = (
			await store.openCase({
				employeeId: `EMP-roles-${backend.name}-mine`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: admin,
			})
		).case;
		await store.grantRole({
			principal: 'r:only-mine',
			role: 'deputy',
			caseId: mine.id,
			by: admin,
			on,
		});
		const listed = await store.findCases({}, { actor: 'r:only-mine', purpose: 'list' });
		expect(listed.map((c) => c.id)).toEqual([mine.id]);
		await expect(
			store.findCases({}, { actor: 'r:stranger', purpose: 'list' }),
		).rejects.toMatchObject({ code: 'BEM_ACCESS_DENIED' });
		expect(await lastLog('r:stranger')).toEqual({
			case_id: '',
			action: 'findCases',
			outcome: 'denied',
		});
		// an empty listing is logged too (store-wide)
		await store.findCases({ employeeId: 'nobody-has-this' }, { actor: 'r:officer', purpose: 'x' });
		expect(await lastLog('r:officer')).toEqual({
			case_id: '',
			action: 'findCases',
			outcome: 'allowed',
		});
	});

	it('refuses a case that does not exist the same way as one not covered: no existence probe', async () => {
		const a = await store
			.getCase('no-such-case', { actor: 'r:line_manager', purpose: 'probe' })
			.catch((e: { code: string }) => e.code);
		expect(a).toBe('BEM_ACCESS_DENIED');
		// a purged or never-opened id is not written into the log
		expect(await lastLog('r:line_manager')).toMatchObject({ case_id: '', outcome: 'denied' });
		// a store-wide role learns it is not there
		expect(await store.getCase('no-such-case', { actor: 'r:process', purpose: 'x' })).toBeNull();
	});

	it('revokes a role at once; scopes are checked; grants and revokes are in the chained log', async () => {
		const c = (
			await store.openCase({
				employeeId: `EMP-roles-${backend.name}-revoke`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: admin,
			})
		).case;
		const g = { principal: 'r:temp', role: 'deputy' as const, caseId: c.id, by: admin, on };
		await store.grantRole(g);
		await store.grantRole(g); // idempotent
		expect(await store.roles({ caseId: c.id }, { actor: admin, purpose: 'x' })).toEqual([
			{ principal: 'r:temp', role: 'deputy', caseId: c.id },
		]);
		expect(await store.getCase(c.id, { actor: 'r:temp', purpose: 'x' })).not.toBeNull();
		await store.revokeRole(g);
		await expect(store.getCase(c.id, { actor: 'r:temp', purpose: 'x' })).rejects.toMatchObject({
			code: 'BEM_ACCESS_DENIED',
		});
		const log = await store.accessLog(c.id, { actor: admin, purpose: 'x' });
		expect(log.map((l) => [l.action, l.purpose])).toEqual(
			expect.arrayContaining([
				['grantRole', 'grant deputy to r:temp'],
				['revokeRole', 'revoke deputy of r:temp'],
			]),
		);
		expect(log.filter((l) => l.action === 'grantRole')).toHaveLength(1);
		// a deputy grants nothing, hr_admin no case roles, a participant role needs a case, process none
		await expect(store.grantRole({ ...g, by: 'r:deputy' })).rejects.toMatchObject({
			code: 'BEM_ACCESS_DENIED',
		});
		await expect(store.grantRole({ ...g, by: 'r:hr_admin' })).rejects.toMatchObject({
			code: 'BEM_ACCESS_DENIED',
		});
		await expect(
			store.grantRole({ principal: 'r:x', role: 'works_council', by: admin, on }),
		).rejects.toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'caseId' });
		await expect(
			store.grantRole({ principal: 'r:x', role: 'process', caseId: c.id, by: admin, on }),
		).rejects.toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'caseId' });
		await expect(
			store.grantRole({ principal: 'r:x', role: 'root' as never, by: admin, on }),
		).rejects.toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'role' });
		// hr_admin reads the store-wide log (grants of store-wide roles), never content
		const storeWide = await store.accessLog(null, { actor: 'r:hr_admin', purpose: 'review' });
		expect(storeWide.some((l) => l.purpose === 'grant process to r:process')).toBe(true);
		await expect(
			store.auditTrail(c.id, { actor: 'r:hr_admin', purpose: 'x' }),
		).rejects.toMatchObject({ code: 'BEM_ACCESS_DENIED' });
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	});

	it('the case timeline (metadata, for process) shows the process fields only, never notes or other data', async () => {
		const c = (
			await store.openCase({
				employeeId: `EMP-roles-${backend.name}-timeline`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: admin,
			})
		).case;
		await store.recordEvent(c.id, {
			type: 'invitation_sent',
			on,
			actor: 'r:process',
			data: { letter: 'first', resumeUrl: 'https://n8n.example/webhook-waiting/1' },
		});
		await store.recordEvent(c.id, {
			type: 'note_added',
			on,
			actor: admin,
			data: { note: 'TIMELINE-SECRET', channel: 'phone', summary: 'TIMELINE-TOPIC' },
		});
		const timeline = await store.caseTimeline(c.id, { actor: 'r:process', purpose: 'protocol' });
		expect(timeline.map((e) => [e.type, e.data])).toEqual([
			['case_opened', {}],
			['invitation_sent', { letter: 'first', resumeUrl: 'https://n8n.example/webhook-waiting/1' }],
			['note_added', { channel: 'phone' }],
		]);
		expect(JSON.stringify(timeline)).not.toMatch(/TIMELINE-SECRET|TIMELINE-TOPIC/);
	});

	it('a removed store-wide access row is found by verifyAudit', async () => {
		await store.findCases({ employeeId: 'nobody' }, { actor: 'r:process', purpose: 'tamper test' });
		expect((await store.verifyAudit()).ok).toBe(true);
		await backend.exec(
			backend.name === 'postgres'
				? 'ALTER TABLE bem_access_log DISABLE TRIGGER USER'
				: 'DROP TRIGGER bem_access_log_no_delete',
		);
		await backend.exec("DELETE FROM bem_access_log WHERE case_id = '' AND purpose = 'tamper test'");
		expect(await store.verifyAudit()).toMatchObject({
			ok: false,
			broken: [expect.objectContaining({ caseId: '(store-wide access log)' })],
		});
	});
}

// Racing writers on one BEM store: separate store instances (PostgreSQL: separate pools) and separate
// processes (SQLite: child_process.fork of race-child.js on the same file) open the same employee's case
// and send the same invitation at once. Exactly one case, exactly one invitation_sent, the losers get the
// idempotent result or an "already done" refusal, and the hash chain still verifies.
import { fork, type ChildProcess } from 'child_process';
import { join } from 'path';

import {
	type Role,
	BemTransitionRefusedError,
	type AuditEvent,
	type BemCase,
	type BemStore,
} from '../../core';
import { KEY, postgresBackend, sqliteBackend, TEST_ROLES } from './backends';

const who = { actor: 'test:hr', purpose: 'race test' };

interface Outcome {
	ok: boolean;
	value?: unknown;
	name?: string;
	code?: string;
	message?: string;
	refused?: boolean;
	alreadyDone?: boolean;
	/** the idempotency key the call used (invite only) */
	key?: string | null;
}

/** Runs a call; a thrown error becomes a plain outcome (as the child processes report them). */
async function outcome(call: () => Promise<unknown>): Promise<Outcome> {
	try {
		return { ok: true, value: await call() };
	} catch (error) {
		const e = error as BemTransitionRefusedError;
		return {
			ok: false,
			name: e.name,
			code: e.code,
			message: e.message,
			refused: e instanceof BemTransitionRefusedError,
			alreadyDone: e.alreadyDone === true,
		};
	}
}

/** Reads and set-up outside the race (SQLite: done by a child, see race-child.js). */
interface Inspector {
	openCase(employeeId: string): Promise<BemCase>;
	findCases(employeeId: string): Promise<BemCase[]>;
	auditTrail(caseId: string): Promise<AuditEvent[]>;
	verifyAudit(caseId?: string): Promise<{ ok: boolean; checked: number }>;
}

function inspectStore(store: BemStore): Inspector {
	return {
		openCase: async (employeeId) =>
			(
				await store.openCase({
					employeeId,
					reachedOn: '2026-02-27',
					reason: 'continuous',
					on: '2026-03-01',
					actor: 'test',
				})
			).case,
		findCases: (employeeId) => store.findCases({ employeeId }, who),
		auditTrail: (caseId) => store.auditTrail(caseId, who),
		verifyAudit: (caseId) => store.verifyAudit(caseId),
	};
}

/** The workers: `open` races openCase, `invite` races invitation_sent with the given keys (undefined = none). */
interface Workers {
	open(employeeId: string): Promise<Outcome[]>;
	/** 12 openCase at once, each for another employee, opened on `on` */
	openMany(prefix: string, on: string): Promise<Outcome[]>;
	invite(caseId: string, keys: Array<string | undefined>): Promise<Outcome[]>;
}

function expectOneCase(outcomes: Outcome[], total: number): string {
	expect(outcomes.filter((o) => !o.ok)).toEqual([]);
	expect(outcomes).toHaveLength(total);
	const results = outcomes.map((o) => o.value as { case: BemCase; created: boolean });
	expect(results.filter((r) => r.created)).toHaveLength(1);
	const ids = new Set(results.map((r) => r.case.id));
	expect(ids.size).toBe(1);
	return results[0].case.id;
}

async function expectOneInvitation(
	inspect: Inspector,
	caseId: string,
	outcomes: Outcome[],
): Promise<void> {
	const stray = outcomes.filter((o) => !o.ok && !(o.refused && o.alreadyDone));
	expect(stray).toEqual([]);
	const successes = outcomes.filter((o) => o.ok).map((o) => o.value as BemCase);
	expect(successes.length).toBeGreaterThanOrEqual(1);
	for (const s of successes)
		expect(s).toMatchObject({ id: caseId, state: 'invited', replyDueOn: '2026-03-16', version: 2 });
	for (const o of outcomes.filter((x) => !x.ok))
		expect(o.message).toMatch(/^Already done: .*invitation_sent was already recorded/);
	// a call with the winner's key never sees a refusal: it gets the stored result
	const trail = await inspect.auditTrail(caseId);
	expect(trail.map((e) => e.type)).toEqual(['case_opened', 'invitation_sent']);
	const winnerKey = trail[1].idempotencyKey ?? undefined;
	if (winnerKey !== undefined) {
		for (const o of outcomes.filter((x) => x.key === winnerKey)) expect(o.ok).toBe(true);
	} else {
		// no key won: exactly one call wrote, every other unkeyed call was refused as already done
		expect(outcomes.filter((o) => o.ok && o.key == null)).toHaveLength(1);
	}
	expect(await inspect.verifyAudit(caseId)).toMatchObject({ ok: true, checked: 1 });
}

const SAME = ['race-key'];
const NONE = [undefined];
const MIXED = ['race-key', undefined, 'race-key-2', undefined];

function raceSuite(
	name: string,
	setup: () => Promise<{
		inspect: Inspector;
		workers: Workers;
		total: number;
		stop(): Promise<void>;
	}>,
): void {
	describe(`${name}: concurrent writers`, () => {
		let ctx: Awaited<ReturnType<typeof setup>>;
		beforeAll(async () => {
			ctx = await setup();
		}, 120000);
		afterAll(async () => {
			await ctx?.stop();
		});

		it('many concurrent openCase for one employee make exactly one case, one created:true', async () => {
			for (const employeeId of ['RACE-1', 'RACE-2', 'RACE-3']) {
				const id = expectOneCase(await ctx.workers.open(employeeId), ctx.total);
				expect(await ctx.inspect.findCases(employeeId)).toHaveLength(1);
				expect(await ctx.inspect.verifyAudit(id)).toMatchObject({ ok: true });
			}
		});

		for (const [label, keys] of [
			['with the same idempotency key', SAME],
			['without an idempotency key', NONE],
			['with and without idempotency keys', MIXED],
		] as Array<[string, Array<string | undefined>]>) {
			it(`many concurrent invitation_sent ${label} record exactly one event`, async () => {
				const employeeId = `RACE-INV-${label.replace(/\W+/g, '-')}`;
				const c = await ctx.inspect.openCase(employeeId);
				const outcomes = await ctx.workers.invite(c.id, keys);
				expect(outcomes).toHaveLength(ctx.total);
				await expectOneInvitation(ctx.inspect, c.id, outcomes);
				expect(new Set(outcomes.map((o) => o.key ?? undefined))).toEqual(new Set(keys));
				if (keys === SAME) expect(outcomes.every((o) => o.ok)).toBe(true);
			});
		}

		it('12 concurrent openCase for different employees get 12 distinct consecutive references', async () => {
			const outcomes = await ctx.workers.openMany('RACE-REF', '2019-05-04');
			expect(outcomes.filter((o) => !o.ok)).toEqual([]);
			const opened = outcomes.map((o) => o.value as { case: BemCase; created: boolean });
			expect(opened).toHaveLength(12);
			expect(opened.every((o) => o.created)).toBe(true);
			const numbers = opened
				.map((o) => /^BEM-2019-(\d{4,})$/.exec(o.case.reference)?.[1])
				.map(Number)
				.sort((a, b) => a - b);
			expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
			// what each racer was told is what the store holds
			for (const { case: c } of opened)
				expect((await ctx.inspect.findCases(c.employeeId))[0]).toMatchObject({
					id: c.id,
					reference: c.reference,
				});
		});

		it('the whole store verifies after the races', async () => {
			expect(await ctx.inspect.verifyAudit()).toMatchObject({ ok: true });
		});
	});
}

const PG_STORES = 20;
/** each worker writes as its own principal (roles are deny by default) */
const WORKER_ROLES = Object.fromEntries(
	Array.from({ length: PG_STORES }, (_, i) => [`worker-${i}`, ['bem_officer'] as Role[]]),
);
raceSuite('PostgreSQL, 20 store instances with their own pools', async () => {
	const backend = await postgresBackend(); // fails with "PostgreSQL is absent: …" when there is no server
	// opened at once on the fresh database: the migration itself races too
	const stores = await Promise.all(
		Array.from({ length: PG_STORES }, () =>
			backend.open({ poolSize: 2, roles: { ...TEST_ROLES, ...WORKER_ROLES } } as never),
		),
	);
	const workers: Workers = {
		open: (employeeId) =>
			Promise.all(
				stores.map((s, i) =>
					outcome(() =>
						s.openCase({
							employeeId,
							reachedOn: '2026-02-27',
							reason: 'continuous',
							on: '2026-03-01',
							actor: `worker-${i}`,
						}),
					),
				),
			),
		openMany: (prefix, on) =>
			Promise.all(
				stores.slice(0, 12).map((s, i) =>
					outcome(() =>
						s.openCase({
							employeeId: `${prefix}-${i}`,
							reachedOn: on,
							reason: 'continuous',
							on,
							actor: `worker-${i}`,
						}),
					),
				),
			),
		invite: (caseId, keys) =>
			Promise.all(
				stores.map(async (s, i) => {
					const idempotencyKey = keys[i % keys.length];
					return {
						...(await outcome(() =>
							s.recordEvent(caseId, {
								type: 'invitation_sent',
								on: '2026-03-02',
								actor: `worker-${i}`,
								idempotencyKey,
							}),
						)),
						key: idempotencyKey ?? null,
					};
				}),
			),
	};
	return {
		inspect: inspectStore(stores[0]),
		workers,
		total: PG_STORES,
		async stop() {
			await Promise.all(stores.map((s) => s.close()));
			await backend.teardown();
		},
	};
});

const CHILDREN = 4;
const CALLS_EACH = 3;
raceSuite(`SQLite, ${CHILDREN} processes on one file`, async () => {
	const backend = sqliteBackend();
	const path = (backend.config() as { path: string }).path;
	const children: ChildProcess[] = [];
	const ready: Array<Promise<void>> = [];
	let next = 0;
	for (let i = 0; i < CHILDREN; i++) {
		// the children open the fresh file at once: the migration races too
		const child = fork(join(__dirname, 'race-child.js'), [path, KEY], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		children.push(child);
		ready.push(
			new Promise((resolve, reject) => {
				child.once('message', (m: { ready?: boolean; fatal?: string }) =>
					m.ready ? resolve() : reject(new Error(`race-child failed: ${m.fatal}`)),
				);
				child.once('exit', (code) =>
					reject(new Error(`race-child exited with ${code} before it was ready`)),
				);
			}),
		);
	}
	await Promise.all(ready);
	const send = (child: ChildProcess, msg: Record<string, unknown>) =>
		new Promise<Outcome[]>((resolve) => {
			const id = ++next;
			const listen = (m: { id?: number; outcomes?: Outcome[] }) => {
				if (m.id !== id) return;
				child.off('message', listen);
				resolve(m.outcomes ?? []);
			};
			child.on('message', listen);
			child.send({ ...msg, id });
		});
	const ask = (msg: Record<string, unknown>) =>
		Promise.all(
			children.map((child, i) => {
				// every child gets its share of the key list, so the mix spans processes
				const keys = msg.keys as Array<string | undefined> | undefined;
				return send(child, {
					...msg,
					calls: CALLS_EACH,
					keys: keys?.map((_, k) => keys[(k + i) % keys.length] ?? null),
				});
			}),
		).then((lists) => lists.flat());
	const inspectVia = async <T>(msg: Record<string, unknown>): Promise<T> => {
		const [answer] = await send(children[0], { op: 'inspect', ...msg });
		if (!answer.ok) throw new Error(`race-child: ${answer.message}`);
		return answer.value as T;
	};
	const inspect: Inspector = {
		openCase: (employeeId) => inspectVia({ what: 'openCase', employeeId }),
		findCases: (employeeId) => inspectVia({ what: 'findCases', employeeId }),
		auditTrail: (caseId) => inspectVia({ what: 'auditTrail', caseId }),
		verifyAudit: (caseId) => inspectVia({ what: 'verifyAudit', caseId }),
	};
	const workers: Workers = {
		open: (employeeId) => ask({ op: 'open', employeeId }),
		// CHILDREN × CALLS_EACH = 12 racing opens
		openMany: (prefix, on) => ask({ op: 'openMany', prefix, on }),
		invite: (caseId, keys) => ask({ op: 'invite', caseId, keys }),
	};
	return {
		inspect,
		workers,
		total: CHILDREN * CALLS_EACH,
		async stop() {
			await Promise.all(
				children.map(
					(child) =>
						new Promise<void>((resolve) => {
							if (child.exitCode !== null || !child.connected) return resolve();
							child.once('exit', () => resolve());
							child.send({ op: 'close' });
						}),
				),
			);
			await backend.teardown();
		},
	};
});

// Item 2 of the hardening issue: a PostgreSQL restart during a store call fails that call with a clear
// store error and never the process (a checked-out pooled client had no 'error' listener: an uncaught
// exception that ended n8n). The store runs in a child process on a cluster this test owns.
import { fork, type ChildProcess } from 'child_process';
import { join } from 'path';
import { Client } from 'pg';

import { KEY } from './backends';
import { INITDB_ABSENT, startOwnCluster, type OwnCluster } from './ownCluster';

type Answer = { ok: boolean; value?: unknown; code?: string; message?: string };

if (INITDB_ABSENT) console.warn(`Skipping the PostgreSQL restart test: ${INITDB_ABSENT}`);
const suite = INITDB_ABSENT ? describe.skip : describe;

suite('BEM store on PostgreSQL: the server restarts during a call', () => {
	let cluster: OwnCluster;
	let child: ChildProcess;
	let exited: number | null = null;
	let next = 0;
	const call = (op: string, caseId?: string) =>
		new Promise<Answer>((resolve, reject) => {
			const id = ++next;
			const ended = (code: number | null) =>
				reject(new Error(`the store's process ended (exit ${code})`));
			const listen = (m: Answer & { id?: number }) => {
				if (m.id !== id) return;
				child.off('message', listen);
				child.off('exit', ended);
				resolve(m);
			};
			child.on('message', listen);
			child.once('exit', ended);
			child.send({ op, caseId, id });
		});
	/** a client of the test's own: holds locks so the child's call is in flight when the server stops */
	const locker = async () => {
		const c = new Client({ connectionString: cluster.connectionString });
		c.on('error', () => undefined); // the restart ends this connection too
		await c.connect();
		return c;
	};
	const waitForBlockedCall = async (c: Client) => {
		for (let i = 0; i < 200; i++) {
			// a backend waiting on THIS client's lock (not any passing lock wait of the server's)
			const { rows } = await c.query(
				'SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))',
			);
			if (rows[0].n > 0) return;
			await new Promise((r) => setTimeout(r, 25));
		}
		throw new Error("the store's call never waited on the test's lock");
	};
	const restartDuring = async (lock: string, op: string, caseId: string): Promise<Answer> => {
		const c = await locker();
		await c.query('BEGIN');
		await c.query(lock);
		const answer = call(op, caseId);
		await waitForBlockedCall(c);
		// a prepared transaction keeps its locks when its backend ends: the shutdown cannot free the lock
		// (ending the lock holder first) before it ends the blocked call, so the call never slips through
		await c.query("PREPARE TRANSACTION 'bem_restart_lock'");
		cluster.stop();
		const result = await answer;
		cluster.start();
		const after = await locker();
		await after.query("ROLLBACK PREPARED 'bem_restart_lock'");
		await after.end();
		return result;
	};

	beforeAll(async () => {
		cluster = await startOwnCluster();
		child = fork(join(__dirname, 'pg-restart-child.js'), [cluster.connectionString, KEY], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		child.on('exit', (code) => (exited = code));
		await new Promise<void>((resolve, reject) => {
			child.once('message', (m: { ready?: boolean; fatal?: string }) =>
				m.ready ? resolve() : reject(new Error(`pg-restart-child failed: ${m.fatal}`)),
			);
		});
	}, 120000);
	afterAll(async () => {
		if (exited === null) {
			child.send({ op: 'close' });
			await new Promise((r) => child.once('exit', r));
		}
		cluster?.destroy();
	});

	it('a read in flight (a checked-out client): clear error, nothing written, process alive, next call works', async () => {
		const c = (await call('open')).value as { id: string };
		const before = ((await call('accessLog', c.id)).value as unknown[]).length;
		const failed = await restartDuring(
			'LOCK TABLE bem_access_log IN ACCESS EXCLUSIVE MODE',
			'getCase',
			c.id,
		);
		expect(failed).toMatchObject({ ok: false, code: 'BEM_STORE_UNAVAILABLE' });
		// the shutdown reaches the checked-out client as the server's 57P01, or (the machine under load)
		// as the socket reset before that message is read, or as a refused reconnect
		expect(failed.message).toMatch(
			/^The BEM store's PostgreSQL connection was lost \((57P01|57P03|ECONNREFUSED|ECONNRESET): [a-z].*\); nothing was written\./,
		);
		await new Promise((r) => setTimeout(r, 300));
		expect(exited).toBeNull();
		expect(await call('getCase', c.id)).toMatchObject({ ok: true, value: { id: c.id } });
		// + 1 the read after the restart; + 1 the access log's own read that counted `before` (a logged read too)
		expect(((await call('accessLog', c.id)).value as unknown[]).length).toBe(before + 2);
	}, 120000);

	it('a write in flight: clear error, nothing half-written, the next write works and the chain verifies', async () => {
		const c = (await call('open')).value as { id: string };
		const failed = await restartDuring(
			`SELECT id FROM bem_cases WHERE id = '${c.id}' FOR UPDATE`,
			'invite',
			c.id,
		);
		expect(failed).toMatchObject({ ok: false, code: 'BEM_STORE_UNAVAILABLE' });
		expect(failed.message).toMatch(
			/connection was lost \(57P01: the server was shut down or restarted/,
		);
		expect(failed.message).toMatch(/nothing was written/);
		await new Promise((r) => setTimeout(r, 300));
		expect(exited).toBeNull();
		expect(await call('getCase', c.id)).toMatchObject({ ok: true, value: { version: 1 } });
		expect(await call('verify')).toMatchObject({ ok: true, value: { ok: true } });
		expect(await call('invite', c.id)).toMatchObject({ ok: true, value: { version: 2 } });
	}, 120000);

	it('a read whose connection is ended (57P01) is tried once more and answers', async () => {
		const c = (await call('open')).value as { id: string };
		const before = ((await call('accessLog', c.id)).value as unknown[]).length;
		const l = await locker();
		await l.query('BEGIN');
		await l.query('LOCK TABLE bem_access_log IN ACCESS EXCLUSIVE MODE');
		const answer = call('getCase', c.id);
		await waitForBlockedCall(l);
		// the administrator ends the waiting backend, then the lock goes: the second try goes through
		await l.query(
			'SELECT pg_terminate_backend(pid) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()',
		);
		await l.query('COMMIT');
		await l.end();
		expect(await answer).toMatchObject({ ok: true, value: { id: c.id } });
		// + 1 the retried read, once; + 1 the access log's own read that counted `before` (a logged read too)
		expect(((await call('accessLog', c.id)).value as unknown[]).length).toBe(before + 2);
		expect(exited).toBeNull();
	}, 120000);
});

// Child process of race.test.ts: one more worker on the same SQLite file (its own connection, its own
// process, as n8n workers in queue mode). Loads the TypeScript store through scripts/lib/ts-require.js,
// opens the store, says 'ready', then on each 'run' message fires its calls at once and reports the outcomes.
'use strict';
require('../../scripts/lib/ts-require.js');
const { openBemStore, BemTransitionRefusedError } = require('../../core');

const [path, key] = process.argv.slice(2);

async function outcome(call) {
	try {
		return { ok: true, value: await call() };
	} catch (error) {
		return {
			ok: false,
			name: error.name,
			code: error.code,
			message: error.message,
			refused: error instanceof BemTransitionRefusedError,
			alreadyDone: error.alreadyDone === true,
		};
	}
}

(async () => {
	const store = await openBemStore({
		kind: 'sqlite',
		path,
		encryptionKey: key,
		// roles are deny by default: this worker and the test's reader act as officers
		roles: {
			[`worker-${process.pid}`]: ['bem_officer'],
			test: ['bem_officer'],
			'test:hr': ['bem_officer'],
		},
	});
	process.on('message', async (msg) => {
		if (msg.op === 'close') {
			await store.close();
			process.disconnect();
			return;
		}
		if (msg.op === 'inspect') {
			// the parent's checks, run here: the jest process never opens better-sqlite3 itself (its native
			// addon keeps the error class of the first test file that used it, which breaks instanceof there)
			const who = { actor: 'test:hr', purpose: 'race test' };
			const answer = await outcome(async () => {
				switch (msg.what) {
					case 'openCase':
						return (
							await store.openCase({
								employeeId: msg.employeeId,
								reachedOn: '2026-02-27',
								reason: 'continuous',
								on: '2026-03-01',
								actor: 'test',
							})
						).case;
					case 'findCases':
						return store.findCases({ employeeId: msg.employeeId }, who);
					case 'auditTrail':
						return store.auditTrail(msg.caseId, who);
					default:
						return store.verifyAudit(msg.caseId);
				}
			});
			process.send({ id: msg.id, outcomes: [answer] });
			return;
		}
		const calls = [];
		for (let i = 0; i < msg.calls; i++) {
			if (msg.op === 'openMany') {
				// one employee per call: the cases race for their references
				const employeeId = `${msg.prefix}-${process.pid}-${i}`;
				const c = { employeeId, reachedOn: msg.on, reason: 'continuous', on: msg.on };
				calls.push(outcome(() => store.openCase({ ...c, actor: `worker-${process.pid}` })));
			} else if (msg.op === 'open') {
				calls.push(
					outcome(() =>
						store.openCase({
							employeeId: msg.employeeId,
							reachedOn: '2026-02-27',
							reason: 'continuous',
							on: '2026-03-01',
							actor: `worker-${process.pid}`,
						}),
					),
				);
			} else {
				const idempotencyKey = msg.keys[i % msg.keys.length] ?? undefined;
				calls.push(
					outcome(() =>
						store.recordEvent(msg.caseId, {
							type: 'invitation_sent',
							on: '2026-03-02',
							actor: `worker-${process.pid}`,
							idempotencyKey,
						}),
					).then((o) => ({ ...o, key: idempotencyKey ?? null })),
				);
			}
		}
		process.send({ id: msg.id, outcomes: await Promise.all(calls) });
	});
	process.send({ ready: true });
})().catch((error) => {
	process.send({ fatal: String(error && error.stack ? error.stack : error) });
	process.exit(1);
});

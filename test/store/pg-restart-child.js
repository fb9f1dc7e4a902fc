// Child process of pgRestart.test.ts: a store user (as n8n is) whose PostgreSQL restarts under it. An
// uncaught error would end this process; the parent checks it is still alive and answers.
'use strict';
require('../../scripts/lib/ts-require.js');
const { openBemStore } = require('../../core');

const [connectionString, key] = process.argv.slice(2);
const who = { actor: 'test:hr', purpose: 'restart test' };
const by = { actor: 'test:workflow' };

(async () => {
	const store = await openBemStore({
		kind: 'postgres',
		connectionString,
		encryptionKey: key,
		roles: { [who.actor]: ['bem_officer'], [by.actor]: ['bem_officer'] },
	});
	const calls = {
		open: () =>
			store
				.openCase({
					employeeId: `EMP-RESTART-${Date.now()}`,
					reachedOn: '2026-02-27',
					reason: 'continuous',
					on: '2026-03-01',
					...by,
				})
				.then((r) => r.case),
		invite: (id) => store.recordEvent(id, { type: 'invitation_sent', on: '2026-03-02', ...by }),
		note: (id) =>
			store.recordEvent(id, {
				type: 'note_added',
				on: '2026-03-03',
				...by,
				data: { channel: 'mail' },
			}),
		getCase: (id) => store.getCase(id, who),
		findCases: () => store.findCases({ state: 'invited' }, who),
		verify: () => store.verifyAudit(),
		accessLog: (id) => store.accessLog(id, who),
	};
	process.on('message', async (msg) => {
		if (msg.op === 'close') {
			await store.close();
			process.disconnect();
			return;
		}
		try {
			process.send({ id: msg.id, ok: true, value: await calls[msg.op](msg.caseId) });
		} catch (error) {
			process.send({ id: msg.id, ok: false, code: error.code, message: error.message });
		}
	});
	process.send({ ready: true });
})().catch((error) => process.send({ fatal: error.message }));

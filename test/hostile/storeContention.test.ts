// Item 16: many writers on one case. Immediate retries let the same racers collide again until some
// end in BEM_CONFLICT; with jittered backoff every writer gets its turn. PostgreSQL: real concurrency
// over a pool (SQLite serialises the writers of one process before they can collide).
import type { BemStore } from '../../core';
import { postgresBackend, TEST_ROLES, type Backend } from '../store/backends';

const WRITERS = 128;
let backend: Backend;
let store: BemStore;
beforeAll(async () => {
	backend = await postgresBackend();
	// every writer is a principal of its own (roles are deny by default)
	const writers = Array.from({ length: WRITERS }, (_, i) => [`writer-${i}`, ['bem_officer']]);
	store = await backend.open({
		poolSize: 32,
		roles: { ...TEST_ROLES, ...Object.fromEntries(writers) },
	} as never);
});
afterAll(async () => {
	await store?.close();
	await backend?.teardown();
});

it(`${WRITERS} concurrent writers on one case all land, in one unbroken chain`, async () => {
	const { case: c } = await store.openCase({
		employeeId: 'EMP-CONTENDED',
		reachedOn: '2026-02-27',
		reason: 'continuous',
		on: '2026-03-01',
		actor: 'a',
	});
	const results = await Promise.allSettled(
		Array.from({ length: WRITERS }, (_, i) =>
			store.recordEvent(c.id, {
				type: 'note_added',
				on: '2026-03-02',
				actor: `writer-${i}`,
				data: { channel: 'mail' },
			}),
		),
	);
	const failed = results.filter((r) => r.status === 'rejected');
	expect(failed.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([]);
	expect((await store.getCase(c.id, { actor: 'hr', purpose: 'check' }))?.version).toBe(WRITERS + 1);
	expect(await store.verifyAudit(c.id)).toMatchObject({ ok: true });
}, 120000);

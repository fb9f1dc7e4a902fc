// Item 6: someone with database rights but without the store key edits the BEM file. Each edit the
// plain SHA-256 chain let through is now found by verifyAudit; the evidence tables refuse UPDATE and
// DELETE by trigger (purgeExpired still works); letters cannot swap their encrypted parts.
import type { BemStore } from '../../core';
import { eventHash } from '../../core/store/hash';
import { postgresBackend, sqliteBackend, type Backend } from '../store/backends';

const who = { actor: 'test:hr', purpose: 'tamper test' };

describe.each([
	['sqlite', async () => sqliteBackend()],
	['postgres', postgresBackend],
] as const)('BEM audit against tampering: %s', (name, make) => {
	let backend: Backend;
	let store: BemStore;
	let n = 0;
	const open = async (on = '2026-03-01') =>
		(
			await store.openCase({
				employeeId: `EMP-T-${name}-${++n}`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on,
				actor: 'a',
			})
		).case;
	const ev = (id: string, type: string, on: string, data?: Record<string, unknown>) =>
		store.recordEvent(id, { type: type as never, on, actor: 'a', data });
	/** the attacker turns off every guard trigger first */
	const unguard = async () => {
		if (name === 'postgres') {
			for (const t of ['bem_events', 'bem_cases', 'bem_letters', 'bem_access_log'])
				await backend.exec(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
			return;
		}
		for (const { name: trigger } of await backend.exec(
			"SELECT name FROM sqlite_master WHERE type = 'trigger'",
		))
			await backend.exec(`DROP TRIGGER ${trigger}`);
	};
	const brokenCases = async () => ((await store.verifyAudit()).broken ?? []).map((b) => b.caseId);

	beforeAll(async () => {
		backend = await make();
		store = await backend.open();
	});
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});

	it('triggers refuse UPDATE and DELETE on every evidence table; purgeExpired still purges', async () => {
		const c = await open();
		await store.archiveLetter(c.id, {
			kind: 'first',
			on: '2026-03-01',
			actor: 'a',
			subject: 's',
			text: 't',
		});
		await store.getCase(c.id, who);
		const attempts = [
			[`UPDATE bem_letters SET kind = 'x' WHERE case_id = '${c.id}'`, /append-only/],
			[`DELETE FROM bem_letters WHERE case_id = '${c.id}'`, /removed only by purgeExpired/],
			[`UPDATE bem_access_log SET actor = 'x' WHERE case_id = '${c.id}'`, /append-only/],
			[`DELETE FROM bem_access_log WHERE case_id = '${c.id}'`, /removed only by purgeExpired/],
			[`DELETE FROM bem_events WHERE case_id = '${c.id}'`, /removed only by purgeExpired/],
			[`DELETE FROM bem_cases WHERE id = '${c.id}'`, /removed only by purgeExpired/],
			['UPDATE bem_ledger SET digest = digest', /append-only/],
			['DELETE FROM bem_ledger', /append-only/],
			["UPDATE bem_store_meta SET value = 'x'", /append-only/],
		] as const;
		for (const [sql, message] of attempts) await expect(backend.exec(sql)).rejects.toThrow(message);
		const old = await open('2020-01-06');
		await ev(old.id, 'withdrawn', '2020-01-07');
		await store.archiveLetter(old.id, {
			kind: 'first',
			on: '2020-01-06',
			actor: 'a',
			subject: 's',
			text: 't',
		});
		await store.getCase(old.id, who);
		expect(await store.purgeExpired('2024-01-08')).toEqual({ purged: 1 });
		expect(await store.getCase(old.id, who)).toBeNull();
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
		for (const sql of [
			"UPDATE bem_deletions SET outcome = 'completed'",
			'DELETE FROM bem_deletions',
		])
			await expect(backend.exec(sql)).rejects.toThrow(/append-only/);
	});

	it('binds each letter part to its letter: swapped ciphertexts do not open', async () => {
		const c = await open();
		const a = await store.archiveLetter(c.id, {
			kind: 'first',
			on: '2026-03-01',
			actor: 'a',
			subject: 'A',
			text: 'Brief A',
		});
		const b = await store.archiveLetter(c.id, {
			kind: 'second',
			on: '2026-03-02',
			actor: 'a',
			subject: 'B',
			text: 'Brief B',
		});
		await unguard();
		const [rowB] = await backend.exec(`SELECT body FROM bem_letters WHERE id = '${b.id}'`);
		await backend.exec(`UPDATE bem_letters SET body = '${rowB.body}' WHERE id = '${a.id}'`);
		await expect(store.letters(c.id, who)).rejects.toMatchObject({ code: 'BEM_INVALID_INPUT' });
		expect(await brokenCases()).toContain(c.id);
	});

	it('finds a chain recomputed with plain SHA-256, a removed last event with a rewound head, and a row edited to accepted', async () => {
		await unguard();
		// 1. rewrite an event and recompute the chain and head as the v1 store would have
		const rewritten = await open();
		await ev(rewritten.id, 'invitation_sent', '2026-03-02');
		await ev(rewritten.id, 'note_added', '2026-03-03', { channel: 'mail' });
		const rows = await backend.exec(
			`SELECT * FROM bem_events WHERE case_id = '${rewritten.id}' ORDER BY seq`,
		);
		let prev = '0'.repeat(64);
		for (const r of rows) {
			const data = Number(r.seq) === 3 ? '{"channel":"fax"}' : String(r.data);
			const hash = eventHash(prev, {
				caseId: String(r.case_id),
				seq: Number(r.seq),
				type: String(r.type),
				on: String(r.on_day),
				actor: String(r.actor),
				recordedAt: String(r.recorded_at),
				workflowId: r.workflow_id as string | null,
				executionId: r.execution_id as string | null,
				data,
				secret: r.secret as string | null,
				stateAfter: String(r.state_after),
				idempotencyKey: r.idempotency_key as string | null,
			});
			await backend.exec(
				`UPDATE bem_events SET data = '${data}', hash = '${hash}' WHERE case_id = '${r.case_id}' AND seq = ${r.seq}`,
			);
			prev = hash;
		}
		await backend.exec(`UPDATE bem_cases SET head_hash = '${prev}' WHERE id = '${rewritten.id}'`);
		// 2. remove the last event and rewind the case to the one before, consistently
		const rewound = await open();
		await ev(rewound.id, 'invitation_sent', '2026-03-02');
		await ev(rewound.id, 'reply_declined', '2026-03-05');
		const [second] = await backend.exec(
			`SELECT hash FROM bem_events WHERE case_id = '${rewound.id}' AND seq = 2`,
		);
		await backend.exec(`DELETE FROM bem_events WHERE case_id = '${rewound.id}' AND seq = 3`);
		await backend.exec(
			`UPDATE bem_cases SET version = 2, head_hash = '${second.hash}', state = 'invited', outcome = NULL, closed_on = NULL, response = NULL WHERE id = '${rewound.id}'`,
		);
		// 3. a declined case made accepted in its row only
		const declined = await open();
		await ev(declined.id, 'invitation_sent', '2026-03-02');
		await ev(declined.id, 'reply_declined', '2026-03-05');
		await backend.exec(
			`UPDATE bem_cases SET state = 'accepted', outcome = NULL, closed_on = NULL, response = 'accepted' WHERE id = '${declined.id}'`,
		);
		const broken = await brokenCases();
		for (const c of [rewritten, rewound, declined]) expect(broken).toContain(c.id);
		expect((await store.verifyAudit(declined.id)).brokenAt?.reason).toMatch(
			/derived state altered/,
		);
		expect((await store.verifyAudit(rewound.id)).brokenAt?.reason).toMatch(/event 3 was removed/);
	});

	it('finds a deleted case and removed or edited access-log rows', async () => {
		await unguard();
		const gone = await open();
		await ev(gone.id, 'invitation_sent', '2026-03-02');
		await store.getCase(gone.id, who);
		const before = (await store.verifyAudit()).broken?.length ?? 0;
		for (const t of ['bem_events', 'bem_access_log', 'bem_letters'])
			await backend.exec(`DELETE FROM ${t} WHERE case_id = '${gone.id}'`);
		await backend.exec(`DELETE FROM bem_cases WHERE id = '${gone.id}'`);
		const after = (await store.verifyAudit()).broken ?? [];
		expect(after.length).toBe(before + 1);
		expect(after.some((b) => /whole case was deleted/.test(b.reason))).toBe(true);

		const read = await open();
		await store.getCase(read.id, who);
		await store.getCase(read.id, { actor: 'snoop', purpose: 'curiosity' });
		expect(await store.verifyAudit(read.id)).toMatchObject({ ok: true });
		await backend.exec(
			`DELETE FROM bem_access_log WHERE case_id = '${read.id}' AND actor = 'snoop'`,
		);
		expect((await store.verifyAudit(read.id)).brokenAt?.reason).toMatch(
			/access-log row\(s\) removed/,
		);
		const edited = await open();
		await store.getCase(edited.id, { actor: 'snoop', purpose: 'curiosity' });
		await backend.exec(`UPDATE bem_access_log SET actor = 'hr' WHERE case_id = '${edited.id}'`);
		expect((await store.verifyAudit(edited.id)).brokenAt?.reason).toMatch(
			/access-log row was altered/,
		);
	});
});

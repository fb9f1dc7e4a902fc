import type { FreeTextCipher } from './crypto';
import { eventHash, GENESIS_HASH } from './hash';
import type { SqlRunner } from './sql/db';
import type { EventType, State } from '../lifecycle/names';
import type { AuditEvent } from './types';

// Reading and checking the hash-chained event log.

export interface EventRow {
	case_id: string;
	seq: number;
	type: string;
	on_day: string;
	actor: string;
	recorded_at: string;
	workflow_id: string | null;
	execution_id: string | null;
	data: string;
	secret: string | null;
	state_after: string;
	idempotency_key: string | null;
	hash: string;
}

const EVENT_COLUMNS =
	'case_id, seq, type, on_day, actor, recorded_at, workflow_id, execution_id, data, secret, state_after, idempotency_key, hash';

export async function caseEvents(
	t: SqlRunner,
	caseId: string,
	page?: { fromSeq: number; limit: number },
): Promise<EventRow[]> {
	if (!page)
		return t.all<EventRow>(
			`SELECT ${EVENT_COLUMNS} FROM bem_events WHERE case_id = ? ORDER BY seq`,
			[caseId],
		);
	return t.all<EventRow>(
		`SELECT ${EVENT_COLUMNS} FROM bem_events WHERE case_id = ? AND seq >= ? ORDER BY seq LIMIT ?`,
		[caseId, page.fromSeq, page.limit],
	);
}

export function toAuditEvent(row: EventRow, cipher: FreeTextCipher): AuditEvent {
	const data = JSON.parse(row.data) as Record<string, unknown>;
	if (row.secret) Object.assign(data, JSON.parse(cipher.open(row.secret, row.case_id)));
	return {
		seq: Number(row.seq),
		type: row.type as EventType,
		on: row.on_day,
		actor: row.actor,
		recordedAt: row.recorded_at,
		workflowId: row.workflow_id,
		executionId: row.execution_id,
		data,
		stateAfter: row.state_after as State,
		idempotencyKey: row.idempotency_key,
		hash: row.hash,
	};
}

export type ChainBreak = { caseId: string; seq: number; reason: string };

/** Checks one case's chain: consecutive sequence numbers, each hash, and the case row's head and version. */
export function checkChain(
	caseId: string,
	events: EventRow[],
	head: { version: number; head_hash: string } | undefined,
): ChainBreak | null {
	let prev = GENESIS_HASH;
	for (let i = 0; i < events.length; i++) {
		const e = events[i];
		const seq = Number(e.seq);
		if (seq !== i + 1) return { caseId, seq: i + 1, reason: `event ${i + 1} is missing` };
		const expected = eventHash(prev, {
			caseId: e.case_id,
			seq,
			type: e.type,
			on: e.on_day,
			actor: e.actor,
			recordedAt: e.recorded_at,
			workflowId: e.workflow_id,
			executionId: e.execution_id,
			data: e.data,
			secret: e.secret,
			stateAfter: e.state_after,
			idempotencyKey: e.idempotency_key,
		});
		if (expected !== e.hash)
			return { caseId, seq, reason: 'the event row was altered (hash mismatch)' };
		prev = e.hash;
	}
	if (!head) return { caseId, seq: 0, reason: 'events without a case row' };
	if (Number(head.version) !== events.length)
		return {
			caseId,
			seq: events.length + 1,
			reason: `the case is at version ${head.version} but has ${events.length} events (events removed)`,
		};
	if (head.head_hash !== prev)
		return {
			caseId,
			seq: events.length,
			reason: 'the case row does not point at the last event (chain head altered)',
		};
	return null;
}

export async function verifyChains(
	t: SqlRunner,
	caseId?: string,
): Promise<{ ok: boolean; checked: number; brokenAt?: ChainBreak; broken?: ChainBreak[] }> {
	const cases = caseId
		? await t.all<{ id: string; version: number; head_hash: string }>(
				'SELECT id, version, head_hash FROM bem_cases WHERE id = ?',
				[caseId],
			)
		: await t.all<{ id: string; version: number; head_hash: string }>(
				'SELECT id, version, head_hash FROM bem_cases ORDER BY id',
			);
	const heads = new Map(cases.map((c) => [c.id, c]));
	const events = caseId
		? await caseEvents(t, caseId)
		: await t.all<EventRow>(`SELECT ${EVENT_COLUMNS} FROM bem_events ORDER BY case_id, seq`);
	const byCase = new Map<string, EventRow[]>();
	for (const c of cases) byCase.set(c.id, []);
	for (const e of events) {
		let list = byCase.get(e.case_id);
		if (!list) byCase.set(e.case_id, (list = []));
		list.push(e);
	}
	// every broken case, not only the first: one damaged case must not hide tampering in later ones
	const broken: ChainBreak[] = [];
	for (const [id, list] of byCase) {
		const found = checkChain(id, list, heads.get(id));
		if (found) broken.push(found);
	}
	if (broken.length) return { ok: false, checked: byCase.size, brokenAt: broken[0], broken };
	return { ok: true, checked: byCase.size };
}

import { STORE_WIDE } from './access';
import { PROCESS_FIELDS } from './roles';
import type { FreeTextCipher } from './crypto';
import { eventHash, eventMac, GENESIS_HASH } from './hash';
import {
	accessDigest,
	LEDGER_GENESIS,
	LEDGER_SHARDS,
	letterDigest,
	shardOf,
	type AccessRowFields,
	type AuditKeys,
	type LedgerRow,
	type LetterRowFields,
} from './ledger';
import { rowSnapshot, type CaseRow } from './rows';
import { v1Anchor } from './sql/migrations';
import type { SqlRunner } from './sql/db';
import type { EventType, State } from '../lifecycle/names';
import { voidsOf } from '../lifecycle/replay';
import type { AuditEvent, TimelineEvent } from './types';

// Reading and checking the evidence: each case's chained events, its letters and access rows, against
// the store-wide ledger (core/store/ledger.ts).

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
	/** the case row after the event (keyed events, schema 3 on); null for v1 events */
	row_after: string | null;
}

const EVENT_COLUMNS =
	'case_id, seq, type, on_day, actor, recorded_at, workflow_id, execution_id, data, secret, state_after, idempotency_key, hash, row_after';

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

/** Each voided event's seq → the seq of the event_voided that voided it (the mark the trail shows). */
export async function caseVoids(t: SqlRunner, caseId: string): Promise<Map<number, number>> {
	const rows = await t.all<{ seq: number; type: EventType; on_day: string; data: string }>(
		"SELECT seq, type, on_day, data FROM bem_events WHERE case_id = ? AND type = 'event_voided' ORDER BY seq",
		[caseId],
	);
	return voidsOf(
		rows.map((r) => ({ seq: Number(r.seq), type: r.type, on: r.on_day, data: JSON.parse(r.data) })),
	);
}

/** The event's metadata with the given data (the audit trail's or the timeline's), marked when voided. */
function eventWith(
	row: EventRow,
	data: Record<string, unknown>,
	voids: Map<number, number>,
): TimelineEvent {
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
		voidedBy: voids.get(Number(row.seq)) ?? null,
	};
}

export function toAuditEvent(
	row: EventRow,
	cipher: FreeTextCipher,
	voids: Map<number, number>,
): AuditEvent {
	const data = JSON.parse(row.data) as Record<string, unknown>;
	if (row.secret) Object.assign(data, JSON.parse(cipher.open(row.secret, row.case_id)));
	return { ...eventWith(row, data, voids), hash: row.hash };
}

/** The event without its payload: sealed free text never, of the structured fields the process ones only. */
export function toTimelineEvent(row: EventRow, voids: Map<number, number>): TimelineEvent {
	const fields = JSON.parse(row.data) as Record<string, unknown>;
	return eventWith(
		row,
		Object.fromEntries(Object.entries(fields).filter(([k]) => PROCESS_FIELDS.includes(k))),
		voids,
	);
}

export type ChainBreak = { caseId: string; seq: number; reason: string };

interface Anchored {
	/** the case's v1 head re-anchored at migration 3 ('<head anchor>:<row anchor>'), if it is that old */
	v1?: { version: number; digest: string };
	events: Map<number, string>;
	letters: Map<string, string>;
	access: string[];
	purged: boolean;
}

/** Walks the store-wide ledger: its own chain, and what it records per case tag. */
async function readLedger(
	t: SqlRunner,
	keys: AuditKeys,
): Promise<{ bySubject: Map<string, Anchored>; broken: ChainBreak | null }> {
	const rows = await t.all<LedgerRow>(
		'SELECT shard, n, kind, subject, ref, digest, mac FROM bem_ledger ORDER BY shard, n',
	);
	const heads = new Map(
		(
			await t.all<{ id: number; n: number; mac: string }>('SELECT id, n, mac FROM bem_ledger_head')
		).map((h) => [Number(h.id), h]),
	);
	const bySubject = new Map<string, Anchored>();
	let broken: ChainBreak | null = null;
	const ledgerBreak = (shard: number, n: number, reason: string) =>
		(broken ??= { caseId: `(store-wide ledger, shard ${shard})`, seq: n, reason });
	const ends = new Map<number, { n: number; mac: string }>();
	for (const r of rows) {
		const shard = Number(r.shard);
		const prev = ends.get(shard) ?? { n: 0, mac: LEDGER_GENESIS };
		if (Number(r.n) !== prev.n + 1)
			ledgerBreak(shard, prev.n + 1, `ledger entry ${prev.n + 1} is missing`);
		if (shardOf(r.subject) !== shard || keys.ledgerMac(prev.mac, r) !== r.mac)
			ledgerBreak(shard, Number(r.n), 'the ledger entry was altered');
		ends.set(shard, { n: Number(r.n), mac: r.mac });
		let a = bySubject.get(r.subject);
		if (!a)
			bySubject.set(
				r.subject,
				(a = { events: new Map(), letters: new Map(), access: [], purged: false }),
			);
		if (r.kind === 'event') a.events.set(Number(r.ref), r.digest);
		else if (r.kind === 'letter') a.letters.set(r.ref, r.digest);
		else if (r.kind === 'access') a.access.push(r.digest);
		else if (r.kind === 'purge') a.purged = true;
		else if (r.kind === 'v1') a.v1 = { version: Number(r.ref), digest: r.digest };
	}
	for (let shard = 0; shard < LEDGER_SHARDS; shard++) {
		const end = ends.get(shard) ?? { n: 0, mac: LEDGER_GENESIS };
		const head = heads.get(shard);
		if (!head || Number(head.n) !== end.n || head.mac !== end.mac)
			ledgerBreak(
				shard,
				end.n,
				'the ledger head does not point at its last entry (entries removed)',
			);
	}
	return { bySubject, broken };
}

const fieldsOf = (e: EventRow) => ({
	caseId: e.case_id,
	seq: Number(e.seq),
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

/**
 * Checks one case: its events link up (plain SHA-256 up to its v1 anchor, keyed HMAC after), each keyed
 * event is the one the ledger recorded and none the ledger recorded is missing, and the case row is what
 * its last event says it must be. Replaying the derived state through the lifecycle rules would depend
 * on the configuration of the day (holidays, review months); the state each event produced is under its
 * MAC instead (`row_after`), which catches the same edits. A correction (`event_voided`) is no exception:
 * the store replayed the case without the voided event when it wrote the correction, and that replay's
 * result is the correction's `row_after`, so the row must match it; the voided event keeps its own
 * MAC and place in the chain.
 */
export function checkCase(
	keys: AuditKeys,
	caseId: string,
	events: EventRow[],
	row: CaseRow | undefined,
	anchored: Anchored | undefined,
): ChainBreak | null {
	const at = (seq: number, reason: string) => ({ caseId, seq, reason });
	if (!row) return at(0, 'events without a case row');
	const v1 = anchored?.v1;
	const v1Version = v1?.version ?? 0;
	let prev = GENESIS_HASH;
	for (let i = 0; i < events.length; i++) {
		const e = events[i];
		const seq = Number(e.seq);
		if (seq !== i + 1) return at(i + 1, `event ${i + 1} is missing`);
		const expected =
			seq <= v1Version
				? eventHash(prev, fieldsOf(e))
				: eventMac((p) => keys.mac(p), prev, fieldsOf(e), e.row_after ?? '');
		if (expected !== e.hash) return at(seq, 'the event row was altered (MAC mismatch)');
		if (seq > v1Version && anchored?.events.get(seq) !== e.hash)
			return at(
				seq,
				'the event is not the one the store-wide ledger recorded (inserted or rewritten)',
			);
		if (
			seq === v1Version &&
			v1 &&
			v1.digest.split(':')[0] !==
				v1Anchor(keys, { ...row, version: seq, head_hash: e.hash }).split(':')[0]
		)
			return at(seq, 'the events before the migration were rewritten (v1 head anchor mismatch)');
		prev = e.hash;
	}
	const recorded = [...(anchored?.events.keys() ?? [])];
	const lastRecorded = Math.max(v1Version, ...recorded);
	if (lastRecorded > events.length)
		return at(
			events.length + 1,
			`event ${events.length + 1} was removed (the store-wide ledger records ${lastRecorded} events)`,
		);
	if (Number(row.version) !== events.length)
		return at(
			events.length + 1,
			`the case is at version ${row.version} but has ${events.length} events (events removed)`,
		);
	if (row.head_hash !== prev)
		return at(events.length, 'the case row does not point at the last event (chain head altered)');
	const last = events[events.length - 1];
	const rowMatches =
		Number(last?.seq ?? 0) > v1Version
			? last.row_after === rowSnapshot(row)
			: v1?.digest.split(':')[1] === v1Anchor(keys, row).split(':')[1];
	if (!rowMatches)
		return at(
			events.length,
			'the case row does not match what its events recorded (derived state altered)',
		);
	return null;
}

function checkRecords(
	caseId: string,
	recorded: Map<string, string> | string[],
	present: Array<[string, string]>,
	what: 'letter' | 'access-log row',
): ChainBreak | null {
	const at = (reason: string) => ({ caseId, seq: 0, reason });
	if (Array.isArray(recorded)) {
		const left = [...recorded].sort();
		const have = present.map(([, d]) => d).sort();
		if (left.length > have.length) return at(`${left.length - have.length} ${what}(s) removed`);
		if (left.join() !== have.join()) return at(`an ${what} was altered or inserted`);
		return null;
	}
	for (const [id, digest] of present)
		if (recorded.get(id) !== digest) return at(`a ${what} was altered or inserted`);
	if (recorded.size > present.length)
		return at(`${recorded.size - present.length} ${what}(s) removed`);
	return null;
}

export async function verifyChains(
	t: SqlRunner,
	keys: AuditKeys,
	caseId?: string,
): Promise<{ ok: boolean; checked: number; brokenAt?: ChainBreak; broken?: ChainBreak[] }> {
	const where = caseId ? ' WHERE case_id = ?' : '';
	const params = caseId ? [caseId] : [];
	const cases = await t.all<CaseRow>(
		`SELECT * FROM bem_cases${caseId ? ' WHERE id = ?' : ''} ORDER BY id`,
		params,
	);
	const events = await t.all<EventRow>(
		`SELECT ${EVENT_COLUMNS} FROM bem_events${where} ORDER BY case_id, seq`,
		params,
	);
	const letters = await t.all<LetterRowFields>(`SELECT * FROM bem_letters${where}`, params);
	const access = await t.all<AccessRowFields>(`SELECT * FROM bem_access_log${where}`, params);
	const { bySubject, broken: ledgerBroken } = await readLedger(t, keys);
	const rows = new Map(cases.map((c) => [c.id, c]));
	const byCase = new Map<string, EventRow[]>();
	for (const c of cases) byCase.set(c.id, []);
	for (const e of events) {
		let list = byCase.get(e.case_id);
		if (!list) byCase.set(e.case_id, (list = []));
		list.push(e);
	}
	const group = <T extends { case_id: string }>(list: T[], entry: (r: T) => [string, string]) => {
		const m = new Map<string, Array<[string, string]>>();
		for (const r of list) m.set(r.case_id, [...(m.get(r.case_id) ?? []), entry(r)]);
		return m;
	};
	const lettersOf = group(letters, (l) => [l.id, letterDigest(keys, l)]);
	const accessOf = group(access, (a) => ['', accessDigest(keys, a)]);
	// every broken case, not only the first: one damaged case must not hide tampering in later ones
	const broken: ChainBreak[] = ledgerBroken ? [ledgerBroken] : [];
	const seen = new Set<string>();
	for (const [id, list] of byCase) {
		const tag = keys.tag(id);
		seen.add(tag);
		const anchored = bySubject.get(tag);
		const found =
			checkCase(keys, id, list, rows.get(id), anchored) ??
			checkRecords(id, anchored?.letters ?? new Map(), lettersOf.get(id) ?? [], 'letter') ??
			checkRecords(id, anchored?.access ?? [], accessOf.get(id) ?? [], 'access-log row');
		if (found) broken.push(found);
	}
	if (!caseId) {
		// store-wide access rows (listings, store-wide grants, refusals naming no case): checked as one set
		const tag = keys.tag(STORE_WIDE);
		seen.add(tag);
		const found = checkRecords(
			'(store-wide access log)',
			bySubject.get(tag)?.access ?? [],
			accessOf.get(STORE_WIDE) ?? [],
			'access-log row',
		);
		if (found) broken.push(found);
	}
	if (!caseId)
		for (const [tag, a] of bySubject)
			if (!seen.has(tag) && !a.purged)
				broken.push({
					caseId: `(deleted case, ledger tag ${tag.slice(0, 12)})`,
					seq: 0,
					reason:
						'a whole case was deleted outside purgeExpired (the store-wide ledger records it)',
				});
	if (broken.length) return { ok: false, checked: byCase.size, brokenAt: broken[0], broken };
	return { ok: true, checked: byCase.size };
}

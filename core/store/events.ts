import { randomUUID } from 'crypto';

import { ACCEPTED_EVENTS, decide, NO_HISTORY, type Decision } from '../lifecycle/machine';
import { MEASURE_EVENTS } from '../lifecycle/measures';
import { historyOf, voidEvent, voidsOf, type RecordedEvent } from '../lifecycle/replay';
import { newCaseFacts, type CaseFacts, type LifecycleRules } from '../lifecycle/facts';
import type { EventType } from '../lifecycle/names';
import type { FreeTextCipher } from './crypto';
import { REVOKED_FIELD, withdrawnRoles } from './consent';
import { deleteGrants } from './grants';
import { BemIdempotencyKeyReusedError, BemStoreError, BemTransitionRefusedError } from './errors';
import { eventMac, GENESIS_HASH } from './hash';
import { appendLedger, type AuditKeys } from './ledger';
import { eventSchema, openCaseSchema, parse, splitEventData, type SplitData } from './input';
import {
	caseSnapshot,
	FACT_COLUMNS,
	referenceOf,
	rowToCase,
	rowToFacts,
	toCase,
	type CaseRow,
} from './rows';
import { assignReference } from './sql/migration9';
import type { SqlDb, SqlRunner } from './sql/db';
import type { BemCase, CallContext, EventInput, OpenCaseInput } from './types';

// The write path: opening a case and recording events. Every write is one transaction that moves the
// case by compare-and-set on its version and appends one hash-chained event; a lost race re-reads and
// decides again, so racing workers produce exactly one result.

const MAX_ATTEMPTS = 50;
/** backoff after a lost race: full jitter over a window doubling from 2 ms up to 250 ms */
const BACKOFF_BASE_MS = 2;
const BACKOFF_CAP_MS = 250;

/**
 * Waits before the next try of a lost compare-and-set. Immediate retries let the same racers collide
 * again; a random wait within a growing window spreads them, so one case takes many writers in turn.
 */
function backOff(attempt: number): Promise<void> {
	const window = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return new Promise((resolve) => setTimeout(resolve, Math.random() * window));
}

interface NewEvent {
	caseId: string;
	seq: number;
	type: EventType;
	on: string;
	actor: string;
	context?: CallContext;
	data: Record<string, unknown>;
	secret: string | null;
	result: BemCase;
	idempotencyKey: string | null;
}

const EVENT_COLUMNS =
	'case_id, seq, type, on_day, actor, recorded_at, workflow_id, execution_id, data, secret, state_after, result, idempotency_key, hash, row_after';
const INSERT_EVENT = `INSERT INTO bem_events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** PostgreSQL: the event's values as a SELECT list (typed, as nothing else tells PostgreSQL their types) */
const EVENT_VALUES_PG =
	'?::text, ?::integer, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text';

/** The event row's values and its keyed, chained MAC, computed before the write (the head is known). */
function eventRow(
	keys: AuditKeys,
	prevHash: string,
	e: NewEvent,
	rowAfter: string,
): { params: unknown[]; hash: string } {
	const fields = {
		caseId: e.caseId,
		seq: e.seq,
		type: e.type,
		on: e.on,
		actor: e.actor,
		recordedAt: new Date().toISOString(),
		workflowId: e.context?.workflowId ?? null,
		executionId: e.context?.executionId ?? null,
		data: JSON.stringify(e.data),
		secret: e.secret,
		stateAfter: e.result.state,
		idempotencyKey: e.idempotencyKey,
	};
	const hash = eventMac((parts) => keys.mac(parts), prevHash, fields, rowAfter);
	const params = [
		fields.caseId,
		fields.seq,
		fields.type,
		fields.on,
		fields.actor,
		fields.recordedAt,
		fields.workflowId,
		fields.executionId,
		fields.data,
		fields.secret,
		fields.stateAfter,
		// without the reference: it is the row's (migration 9), numbered after this row is written
		JSON.stringify({ ...e.result, reference: undefined }),
		fields.idempotencyKey,
		hash,
		rowAfter,
	];
	return { params, hash };
}

export const SELECT_CASE = 'SELECT * FROM bem_cases WHERE id = ?';
const SELECT_OPEN_CASE = "SELECT * FROM bem_cases WHERE employee_id = ? AND state <> 'closed'";
const INSERT_CASE = `INSERT INTO bem_cases (id, employee_id, state, outcome, reached_on, reason, opened_on, effective_reviews, version, head_hash, holiday_state)
	VALUES (?, ?, 'open', NULL, ?, ?, ?, 0, 1, ?, ?) ON CONFLICT DO NOTHING`;
const UPDATE_CASE = `UPDATE bem_cases SET ${FACT_COLUMNS.map(([, c]) => `${c} = ?`).join(', ')}, version = ?, head_hash = ? WHERE id = ? AND version = ?`;
/**
 * The case, the event an earlier call with the same idempotency key wrote (none without a key), the
 * latest event date and the number of corrections, in one snapshot (the order guard reads them).
 */
const SELECT_CASE_FOR_WRITE = `SELECT c.*, e.result AS prior_result, e.seq AS prior_seq, e.type AS prior_type, e.on_day AS prior_on, e.data AS prior_data, e.secret AS prior_secret,
	(SELECT max(x.on_day) FROM bem_events x WHERE x.case_id = c.id) AS latest_on,
	(SELECT count(*) FROM bem_events x WHERE x.case_id = c.id AND x.type = 'event_voided') AS corrections
	FROM bem_cases c LEFT JOIN bem_events e ON e.case_id = c.id AND e.idempotency_key = ? WHERE c.id = ?`;

interface PriorEvent {
	latest_on: string;
	corrections: number | string;
	prior_result: string | null;
	prior_seq: number | null;
	prior_type: string | null;
	prior_on: string | null;
	prior_data: string | null;
	prior_secret: string | null;
}

/** JSON with sorted keys: the same fields in another order are the same data */
const canonical = (value: Record<string, unknown> | null): string =>
	JSON.stringify(
		Object.fromEntries(Object.entries(value ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
	);

/** Whether a call repeats the event its idempotency key already names (type, date, data and free text). */
function repeatsPrior(
	prior: PriorEvent,
	cipher: FreeTextCipher,
	caseId: string,
	e: { type: EventType; on: string },
	split: SplitData,
): boolean {
	if (prior.prior_type !== e.type || prior.prior_on !== e.on) return false;
	// the principals a withdrawal revoked are the store's record, not the caller's data
	const priorData = JSON.parse(prior.prior_data ?? '{}') as Record<string, unknown>;
	delete priorData[REVOKED_FIELD];
	if (canonical(priorData) !== canonical(split.data)) return false;
	const secret = prior.prior_secret
		? (JSON.parse(cipher.open(prior.prior_secret, caseId)) as Record<string, unknown>)
		: null;
	return canonical(secret) === canonical(split.secret);
}
// PostgreSQL: the case row and its event in one statement (one round trip, atomic without BEGIN/COMMIT);
// the statement changes 1 row when the case was inserted / moved, 0 when the insert or the compare-and-set lost
const OPEN_CASE_PG = `WITH opened AS (${INSERT_CASE} RETURNING id) INSERT INTO bem_events (${EVENT_COLUMNS}) SELECT ${EVENT_VALUES_PG} FROM opened`;
const MOVE_CASE_PG = `WITH moved AS (${UPDATE_CASE} RETURNING id) INSERT INTO bem_events (${EVENT_COLUMNS}) SELECT ${EVENT_VALUES_PG} FROM moved`;

/**
 * Writes the case row (insert or compare-and-set) and, only when that changed a row, its event and its
 * ledger entry: one transaction. PostgreSQL writes case and event in one statement (`combined`).
 * Resolves false when the case write lost.
 */
async function writeWithEvent(
	db: SqlDb,
	keys: AuditKeys,
	[caseSql, caseParams]: [string, unknown[]],
	combined: string,
	event: { params: unknown[]; hash: string; caseId: string; seq: number },
	/** what else the event changes, in its transaction (a withdrawal revokes the participants' roles) */
	alongside?: (t: SqlRunner) => Promise<unknown>,
): Promise<boolean> {
	return db.tx(async (t) => {
		if (db.dialect === 'postgres') {
			if ((await t.run(combined, [...caseParams, ...event.params])) !== 1) return false;
		} else {
			if ((await t.run(caseSql, caseParams)) === 0) return false;
			await t.run(INSERT_EVENT, event.params);
		}
		await appendLedger(t, db.dialect, keys, [
			{ kind: 'event', caseId: event.caseId, ref: String(event.seq), digest: event.hash },
		]);
		if (alongside) await alongside(t);
		return true;
	});
}

export async function openCase(
	db: SqlDb,
	keys: AuditKeys,
	input: OpenCaseInput,
): Promise<{ case: BemCase; created: boolean }> {
	const c = parse(openCaseSchema, input, 'openCase');
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const id = randomUUID();
		const facts = newCaseFacts(c.on);
		const holiday_state = c.holidayState ?? null;
		const identity = {
			id,
			employee_id: c.employeeId,
			reached_on: c.reachedOn,
			reason: c.reason,
			holiday_state,
		};
		const created = toCase(identity, facts, 1);
		// the partial unique index decides: a second open for the employee inserts nothing
		const data = {
			reachedOn: c.reachedOn,
			reason: c.reason,
			...(holiday_state ? { holidayState: holiday_state } : {}),
		};
		const event = eventRow(
			keys,
			GENESIS_HASH,
			{
				caseId: id,
				seq: 1,
				type: 'case_opened',
				on: c.on,
				actor: c.actor,
				context: c.context,
				data,
				secret: null,
				result: created,
				idempotencyKey: null,
			},
			caseSnapshot(identity, facts, 1),
		);
		const caseParams = [id, c.employeeId, c.reachedOn, c.reason, c.on, event.hash, holiday_state];
		const written = { ...event, caseId: id, seq: 1 };
		const numbered = async (t: SqlRunner) => {
			created.reference = await assignReference(t, id, c.on);
		};
		if (await writeWithEvent(db, keys, [INSERT_CASE, caseParams], OPEN_CASE_PG, written, numbered))
			return { case: created, created: true };
		const [existing] = await db.all<CaseRow>(SELECT_OPEN_CASE, [c.employeeId]);
		// closed in between: try again
		if (existing) return { case: rowToCase(existing), created: false };
		await backOff(attempt);
	}
	throw new BemStoreError(
		'BEM_CONFLICT',
		`openCase for employee ${c.employeeId}: too many concurrent changes, try again`,
	);
}

/** the plan's events need the case's measures (the plan is read from its events) */
const isMeasureEvent = (type: EventType) => (MEASURE_EVENTS as readonly EventType[]).includes(type);

const SELECT_RECORDED =
	'SELECT seq, type, on_day, data FROM bem_events WHERE case_id = ? AND seq <= ? ORDER BY seq';

/** The case's recorded events (structured data only) up to `version`, for the order guards and replays. */
async function recordedEvents(
	db: SqlDb,
	caseId: string,
	version: number,
): Promise<RecordedEvent[]> {
	const rows = await db.all<{ seq: number; type: EventType; on_day: string; data: string }>(
		SELECT_RECORDED,
		[caseId, version],
	);
	return rows.map((r) => ({
		seq: Number(r.seq),
		type: r.type,
		on: r.on_day,
		data: JSON.parse(r.data) as Record<string, unknown>,
	}));
}

/**
 * A correction: the case replayed without the voided event. Reopening a closed case is refused while the
 * employee has another case open (one open case per employee).
 */
async function decideVoid(
	db: SqlDb,
	row: CaseRow,
	recorded: RecordedEvent[],
	target: { seq: number; on: string },
	rules: LifecycleRules,
): Promise<Decision> {
	const facts = rowToFacts(row);
	const result = voidEvent(row.opened_on, recorded, target, rules);
	if (!result.ok) return { ok: false, reason: result.reason, allowed: [] };
	if (facts.state === 'closed' && result.facts.state !== 'closed') {
		const [other] = await db.all<CaseRow>(SELECT_OPEN_CASE, [row.employee_id]);
		if (other)
			return {
				ok: false,
				reason: `voiding event ${target.seq} would reopen the case, but the employee has another case open (${other.id}); close that one first`,
				allowed: [],
			};
	}
	return { ok: true, changes: result.facts };
}

const parseEvent = (input: EventInput) => parse(eventSchema, input, 'recordEvent');

export async function recordEvent(
	db: SqlDb,
	keys: AuditKeys,
	cipher: FreeTextCipher,
	rulesOf: (row: CaseRow) => LifecycleRules,
	caseId: string,
	input: EventInput,
	/** what the event names checked against the store (the plan's catalogue, owners, consent) */
	checkAgainstStore: (e: ReturnType<typeof parseEvent>) => Promise<void>,
): Promise<BemCase> {
	const e = parseEvent(input);
	const split = splitEventData(e.data);
	const key = e.idempotencyKey ?? null;
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		// the case and the key's earlier result in one snapshot: a racing worker with the same key that moved
		// the case is seen with its event, so this call answers with its result instead of "already done"
		const [row] = await db.all<CaseRow & PriorEvent>(SELECT_CASE_FOR_WRITE, [key, caseId]);
		if (!row)
			throw new BemStoreError(
				'BEM_CASE_NOT_FOUND',
				`No BEM case ${caseId} (never opened, or purged after retention)`,
				'caseId',
			);
		// read after the case row: a consent changed since is a new version, so the write below loses
		// the compare-and-set and this check runs again on the new consent
		await checkAgainstStore(e);
		// the events themselves only where the guards need more than the latest date: corrections in the
		// case, a review (its spacing), a correction now. Up to the version read, so they agree with the row.
		const recorded =
			Number(row.corrections) > 0 ||
			e.type === 'review_held' ||
			e.type === 'event_voided' ||
			isMeasureEvent(e.type)
				? await recordedEvents(db, caseId, Number(row.version))
				: null;
		if (row.prior_result) {
			// the key names one event: its repeat gets the stored result, a different event is refused
			if (!repeatsPrior(row, cipher, caseId, e, split))
				throw new BemIdempotencyKeyReusedError(
					caseId,
					Number(row.prior_seq),
					String(row.prior_type),
				);
			if (recorded && voidsOf(recorded).has(Number(row.prior_seq)))
				throw new BemStoreError(
					'BEM_INVALID_INPUT',
					`idempotencyKey names event ${row.prior_seq} of case ${caseId}, which was voided; a corrected event needs a new key`,
					'idempotencyKey',
				);
			// results stored before migration 9 lack the reference: the row's
			return { ...(JSON.parse(row.prior_result) as BemCase), reference: referenceOf(row) };
		}
		const facts = rowToFacts(row);
		// the case's own German state, where it names one, else the store's
		const rules = rulesOf(row);
		let decision: Decision;
		if (e.type === 'event_voided') {
			const target = { seq: Number(e.data?.seq), on: e.on };
			decision = await decideVoid(db, row, recorded ?? [], target, rules);
		} else
			decision = decide(
				facts,
				{ type: e.type, on: e.on, data: e.data },
				rules,
				recorded ? historyOf(recorded) : { ...NO_HISTORY, latestOn: row.latest_on },
			);
		if (!decision.ok) throw await refusal(db, row, e.type, decision.reason);

		const next: CaseFacts = { ...facts, ...decision.changes };
		const version = Number(row.version) + 1;
		// a withdrawal ends the participants' roles with the event and records whom it revoked
		const revoking = e.type === 'consent_withdrawn' ? withdrawnRoles(e.data) : null;
		const data = revoking
			? { ...split.data, [REVOKED_FIELD]: await holders(db, caseId, revoking) }
			: split.data;
		const result = toCase(row, next, version);
		const secret = split.secret ? cipher.seal(JSON.stringify(split.secret), caseId) : null;
		const event = eventRow(
			keys,
			row.head_hash,
			{
				caseId,
				seq: version,
				type: e.type,
				on: e.on,
				actor: e.actor,
				context: e.context,
				data,
				secret,
				result,
				idempotencyKey: key,
			},
			caseSnapshot(row, next, version),
		);
		// compare-and-set: only the worker that still sees the version it decided on moves the case
		const moveParams = [
			...FACT_COLUMNS.map(([f]) => next[f]),
			version,
			event.hash,
			caseId,
			row.version,
		];
		const written = { ...event, caseId, seq: version };
		const revoke = revoking?.length
			? async (t: SqlRunner) => {
					// a grant made since the holders were read would go unrecorded: decide again
					if (
						canonical({ p: await holders(t, caseId, revoking) }) !==
						canonical({ p: data[REVOKED_FIELD] })
					)
						throw new HoldersChanged();
					await deleteGrants(t, db.dialect, keys, { roles: revoking, caseId, by: e.actor });
				}
			: undefined;
		try {
			if (await writeWithEvent(db, keys, [UPDATE_CASE, moveParams], MOVE_CASE_PG, written, revoke))
				return result;
		} catch (error) {
			if (!(error instanceof HoldersChanged)) throw error;
		}
		// lost the race: re-read and decide again (a move done meanwhile is refused as "already done")
		await backOff(attempt);
	}
	throw new BemStoreError('BEM_CONFLICT', `Case ${caseId}: too many concurrent changes, try again`);
}

/** A withdrawal's transaction found other holders than it recorded: rolled back, decided again. */
class HoldersChanged extends Error {}

/** The principals holding one of `roles` on the case (a withdrawal records whom it revokes). */
async function holders(db: SqlRunner, caseId: string, roles: readonly string[]): Promise<string[]> {
	if (roles.length === 0) return [];
	const rows = await db.all<{ principal: string }>(
		`SELECT DISTINCT principal FROM bem_roles WHERE case_id = ? AND role IN (${roles.map(() => '?').join(', ')}) ORDER BY principal`,
		[caseId, ...roles],
	);
	return rows.map((r) => r.principal);
}

/** The refusal, flagged "already done" when the case's last event is this very move (a racing worker). */
async function refusal(
	db: SqlDb,
	row: CaseRow,
	type: EventType,
	reason: string,
): Promise<BemTransitionRefusedError> {
	const [last] = await db.all<{ type: string }>(
		'SELECT type FROM bem_events WHERE case_id = ? AND seq = ?',
		[row.id, row.version],
	);
	const alreadyDone = last?.type === type && type !== 'note_added' && type !== 'event_voided';
	return new BemTransitionRefusedError(
		row.id,
		row.state as CaseFacts['state'],
		type,
		alreadyDone ? `${type} was already recorded` + (reason ? ` (${reason})` : '') : reason,
		ACCEPTED_EVENTS[row.state as CaseFacts['state']],
		alreadyDone,
	);
}

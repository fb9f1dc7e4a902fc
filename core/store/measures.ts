import { z } from 'zod';

import { eventsInForce, type RecordedEvent } from '../lifecycle/replay';
import { EMPTY_PLAN, MEASURE_EVENTS, nextPlan, openMeasures } from '../lifecycle/measures';
import type { EventType } from '../lifecycle/names';
import { checkAccess, logAccess, STORE_WIDE } from './access';
import type { MeasureCatalogue } from './catalogue';
import { caseConsent } from './consent';
import { BemStoreError } from './errors';
import { allGrantsOf, denied } from './grants';
import { caseIdSchema, day, parse } from './input';
import type { AuditKeys } from './ledger';
import { isOwner } from './owners';
import { ALLOWED, isRole } from './roles';
import type { SqlDb, SqlRunner } from './sql/db';
import type { Access, MeasureQuery, OverdueMeasure } from './types';

// The measure plan in the store: what an event of it must name (a catalogue code, a known owner, the
// consented participants), the overdue measures for reminders (metadata only), and the labour-law
// measures the personnel file may name, by catalogue label.

/** talk records: the events that carry the checklist (input.ts talkRecord) */
const TALK_RECORDS: readonly EventType[] = [
	'first_talk_held',
	'case_conference_held',
	'review_held',
];

const invalid = (field: string, message: string) =>
	new BemStoreError('BEM_INVALID_INPUT', `recordEvent: ${field} ${message}`, field);

/** The labour-law codes a measure_implemented names; free text never reaches the personnel file. */
function checkLabourLaw(catalogue: MeasureCatalogue, named: unknown): void {
	for (const entry of Array.isArray(named) ? named : [named]) {
		if (entry === undefined) continue;
		const found = typeof entry === 'string' ? catalogue.get(entry) : undefined;
		if (!found)
			throw new BemStoreError(
				'BEM_FREE_TEXT_REFUSED',
				'recordEvent: data.labourLawMeasure must be a labour-law code of the measure catalogue (measureCatalogue); free text never goes into the personnel file',
				'data.labourLawMeasure',
			);
		if (!found.labourLaw)
			throw invalid(
				'data.labourLawMeasure',
				'names a catalogue measure that is not a labour-law measure',
			);
	}
}

/**
 * Checks what an event of the plan or a talk record names against the store (never echoing a value):
 * the catalogue code and the owner of a planned measure, the labour-law code of an implementation,
 * the talk's participants within the consent and its next meeting not before the talk.
 */
export async function checkPlanEvent(
	db: SqlDb,
	catalogue: MeasureCatalogue,
	caseId: string,
	e: { type: EventType; on: string; data?: Record<string, unknown> },
): Promise<void> {
	const data = e.data ?? {};
	if (e.type === 'measure_planned') {
		if (!catalogue.get(String(data.code)))
			throw invalid(
				'data.code',
				'is not a code of the measure catalogue (measureCatalogue lists them)',
			);
		const owner = String(data.owner);
		if (!isRole(owner) && !(await isOwner(db, owner)))
			throw invalid(
				'data.owner',
				'is neither a principal of the owner directory (setOwner) nor a role name',
			);
	}
	if (e.type === 'measure_implemented') checkLabourLaw(catalogue, data.labourLawMeasure);
	if (!TALK_RECORDS.includes(e.type)) return;
	if (typeof data.nextMeetingOn === 'string' && data.nextMeetingOn < e.on)
		throw invalid('data.nextMeetingOn', `must be on or after the talk (${e.on})`);
	if (Array.isArray(data.participants) && data.participants.length > 0) {
		const consent = await caseConsent(db, caseId);
		if (data.participants.some((p) => !consent.participants.has(p as never)))
			throw new BemStoreError(
				'BEM_CONSENT_REQUIRED',
				"recordEvent: data.participants names a participant type the employee's current consent does not name; nothing was recorded",
				'data.participants',
			);
	}
}

/** an event row's structured part, as the plan and the KPIs read it */
export interface EventDataRow {
	case_id: string;
	seq: number;
	type: EventType;
	on_day: string;
	data: string;
}
export const toRecorded = (r: Omit<EventDataRow, 'case_id'>): RecordedEvent => ({
	seq: Number(r.seq),
	type: r.type,
	on: r.on_day,
	data: JSON.parse(r.data) as Record<string, unknown>,
});

/** The plan's events and the corrections, in a form `IN (...)` takes: literals of the store's own names. */
const PLAN_EVENT_TYPES = [...MEASURE_EVENTS, 'review_held', 'event_voided']
	.map((t) => `'${t}'`)
	.join(', ');

/** The de labels of the labour-law measures implemented on a case (events in force), in order. */
export async function labourLawLabels(
	t: SqlRunner,
	catalogue: MeasureCatalogue,
	caseId: string,
): Promise<string[]> {
	const rows = await t.all<Omit<EventDataRow, 'case_id'>>(
		`SELECT seq, type, on_day, data FROM bem_events WHERE case_id = ? AND type IN (${PLAN_EVENT_TYPES}) ORDER BY seq`,
		[caseId],
	);
	const labels: string[] = [];
	const add = (label: string | undefined) => {
		if (label !== undefined && !labels.includes(label)) labels.push(label);
	};
	let plan = EMPTY_PLAN;
	for (const e of eventsInForce(rows.map(toRecorded))) {
		const before = plan;
		plan = nextPlan(plan, e);
		if (e.type !== 'measure_implemented') continue;
		for (const m of Object.values(plan.measures))
			if (m.state === 'implemented' && before.measures[m.measureId]?.state !== 'implemented') {
				const entry = m.code === null ? undefined : catalogue.get(m.code);
				if (entry?.labourLaw) add(entry.de);
			}
		// labourLawMeasure: a code (since the catalogue) or, in older events, text: only a catalogue label
		const named = e.data.labourLawMeasure;
		for (const text of Array.isArray(named) ? named : [named])
			if (typeof text === 'string') add(catalogue.labourLawEntry(text)?.de);
	}
	return labels;
}

const querySchema = z
	.object({
		overdueOn: day,
		caseId: caseIdSchema.optional(),
		owner: caseIdSchema.optional(),
	})
	.strict();

/**
 * Planned or started measures with dueOn before `overdueOn` on the cases not closed that the principal's
 * roles cover (process, bem_officer, deputy): metadata only, for reminders to their owners. Logged.
 */
export async function findMeasures(
	db: SqlDb,
	keys: AuditKeys,
	q: MeasureQuery,
	access: Access,
): Promise<OverdueMeasure[]> {
	const query = parse(querySchema, q, 'findMeasures');
	const who = checkAccess(access);
	const grants = (await allGrantsOf(db, who.actor)).filter((g) =>
		(ALLOWED.findMeasures as readonly string[]).includes(g.role),
	);
	if (grants.length === 0)
		throw await denied(db, keys, who, 'findMeasures', query.caseId ?? null, ALLOWED.findMeasures);
	const storeWide = grants.some((g) => g.caseId === null);
	const covered = new Set(grants.map((g) => g.caseId));
	if (query.caseId !== undefined && !storeWide && !covered.has(query.caseId))
		throw await denied(db, keys, who, 'findMeasures', query.caseId, ALLOWED.findMeasures);
	return db.tx(
		async (t) => {
			const rows = await t.all<EventDataRow>(
				`SELECT e.case_id, e.seq, e.type, e.on_day, e.data FROM bem_events e JOIN bem_cases c ON c.id = e.case_id
			 WHERE c.state <> 'closed' AND e.type IN (${PLAN_EVENT_TYPES})${query.caseId === undefined ? '' : ' AND e.case_id = ?'}
			 ORDER BY e.case_id, e.seq`,
				query.caseId === undefined ? [] : [query.caseId],
			);
			const byCase = new Map<string, RecordedEvent[]>();
			for (const r of rows) {
				if (!storeWide && !covered.has(r.case_id)) continue;
				byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), toRecorded(r)]);
			}
			const found: OverdueMeasure[] = [];
			for (const [caseId, events] of byCase) {
				const plan = eventsInForce(events).reduce(nextPlan, EMPTY_PLAN);
				for (const m of openMeasures(plan))
					if (
						m.dueOn !== null &&
						m.dueOn < query.overdueOn &&
						m.code !== null &&
						m.owner !== null &&
						(query.owner === undefined || m.owner === query.owner)
					)
						found.push({
							caseId,
							measureId: m.measureId,
							code: m.code,
							owner: m.owner,
							dueOn: m.dueOn,
							state: m.state as OverdueMeasure['state'],
						});
			}
			found.sort(
				(a, b) =>
					a.dueOn.localeCompare(b.dueOn) ||
					a.caseId.localeCompare(b.caseId) ||
					a.measureId.localeCompare(b.measureId),
			);
			const read = [...new Set(found.map((m) => m.caseId))];
			await logAccess(t, db.dialect, keys, read.length ? read : [STORE_WIDE], who, 'findMeasures');
			return found;
		},
		{ read: true },
	);
}

import { newCaseFacts, type CaseFacts, type LifecycleRules } from './facts';
import { decide, NO_HISTORY, type CaseHistory } from './machine';
import type { EventType } from './names';
import { nextPlan } from './measures';

// Corrections (case-file.md "Order, corrections and the count's restart"): a wrong event is never
// edited or deleted; an `event_voided` names it, and the case is what its events in force make of it.
// Pure, like the machine: the store hands in the recorded events and writes what comes out.

export interface RecordedEvent {
	seq: number;
	type: EventType;
	on: string;
	/** structured data (what the machine's guards read); free text is not needed */
	data: Record<string, unknown>;
}

/** The seq an `event_voided` names (its `data.seq`), or null for any other event. */
export function voidedSeq(e: Pick<RecordedEvent, 'type' | 'data'>): number | null {
	return e.type === 'event_voided' && typeof e.data.seq === 'number' ? e.data.seq : null;
}

/** Each voided event's seq → the seq of the `event_voided` that voided it. */
export function voidsOf(events: readonly RecordedEvent[]): Map<number, number> {
	const voids = new Map<number, number>();
	for (const e of events) {
		const target = voidedSeq(e);
		if (target !== null) voids.set(target, e.seq);
	}
	return voids;
}

/** The events in force, oldest first: neither a correction nor voided by one. */
export function eventsInForce(events: readonly RecordedEvent[]): RecordedEvent[] {
	const voids = voidsOf(events);
	return events.filter((e) => e.type !== 'event_voided' && !voids.has(e.seq));
}

/** The history the order guards read, after the event `e` (in force) was applied. */
function nextHistory(h: CaseHistory, e: RecordedEvent): CaseHistory {
	const latestOn = h.latestOn === null || e.on > h.latestOn ? e.on : h.latestOn;
	const plan = nextPlan(h.plan, e);
	if (e.type === 'measure_implemented') return { latestOn, lastReviewOn: null, plan };
	if (e.type === 'review_held')
		return { latestOn, lastReviewOn: e.data.effective === true ? e.on : null, plan };
	return { ...h, latestOn, plan };
}

/** The order guards' history of a case's events in force. */
export function historyOf(events: readonly RecordedEvent[]): CaseHistory {
	return eventsInForce(events).reduce(nextHistory, NO_HISTORY);
}

export type Replay =
	| { ok: true; facts: CaseFacts; history: CaseHistory }
	| { ok: false; seq: number; type: EventType; reason: string };

/** Replays a case from its opening through the events in force (the first, `case_opened`, opens it). */
export function replay(
	openedOn: string,
	events: readonly RecordedEvent[],
	rules: LifecycleRules,
): Replay {
	let facts = newCaseFacts(openedOn);
	let history = NO_HISTORY;
	for (const e of eventsInForce(events)) {
		if (e.type !== 'case_opened') {
			const decision = decide(facts, e, rules, history);
			if (!decision.ok) return { ok: false, seq: e.seq, type: e.type, reason: decision.reason };
			facts = { ...facts, ...decision.changes };
		}
		history = nextHistory(history, e);
	}
	return { ok: true, facts, history };
}

export type VoidDecision = { ok: true; facts: CaseFacts } | { ok: false; reason: string };

/**
 * Decides `event_voided` naming `seq` on `on`: the case's facts without that event, or why not. The
 * opening and a correction cannot be voided, nor an event twice; the correction is dated on or after
 * the latest event in force; the replay must keep every remaining event within the rules.
 */
export function voidEvent(
	openedOn: string,
	events: readonly RecordedEvent[],
	target: { seq: number; on: string },
	rules: LifecycleRules,
): VoidDecision {
	const refuse = (reason: string): VoidDecision => ({ ok: false, reason });
	const voided = events.find((e) => e.seq === target.seq);
	if (!voided) return refuse(`the case has no event ${target.seq}`);
	if (voided.type === 'case_opened')
		return refuse('the opening cannot be voided (a case opened in error is closed with withdrawn)');
	if (voided.type === 'event_voided')
		return refuse(`event ${target.seq} is a correction itself; record the event again instead`);
	if (voidsOf(events).has(target.seq)) return refuse(`event ${target.seq} is already voided`);
	const latestOn = historyOf(events).latestOn;
	if (latestOn !== null && target.on < latestOn)
		return refuse(
			`the correction's date ${target.on} is before the case's latest event (${latestOn}): dates never run backwards`,
		);
	const without = events.filter((e) => e.seq !== target.seq);
	const result = replay(openedOn, without, rules);
	if (!result.ok)
		return refuse(
			`without event ${target.seq} (${voided.type}), event ${result.seq} (${result.type}) breaks a rule: ${result.reason}`,
		);
	return { ok: true, facts: result.facts };
}

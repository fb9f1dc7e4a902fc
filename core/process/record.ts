import { BemTransitionRefusedError } from '../store/errors';
import type { BemCase, BemStore, EventInput } from '../store/types';

// Recording a step exactly once when several runs may make it at the same time (n8n retries, queue-mode
// workers, a double-clicked form): a run that finds the very move already made is not an error.

const CONFIRM = 'confirm a step already recorded by another run';

/** Records the event; when a concurrent run already made this very move (an "already done" refusal),
 * returns the case as it stands with `alreadyDone: true`. Every other refusal is thrown. */
export async function recordOrConfirm(
	store: BemStore,
	caseId: string,
	event: EventInput,
	purpose = CONFIRM,
): Promise<{ case: BemCase; alreadyDone: boolean }> {
	const outcome = await store.recordEvent(caseId, event).then(
		(c) => ({ case: c }),
		(error: unknown) => ({ error }),
	);
	if ('case' in outcome) return { case: outcome.case, alreadyDone: false };
	const { error } = outcome;
	const c =
		error instanceof BemTransitionRefusedError && error.alreadyDone
			? await store.getCase(caseId, { actor: event.actor, purpose, context: event.context })
			: null;
	if (!c) throw error;
	return { case: c, alreadyDone: true };
}

/**
 * Records the event once and says whether this call wrote it (`recorded`). With an idempotency key, a
 * repeat gets the stored result; it counts as recorded here only when this very execution (the event's
 * context) wrote it, so a retried execution still reports its own write and another run's is `false`.
 */
export async function recordStepOnce(
	store: BemStore,
	caseId: string,
	event: EventInput,
): Promise<{ case: BemCase; recorded: boolean }> {
	const { case: c, alreadyDone } = await recordOrConfirm(store, caseId, event);
	if (alreadyDone) return { case: c, recorded: false };
	const recorded = event.idempotencyKey ? await writtenHere(store, caseId, event) : true;
	return { case: c, recorded };
}

/** Whether the event with this idempotency key was written by this execution (else: an earlier run did). */
async function writtenHere(store: BemStore, caseId: string, event: EventInput): Promise<boolean> {
	const context = event.context ?? {};
	if (!context.executionId) return true;
	const trail = await store.caseTimeline(caseId, {
		actor: event.actor,
		purpose: 'check whether this step was recorded by this execution',
		context,
	});
	const written = trail.find((e) => e.idempotencyKey === event.idempotencyKey);
	return (
		!written ||
		(written.executionId === context.executionId &&
			(written.workflowId ?? undefined) === context.workflowId)
	);
}

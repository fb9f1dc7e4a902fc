import { createHash } from 'crypto';

// Each event's hash covers its own fields and the previous event's hash of the same case, so changing,
// removing or reordering a row breaks the chain from there on. Free text enters as its ciphertext:
// verifying needs no key.

export interface HashedEventFields {
	caseId: string;
	seq: number;
	type: string;
	on: string;
	actor: string;
	recordedAt: string;
	workflowId: string | null;
	executionId: string | null;
	data: string;
	secret: string | null;
	stateAfter: string;
	idempotencyKey: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function eventHash(prevHash: string, e: HashedEventFields): string {
	const canonical = JSON.stringify([
		prevHash,
		e.caseId,
		e.seq,
		e.type,
		e.on,
		e.actor,
		e.recordedAt,
		e.workflowId,
		e.executionId,
		e.data,
		e.secret,
		e.stateAfter,
		e.idempotencyKey,
	]);
	return createHash('sha256').update(canonical).digest('hex');
}

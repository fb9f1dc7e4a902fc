import { createHash } from 'crypto';

// Each event's hash covers its own fields and the previous event's hash of the same case, so changing,
// removing or reordering a row breaks the chain from there on. Free text enters as its ciphertext.
// Schema v1 chained with plain SHA-256 (`eventHash`, still used to verify events written before
// migration 3); from then on the link is keyed (`eventMac`) and covers the case row after the event.

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

/** the fields a link covers, in order, after the previous link */
const linkParts = (prevHash: string, e: HashedEventFields): unknown[] => [
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
];

export function eventHash(prevHash: string, e: HashedEventFields): string {
	return createHash('sha256')
		.update(JSON.stringify(linkParts(prevHash, e)))
		.digest('hex');
}

/** The keyed link (schema 3 on): the v1 fields plus the case row's state after the event. */
export function eventMac(
	mac: (parts: unknown[]) => string,
	prevHash: string,
	e: HashedEventFields,
	rowAfter: string,
): string {
	return mac(['event', ...linkParts(prevHash, e), rowAfter]);
}

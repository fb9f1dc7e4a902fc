import type { EventType, State } from '../lifecycle/names';
import type { Role } from './roles';

export type BemStoreErrorCode =
	| 'BEM_TRANSITION_REFUSED'
	| 'BEM_CASE_NOT_FOUND'
	| 'BEM_INVALID_INPUT'
	| 'BEM_HEALTH_DETAIL'
	| 'BEM_CONFLICT'
	/** the principal's roles do not allow the call; nothing changed, the refusal is in the access log */
	| 'BEM_ACCESS_DENIED'
	/** a participant role the employee's current consent does not name */
	| 'BEM_CONSENT_REQUIRED'
	/** free text where only a catalogue code may go (a labour-law measure for the personnel file) */
	| 'BEM_FREE_TEXT_REFUSED'
	/** the encryption key is not the one the store was created with (nothing read or written) */
	| 'BEM_WRONG_KEY'
	/** the database cannot be reached or ended the connection (the message says whether anything was written) */
	| 'BEM_STORE_UNAVAILABLE';

export class BemStoreError extends Error {
	constructor(
		public readonly code: BemStoreErrorCode,
		message: string,
		public readonly field?: string,
	) {
		super(message);
		this.name = 'BemStoreError';
	}
}

/** A move the lifecycle does not allow; nothing was written. `alreadyDone`: a concurrent worker made it. */
export class BemTransitionRefusedError extends BemStoreError {
	constructor(
		public readonly caseId: string,
		public readonly state: State,
		public readonly eventType: EventType,
		public readonly reason: string,
		public readonly allowed: readonly EventType[],
		public readonly alreadyDone = false,
	) {
		super(
			'BEM_TRANSITION_REFUSED',
			`${alreadyDone ? 'Already done: ' : ''}case ${caseId} is '${state}': ${eventType} refused — ${reason}. ` +
				`Allowed from '${state}': ${allowed.length ? allowed.join(', ') : 'nothing (closed)'}`,
		);
		this.name = 'BemTransitionRefusedError';
	}
}

/** A call the principal's roles do not allow: names the call, the case and the roles that would allow it. */
export class BemAccessDeniedError extends BemStoreError {
	constructor(
		public readonly call: string,
		public readonly caseId: string | null,
		public readonly needed: readonly Role[],
	) {
		super(
			'BEM_ACCESS_DENIED',
			`Access denied: ${call}${caseId ? ` on case ${caseId}` : ''} needs one of the roles ${needed.join(', ')}${caseId ? ' (on the case or store-wide)' : ' (store-wide)'}; nothing was changed and the refusal is logged`,
		);
		this.name = 'BemAccessDeniedError';
	}
}

/**
 * An idempotency key already used on the case for a different event (another type, date or data): the
 * key names one event, so the new one is refused instead of silently answered with the old result.
 */
export class BemIdempotencyKeyReusedError extends BemStoreError {
	constructor(
		public readonly caseId: string,
		/** the seq of the event the key already names */
		public readonly seq: number,
		storedType: string,
	) {
		super(
			'BEM_INVALID_INPUT',
			`idempotencyKey was already used on case ${caseId} for a different event (seq ${seq}, ${storedType}); ` +
				'a repeat must send the same type, date and data, a new event needs a new key',
			'idempotencyKey',
		);
		this.name = 'BemIdempotencyKeyReusedError';
	}
}

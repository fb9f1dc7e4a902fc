import type { GermanState } from '../calendar/holidays';
import type { EventType, Outcome, State } from '../lifecycle/names';
import type { ThresholdReason } from '../threshold/types';

interface CommonConfig {
	/** secret the free-text encryption key is derived from (the credential's encryption key, ≥ 16 characters) */
	encryptionKey: string;
	/** German state whose public holidays deadlines roll past; default 'DE' (nationwide holidays only) */
	state?: GermanState;
	/** months after implementation at which the effectiveness reviews fall; default [3, 6] */
	reviewMonths?: number[];
	/** KPIs: the fewest persons a quota's base, numerator and rest may cover to be shown; default 5, at least 3 */
	minCell?: number;
}
export interface SqliteStoreConfig extends CommonConfig {
	kind: 'sqlite';
	/** the BEM file; created with its folder on first use */
	path: string;
}
export interface PostgresStoreConfig extends CommonConfig {
	kind: 'postgres';
	connectionString: string;
	/** passed to pg as its `ssl` option */
	ssl?: boolean | { rejectUnauthorized?: boolean; ca?: string; cert?: string; key?: string };
	/** connections in this store's pool; default 10 */
	poolSize?: number;
}
export type BemStoreConfig = SqliteStoreConfig | PostgresStoreConfig;

export interface BemCase {
	id: string;
	employeeId: string;
	state: State;
	outcome: Outcome | null;
	reachedOn: string;
	reason: ThresholdReason;
	openedOn: string;
	replyDueOn: string | null;
	reviewDueOn: string | null;
	closedOn: string | null;
	/** deferred cases: the day to re-invite (lifecycle.md keeps `followUpOn` on the case); else null */
	followUpOn: string | null;
	version: number;
}

/** Where a call comes from: the n8n workflow and execution, when known. */
export interface CallContext {
	workflowId?: string;
	executionId?: string;
}

/** Who reads a case and why; every read writes an access-log row. */
export interface Access {
	actor: string;
	purpose: string;
	context?: CallContext;
}

export interface OpenCaseInput {
	employeeId: string;
	reachedOn: string;
	reason: ThresholdReason | string;
	on: string;
	actor: string;
	context?: CallContext;
}

export interface EventInput {
	type: EventType;
	/** business date of the event, 'YYYY-MM-DD' (never the server clock) */
	on: string;
	actor: string;
	/**
	 * structured fields stay queryable; comment, description, minutes, note, reason, summary, text are
	 * encrypted. `event_voided` takes `{ seq, reason }`: the case is replayed without event `seq`.
	 */
	data?: Record<string, unknown>;
	idempotencyKey?: string;
	context?: CallContext;
}

export interface CaseQuery {
	state?: State;
	employeeId?: string;
	/** cases whose replyDueOn is before this day (the deadline has passed) */
	replyOverdueOn?: string;
	/** cases whose reviewDueOn is on or before this day */
	reviewDueOn?: string;
	/** deferred cases whose followUpOn is on or before this day */
	followUpDueOn?: string;
	limit?: number;
}

export interface AuditEvent {
	seq: number;
	type: EventType;
	on: string;
	actor: string;
	/** when the event was written (server time, for the audit only) */
	recordedAt: string;
	workflowId: string | null;
	executionId: string | null;
	data: Record<string, unknown>;
	stateAfter: State;
	idempotencyKey: string | null;
	hash: string;
	/** the seq of the event_voided that voided this event (it stays on record, out of force); else null */
	voidedBy: number | null;
}

export interface AccessLogEntry {
	at: string;
	actor: string;
	purpose: string;
	action: string;
	workflowId: string | null;
	executionId: string | null;
}

export interface PersonnelFileExtract {
	employeeId: string;
	offeredOn: string | null;
	response: 'accepted' | 'declined' | 'no_reply' | null;
	labourLawMeasures: string[];
}

export interface ArchiveLetterInput {
	kind: string;
	on: string;
	actor: string;
	subject: string;
	text: string;
	html?: string;
	pdf?: Buffer;
	idempotencyKey?: string;
	context?: CallContext;
}

export interface ArchivedLetter {
	id: string;
	caseId: string;
	kind: string;
	on: string;
	actor: string;
	recordedAt: string;
	workflowId: string | null;
	executionId: string | null;
	subject: string;
	text: string;
	html: string | null;
	pdf: Buffer | null;
}

export interface KpiReport {
	angebotsquote: number | null;
	annahmequote: number | null;
	massnahmenquote: number | null;
	stabilitaetsquote: number | null;
	verbleibequote: number | null;
	counts: KpiCounts;
}
export interface KpiCounts {
	opened: number | null;
	invited: number | null;
	accepted: number | null;
	withMeasure: number | null;
	completedObserved: number | null;
	stable: number | null;
	retained: number | null;
}

export interface BemStore {
	readonly kind: 'sqlite' | 'postgres';
	openCase(c: OpenCaseInput): Promise<{ case: BemCase; created: boolean }>;
	recordEvent(caseId: string, e: EventInput): Promise<BemCase>;
	getCase(caseId: string, access: Access): Promise<BemCase | null>;
	findCases(q: CaseQuery, access?: Access): Promise<BemCase[]>;
	/** the case's events from `fromSeq` (default 1), at most `limit` (default and cap 1000) per call */
	auditTrail(
		caseId: string,
		access: Access,
		page?: { fromSeq?: number; limit?: number },
	): Promise<AuditEvent[]>;
	accessLog(caseId: string): Promise<AccessLogEntry[]>;
	verifyAudit(caseId?: string): Promise<{
		ok: boolean;
		checked: number;
		/** the first broken case (kept for compatibility; `broken` lists them all) */
		brokenAt?: { caseId: string; seq: number; reason: string };
		/** every broken case, in case id order; present when ok is false */
		broken?: Array<{ caseId: string; seq: number; reason: string }>;
	}>;
	personnelFileExtract(caseId: string, access: Access): Promise<PersonnelFileExtract>;
	archiveLetter(
		caseId: string,
		letter: ArchiveLetterInput,
	): Promise<{ id: string; created: boolean }>;
	letters(caseId: string, access: Access): Promise<ArchivedLetter[]>;
	purgeExpired(on: string, opts?: { retentionYears?: number }): Promise<{ purged: number }>;
	/** the period: a whole calendar month, quarter or year */
	kpis(period: { from: string; to: string }): Promise<KpiReport>;
	close(): Promise<void>;
}

import type { GermanState } from '../calendar/holidays';
import type { EventType, Outcome, State } from '../lifecycle/names';
import type { ThresholdReason } from '../threshold/types';
import type { CachedPattern } from '../hris/patternCache';
import type { MeasureCatalogueEntry } from './catalogue';
import type { AuPeriodCacheState, AuPeriodChange, CachedAuPeriod } from '../hris/auPeriodCache';
import type { Role } from './roles';

export type { Role } from './roles';
export type { MeasureCatalogueEntry, MeasureCategory } from './catalogue';

interface CommonConfig {
	/** secret the free-text encryption key is derived from (the credential's encryption key, ≥ 16 characters) */
	encryptionKey: string;
	/** German state whose public holidays deadlines roll past; default 'DE' (nationwide holidays only) */
	state?: GermanState;
	/** months after implementation at which the effectiveness reviews fall; default [3, 6] */
	reviewMonths?: number[];
	/** working days after posting a letter without a known delivery counts as received; default 3 */
	postalDays?: number;
	/** store-wide roles by principal, granted (never revoked) idempotently at every open */
	roles?: Record<string, Role[]>;
	/** KPIs: the fewest persons a quota's base, numerator and rest may cover to be shown; default 5, at least 3 */
	minCell?: number;
	/**
	 * the works agreement's extension of the shipped measure catalogue: a JSON file's path (an array of
	 * entries) or the entries; it adds codes and relabels shipped ones (their labour-law flag stays)
	 */
	measureCatalogue?: string | MeasureCatalogueEntry[];
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
	/** what letters and HR mails show (Aktenzeichen): 'BEM-<year of opening>-<number in that year>' */
	reference: string;
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
	/** the employee's German state whose holidays this case's deadlines roll past; absent: the store's */
	holidayState?: GermanState;
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
	/** the employee's German state (Bundesland code such as 'BY'): the case's deadlines roll past its holidays */
	holidayState?: GermanState | string;
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
	 * structured fields stay queryable; free text (FREE_TEXT_KEYS: comment, description, details, minutes,
	 * note, notes, reason, summary, text) is encrypted. `event_voided` takes `{ seq, reason }`: the case
	 * is replayed without event `seq`.
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
	/** non-closed cases with no event in the 90 days before this day (escalated to the BEM officer) */
	staleOn?: string;
	/**
	 * cases whose latest letter is this invitation, claimed by sendInvitation but never archived (the run
	 * was cut off between claim and archive): the letter was never sent
	 */
	letterUnsent?: 'first' | 'second';
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

/**
 * An event as metadata: what happened when, by whom, under which key, from which run. `data` holds only
 * the process fields (core/store/roles.ts PROCESS_FIELDS: the letter, its resume link, the reply, the
 * follow-up date), never free text: what the process protocols wrote and must find again.
 */
export type TimelineEvent = Omit<AuditEvent, 'hash'>;

export interface AccessLogEntry {
	/** null: a store-wide row (a listing, a store-wide grant, a refusal that names no existing case) */
	caseId: string | null;
	/** 'denied': the principal's roles did not allow the call, nothing else happened */
	outcome: 'allowed' | 'denied';
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

/** A letter in the subject access export: the copy as sent, its PDF as base64 (null: none archived). */
export interface ExportedLetter {
	id: string;
	kind: string;
	on: string;
	subject: string;
	text: string;
	pdfBase64: string | null;
}
/** A Detect source that reports the employee as approaching the threshold now (migration 8). */
export interface ExportedApproach {
	/** the Detect source (e.g. one HRIS tenant) */
	source: string;
	/** the day it first reported them in this crossing */
	since: string;
}
/** A reminder sent about one of the employee's cases (migration 8): ids only, never the mail's text. */
export interface ExportedReminder {
	/** whom it was sent to: an address or a principal */
	recipient: string;
	/** the reminded item's key (kind, case id, measure id) */
	item: string;
	/** the day it was claimed for */
	on: string;
	caseId: string;
	/** ISO instant it was claimed */
	sentAt: string;
}
/** The employee's cached contract data from one HRIS source (migration 5): patterns and hire date. */
export interface ExportedWorkPattern {
	/** the HRIS source (e.g. one Personio tenant and credential) */
	source: string;
	/** ISO instant of the read that last changed it */
	changedAt: string;
	pattern: CachedWorkPattern['pattern'];
}
/** One cached AU period of the employee (migration 10), decrypted: health data. */
export interface ExportedAuPeriod {
	/** the HRIS source the incremental absence mode read it from */
	source: string;
	/** ISO instant of the read that last changed it */
	changedAt: string;
	period: CachedAuPeriod;
}
/** Art. 15 DSGVO: everything the BEM file holds on one employee (core/store/export.ts). */
export interface SubjectAccessExport {
	/** SUBJECT_ACCESS_EXPORT_VERSION: 2 added approaching, reminders and hrisCache */
	version: number;
	/** ISO instant of the export */
	exportedAt: string;
	employeeId: string;
	cases: Array<{
		case: BemCase;
		/** every event, free text decrypted; a voided event keeps its place and names its voidedBy */
		events: AuditEvent[];
		letters: ExportedLetter[];
		/** the case's access log as it stood before this export (which is logged on each case) */
		accessLog: AccessLogEntry[];
	}>;
	/** every Detect source that reports the employee as approaching the threshold now */
	approaching: ExportedApproach[];
	/** every reminder sent about one of the employee's cases */
	reminders: ExportedReminder[];
	/** what the HRIS readers cached on the employee, per source */
	hrisCache: { workPatterns: ExportedWorkPattern[]; auPeriods: ExportedAuPeriod[] };
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

/** One employee's cached work pattern (contract data, migration 5): the HRIS readers' shape. */
export type CachedWorkPattern = CachedPattern;

export interface WorkPatternCacheState {
	/** the last successful read of this source (ISO instant); null before the first */
	syncedAt: string | null;
	patterns: CachedWorkPattern[];
}

/** An entry of the owner directory (migration 6): contact data only. */
export interface MeasureOwner {
	principal: string;
	displayName: string;
	email: string;
	updatedOn: string;
	updatedBy: string;
}
export interface MeasureOwnerInput {
	principal: string;
	displayName: string;
	email: string;
	/** the officer keeping the directory */
	by: string;
	on: string;
}

/** findMeasures: planned or started measures with dueOn before `overdueOn` */
export interface MeasureQuery {
	overdueOn: string;
	caseId?: string;
	owner?: string;
}
/** An overdue measure as reminders need it: metadata only, never its details. */
export interface OverdueMeasure {
	caseId: string;
	measureId: string;
	code: string;
	owner: string;
	dueOn: string;
	state: 'planned' | 'started';
}

export interface RoleGrant {
	principal: string;
	role: Role;
	/** null: store-wide */
	caseId: string | null;
}
export interface RoleGrantInput {
	principal: string;
	role: Role;
	/** absent: store-wide (process, hr_admin, bem_officer, deputy); participant roles need one */
	caseId?: string;
	/** the principal granting (or revoking) */
	by: string;
	on: string;
}

/** A reminder to claim: to whom (an address or principal), about what (a stable key), for which case. */
export interface ReminderClaim {
	recipient: string;
	item: string;
	caseId?: string;
}

export interface ApproachingUpdate {
	/** who is approaching now and was not at the last update: alert these, once */
	entered: string[];
	/** how many are no longer approaching */
	left: number;
}

/** What the BEM cockpit shows its principal (core/store/cockpitScope.ts). */
export interface CockpitScope {
	/** cases with employee ids, deadlines, timelines (officers) */
	cases: boolean;
	/** counts and KPIs only (hr_admin, officers store-wide) */
	figures: boolean;
}

export interface BemStore {
	readonly kind: 'sqlite' | 'postgres';
	openCase(c: OpenCaseInput): Promise<{ case: BemCase; created: boolean }>;
	recordEvent(caseId: string, e: EventInput): Promise<BemCase>;
	getCase(caseId: string, access: Access): Promise<BemCase | null>;
	/** the cases the principal's roles cover (all with a store-wide role), always logged */
	findCases(q: CaseQuery, access: Access): Promise<BemCase[]>;
	/**
	 * The day the employee's next §167 count starts after (the threshold's `lastBemClosedOn`): the
	 * closedOn of their last case closed after an offer; null when none (a case closed while still
	 * open, never offered, restarts nothing). Logged.
	 */
	lastClosure(employeeId: string, access: Access): Promise<string | null>;
	/** lastClosure of every employee that has one, `{ [employeeId]: closedOn }`, in one query. Logged. */
	lastClosures(access: Access): Promise<Record<string, string>>;
	/** the case's events from `fromSeq` (default 1), at most `limit` (default and cap 1000) per call */
	auditTrail(
		caseId: string,
		access: Access,
		page?: { fromSeq?: number; limit?: number },
	): Promise<AuditEvent[]>;
	/** one case's access log, or the store-wide rows (null): hr_admin, bem_officer or deputy; logged too */
	/**
	 * the case's events without their data (metadata: any role covering the case, `process` included), so
	 * the process protocols find their own claims; paged as auditTrail
	 */
	caseTimeline(
		caseId: string,
		access: Access,
		page?: { fromSeq?: number; limit?: number },
	): Promise<TimelineEvent[]>;
	accessLog(caseId: string | null, access: Access): Promise<AccessLogEntry[]>;
	grantRole(g: RoleGrantInput): Promise<void>;
	revokeRole(g: RoleGrantInput): Promise<void>;
	roles(q: { caseId?: string }, access: Access): Promise<RoleGrant[]>;
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
	/** Art. 15: bem_officer or deputy store-wide or on every case of the employee; logged on each case */
	subjectAccessExport(employeeId: string, access: Access): Promise<SubjectAccessExport>;
	/** closed cases past retention; also the HRIS caches' rows of leavers `leaverCacheDays` (30) after their last day */
	purgeExpired(
		on: string,
		opts?: { retentionYears?: number; leaverCacheDays?: number },
	): Promise<{ purged: number }>;
	/** what the BEM cockpit may show this principal; logged, refused (BEM_ACCESS_DENIED) when nothing */
	cockpitScope(access: Access): Promise<CockpitScope>;
	/** the period: a whole calendar month, quarter or year */
	kpis(period: { from: string; to: string }): Promise<KpiReport>;
	/** the HRIS work-pattern cache of `source` (e.g. one Personio tenant and credential) */
	workPatterns(source: string, access: Access): Promise<WorkPatternCacheState>;
	/** stores changed employees' patterns, drops `forget`'s, and `syncedAt` as the source's last successful read */
	saveWorkPatterns(
		source: string,
		syncedAt: string,
		changed: CachedWorkPattern[],
		access: Access,
		forget?: string[],
	): Promise<void>;
	/** the measure catalogue: shipped entries and the store's extension */
	measureCatalogue(): MeasureCatalogueEntry[];
	/** overdue measures of cases not closed (process, bem_officer, deputy); logged */
	findMeasures(q: MeasureQuery, access: Access): Promise<OverdueMeasure[]>;
	/** adds or replaces an owner in the directory (bem_officer, deputy; store-wide); logged */
	setOwner(o: MeasureOwnerInput): Promise<MeasureOwner>;
	removeOwner(o: { principal: string; by: string; on: string }): Promise<{ removed: boolean }>;
	/** the directory, or the principals named (bem_officer, deputy, process; store-wide); logged */
	owners(q: { principals?: string[] }, access: Access): Promise<MeasureOwner[]>;
	/**
	 * Claims reminders for `on` in the reminder log (unique per recipient, item and day): resolves to the
	 * ones this call claimed, so a rerun or a racing run the same day sends nothing twice
	 */
	claimReminders(on: string, items: ReminderClaim[], access: Access): Promise<ReminderClaim[]>;
	/** stores who `source` reports as approaching the threshold; resolves to who newly entered */
	updateApproaching(
		source: string,
		on: string,
		employeeIds: string[],
		access: Access,
	): Promise<ApproachingUpdate>;
	/** the incremental absence mode's AU periods of `source` (migration 10; sealed; logged) */
	auPeriods(source: string, access: Access): Promise<AuPeriodCacheState>;
	/** applies a change to them and records the read as the source's last (a full one as its last full read) */
	saveAuPeriods(
		source: string,
		syncedAt: string,
		change: AuPeriodChange,
		access: Access,
	): Promise<void>;
	/** deletes the AU periods of every source starting with `prefix` (switching the mode off); logged */
	clearAuPeriods(prefix: string, access: Access): Promise<{ cleared: number }>;
	close(): Promise<void>;
}

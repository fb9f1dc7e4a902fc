import type { EventType } from '../lifecycle/names';

// Who may do what in the BEM file (case-file.md, "Principals and roles"): deny by default. A principal
// holds roles store-wide or on one case; a call is allowed when one of the roles covering the case
// allows it. This file is the one place the table lives; the store asks it, never decides itself.

export const PARTICIPANT_ROLES = [
	'works_council',
	'disability_rep',
	'company_doctor',
	'line_manager',
	'integration_office',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const ROLES = [
	'process',
	'bem_officer',
	'deputy',
	...PARTICIPANT_ROLES,
	'hr_admin',
] as const;
export type Role = (typeof ROLES)[number];

/** roles that only exist store-wide, and those that only exist on a case */
export const STORE_ONLY_ROLES: readonly Role[] = ['process', 'hr_admin'];
export const CASE_ONLY_ROLES: readonly Role[] = PARTICIPANT_ROLES;

/**
 * The principal every store gets at migration 4 as store-wide `bem_officer`: the BEM Store credential's
 * default principal, so an installed n8n whose credential names no principal loses no access.
 */
export const DEFAULT_PRINCIPAL = 'n8n';

/** Process events: what the shipped workflows (invitations, replies, deadlines) record. */
export const PROCESS_EVENTS: readonly EventType[] = [
	'case_opened',
	'invitation_sent',
	'second_invitation_sent',
	'reply_accepted',
	'reply_declined',
	'reply_deadline_passed',
	'reply_deferred',
	'employment_ended',
];
/**
 * Structured fields the process writes and reads back (the case timeline shows them, no other data):
 * which letter, its language and resume link, the channel and delivery, the reply, the follow-up date.
 */
export const PROCESS_FIELDS: readonly string[] = [
	'letter',
	'language',
	'resumeUrl',
	'channel',
	'deliveredOn',
	'reply',
	'followUpOn',
	// a letter re-issued after its run was cut off (core/process/invitation.ts)
	'reissueOf',
];
/** what a participant adds to the file: notes and talk records */
export const PARTICIPANT_EVENTS: readonly EventType[] = [
	'note_added',
	'first_talk_held',
	'case_conference_held',
];

/** the roles that keep the whole file: they read what participants may no longer read */
export const OFFICERS: readonly Role[] = ['bem_officer', 'deputy'];

/** The calls the table names, each with the roles that allow it. */
export const ALLOWED = {
	/** case metadata: getCase, findCases */
	metadata: ROLES,
	openCase: ['process', ...OFFICERS],
	archiveLetter: ['process', ...OFFICERS],
	letters: OFFICERS,
	auditTrail: [...OFFICERS, ...PARTICIPANT_ROLES],
	personnelFileExtract: OFFICERS,
	/** the HRIS work-pattern cache (migration 5): contract data the daily Detect keeps */
	workPatternCache: ['process', ...OFFICERS],
	/** the reminder log and the approaching set (migration 8): ids and days the daily runs keep */
	reminderLog: ['process', ...OFFICERS],
	/** the incremental absence mode's AU period cache (migration 10): health data, sealed, every call logged */
	auPeriodCache: ['process', ...OFFICERS],
	subjectAccessExport: OFFICERS,
	accessLog: ['hr_admin', ...OFFICERS],
	/** listing the roles granted (store-wide or on a case) */
	roles: ['hr_admin', ...OFFICERS],
	/** the owner directory (migration 6): contact data the BEM officer keeps */
	ownerDirectory: OFFICERS,
	/** reading the owner directory: officers, and the process that mails reminders */
	owners: ['process', ...OFFICERS],
	/** overdue measures (metadata): the sweep's reminders and the officers */
	findMeasures: ['process', ...OFFICERS],
	/** granting or revoking a role on one case */
	grantCaseRole: ['bem_officer'],
	/** granting or revoking a store-wide role: hr_admin manages them, a store-wide officer may too */
	grantStoreRole: ['hr_admin', 'bem_officer'],
	/** the BEM cockpit's case list, deadlines, overdue measures and timelines (employee ids, no content) */
	cockpitCases: OFFICERS,
	/** the BEM cockpit's figures: counts by state and urgency, the KPIs (aggregates; store-wide roles only) */
	cockpitFigures: ['hr_admin', ...OFFICERS],
} as const satisfies Record<string, readonly Role[]>;
export type Call = keyof typeof ALLOWED;

/** The roles that may record this event type. */
export function rolesForEvent(type: EventType): readonly Role[] {
	if (PROCESS_EVENTS.includes(type)) return ['process', ...OFFICERS];
	// the reply form's "information first" answer is a note (data.reply): process writes it, never reads notes
	if (type === 'note_added') return ['process', ...OFFICERS, ...PARTICIPANT_ROLES];
	if (PARTICIPANT_EVENTS.includes(type)) return [...OFFICERS, ...PARTICIPANT_ROLES];
	return OFFICERS;
}

/** A grant as the store holds it: `caseId` null for a store-wide role. */
export interface Grant {
	role: Role;
	caseId: string | null;
}

export const allows = (held: readonly Grant[], needed: readonly Role[]): boolean =>
	held.some((g) => needed.includes(g.role));

export const isRole = (value: unknown): value is Role =>
	(ROLES as readonly unknown[]).includes(value);

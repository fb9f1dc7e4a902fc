import { BemStoreError } from './errors';
import { PARTICIPANT_ROLES, type ParticipantRole, type Role } from './roles';
import type { SqlDb, SqlRunner } from './sql/db';

// The employee's consent on a case (case-file.md "Consent and participants"): which participant types
// may take part. The current consent is the latest consent_given in force (not voided), minus the
// participants withdrawn after it. A withdrawal also records whom it revoked, so their notes written
// before it stay readable to the officers only.

/** the field of a consent_withdrawn event where the store records the principals it revoked */
export const REVOKED_FIELD = 'revokedPrincipals';

interface ConsentEvent {
	seq: number;
	type: 'consent_given' | 'consent_withdrawn' | 'event_voided';
	data: Record<string, unknown>;
}

export interface CaseConsent {
	/** the participant types the current consent names */
	participants: ReadonlySet<ParticipantRole>;
	/** each withdrawal in force: the principals it revoked and its seq (their earlier notes are hidden) */
	withdrawals: readonly { seq: number; principals: readonly string[] }[];
}

const list = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export async function caseConsent(t: SqlRunner, caseId: string): Promise<CaseConsent> {
	const rows = await t.all<{ seq: number; type: ConsentEvent['type']; data: string }>(
		"SELECT seq, type, data FROM bem_events WHERE case_id = ? AND type IN ('consent_given', 'consent_withdrawn', 'event_voided') ORDER BY seq",
		[caseId],
	);
	const events: ConsentEvent[] = rows.map((r) => ({
		seq: Number(r.seq),
		type: r.type,
		data: JSON.parse(r.data) as Record<string, unknown>,
	}));
	const voided = new Set(
		events.filter((e) => e.type === 'event_voided').map((e) => Number(e.data.seq)),
	);
	let participants = new Set<ParticipantRole>();
	const withdrawals: { seq: number; principals: string[] }[] = [];
	for (const e of events) {
		if (e.type === 'event_voided' || voided.has(e.seq)) continue;
		if (e.type === 'consent_given')
			participants = new Set(list(e.data.participants) as ParticipantRole[]);
		else {
			const gone =
				e.data.participants === undefined ? [...participants] : list(e.data.participants);
			for (const p of gone) participants.delete(p as ParticipantRole);
			withdrawals.push({ seq: e.seq, principals: list(e.data[REVOKED_FIELD]) });
		}
	}
	return { participants, withdrawals };
}

/** The participant roles a withdrawal ends: those it names, or every one (absent). */
export const withdrawnRoles = (data: Record<string, unknown> | undefined): ParticipantRole[] =>
	data?.participants === undefined
		? [...PARTICIPANT_ROLES]
		: (list(data.participants) as ParticipantRole[]);

/** Refuses a participant role the case's current consent does not name (nothing is written). */
export async function mustBeConsented(
	t: SqlRunner,
	dialect: SqlDb['dialect'],
	caseId: string,
	role: Role,
): Promise<void> {
	if (!(PARTICIPANT_ROLES as readonly Role[]).includes(role)) return;
	// PostgreSQL: the case row's lock orders this against a withdrawal (SQLite: the write lock does)
	if (dialect === 'postgres')
		await t.all('SELECT id FROM bem_cases WHERE id = ? FOR UPDATE', [caseId]);
	const consent = await caseConsent(t, caseId);
	if (consent.participants.has(role as ParticipantRole)) return;
	throw new BemStoreError(
		'BEM_CONSENT_REQUIRED',
		`grantRole: the participant role ${role} on case ${caseId} needs the employee's consent naming ${role} (record consent_given with data.participants); nothing was granted`,
		'role',
	);
}

/** Whether an event was written by a principal whose participation was withdrawn after it. */
export const writtenUnderWithdrawnConsent = (
	consent: CaseConsent,
	e: { seq: number; actor: string },
): boolean => consent.withdrawals.some((w) => e.seq < w.seq && w.principals.includes(e.actor));

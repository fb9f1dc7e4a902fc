import { z } from 'zod';

import { logAccess, STORE_WIDE } from './access';
import { BemAccessDeniedError, BemStoreError } from './errors';
import { accessSchema, caseIdSchema, day, parse } from './input';
import type { AuditKeys } from './ledger';
import {
	allows,
	ALLOWED,
	CASE_ONLY_ROLES,
	isRole,
	ROLES,
	STORE_ONLY_ROLES,
	type Grant,
	type Role,
} from './roles';
import type { SqlDb, SqlRunner } from './sql/db';
import type { Access, RoleGrant } from './types';

// The roles table (migration 4) and the access check every call goes through. A grant is a row
// (principal, role, case_id; '' = store-wide); a revoke deletes it. Both are written to the chained
// access log, so who granted what, when, is evidence even though the table itself changes.

/** The grants covering one case (its own and the store-wide ones), or only store-wide ones (null). */
export async function grantsOf(
	t: SqlRunner,
	principal: string,
	caseId: string | null,
): Promise<Grant[]> {
	const rows = await t.all<{ role: string; case_id: string }>(
		'SELECT role, case_id FROM bem_roles WHERE principal = ? AND (case_id = ? OR case_id = ?)',
		[principal, STORE_WIDE, caseId ?? STORE_WIDE],
	);
	return rows.filter((r) => isRole(r.role)).map(toGrant);
}

/** Every grant of a principal (findCases: which cases it may list). */
export async function allGrantsOf(t: SqlRunner, principal: string): Promise<Grant[]> {
	const rows = await t.all<{ role: string; case_id: string }>(
		'SELECT role, case_id FROM bem_roles WHERE principal = ?',
		[principal],
	);
	return rows.filter((r) => isRole(r.role)).map(toGrant);
}

const toGrant = (r: { role: string; case_id: string }): Grant => ({
	role: r.role as Role,
	caseId: r.case_id === STORE_WIDE ? null : r.case_id,
});

/**
 * Logs a refused call (`outcome: 'denied'`) in a transaction of its own and returns the error to throw:
 * the refusal changes nothing but the log. `caseId` null (or a case that does not exist) logs store-wide.
 */
export async function denied(
	db: SqlDb,
	keys: AuditKeys,
	access: Access,
	action: string,
	caseId: string | null,
	needed: readonly Role[],
): Promise<BemAccessDeniedError> {
	await db.tx(async (t) => {
		const [row] = caseId
			? await t.all('SELECT id FROM bem_cases WHERE id = ?', [caseId])
			: [undefined];
		// a case that is not there is logged store-wide: its id must not come back after a purge
		await logAccess(t, db.dialect, keys, [row ? caseId! : STORE_WIDE], access, action, 'denied');
	});
	return new BemAccessDeniedError(action, caseId, needed);
}

/**
 * The guard for a write: the principal is the write's actor. Resolves when one of its roles on the case
 * (or store-wide, `caseId` null) allows it; else logs the refusal and throws BEM_ACCESS_DENIED.
 */
export async function mustBeAllowed(
	db: SqlDb,
	keys: AuditKeys,
	access: Access,
	action: string,
	caseId: string | null,
	needed: readonly Role[],
): Promise<void> {
	const who = parse(accessSchema, access, 'access');
	if (allows(await grantsOf(db, who.actor, caseId), needed)) return;
	throw await denied(db, keys, who, action, caseId, needed);
}

const grantSchema = z
	.object({
		principal: caseIdSchema,
		role: z.enum(ROLES, { errorMap: () => ({ message: `must be one of ${ROLES.join(', ')}` }) }),
		caseId: caseIdSchema.optional(),
		by: caseIdSchema,
		on: day,
	})
	.strict();
export type GrantInput = z.infer<typeof grantSchema>;

function checkScope(g: GrantInput): void {
	if (g.caseId === undefined && CASE_ONLY_ROLES.includes(g.role))
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`grantRole: role ${g.role} is a participant role and is granted on one case only (caseId)`,
			'caseId',
		);
	if (g.caseId !== undefined && STORE_ONLY_ROLES.includes(g.role))
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`grantRole: role ${g.role} is store-wide only (no caseId)`,
			'caseId',
		);
}

/**
 * Parses a grant or revoke and checks that `by` may make it: a case role needs `bem_officer` on the case
 * (or store-wide); a store-wide role needs `hr_admin` or a store-wide `bem_officer`.
 */
export async function checkGrant(
	db: SqlDb,
	keys: AuditKeys,
	input: unknown,
	what: 'grantRole' | 'revokeRole',
): Promise<GrantInput> {
	const g = parse(grantSchema, input, what);
	checkScope(g);
	const access = { actor: g.by, purpose: `${what} ${g.role}` };
	if (g.caseId === undefined) {
		// only store-wide grants count here: a case officer never manages store-wide roles
		await mustBeAllowed(db, keys, access, what, null, ALLOWED.grantStoreRole);
	} else {
		await mustBeAllowed(db, keys, access, what, g.caseId, ALLOWED.grantCaseRole);
		const [exists] = await db.all('SELECT id FROM bem_cases WHERE id = ?', [g.caseId]);
		if (!exists) throw new BemStoreError('BEM_CASE_NOT_FOUND', `No BEM case ${g.caseId}`, 'caseId');
	}
	return g;
}

/** Writes a grant (idempotent: a role held already changes nothing) and logs it; true when new. */
export async function writeGrant(
	t: SqlRunner,
	dialect: SqlDb['dialect'],
	keys: AuditKeys,
	g: { principal: string; role: Role; caseId?: string | null; by: string; on: string },
): Promise<boolean> {
	const scope = g.caseId ?? STORE_WIDE;
	const n = await t.run(
		'INSERT INTO bem_roles (principal, role, case_id, granted_by, granted_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
		[g.principal, g.role, scope, g.by, g.on],
	);
	if (n > 0)
		await logAccess(
			t,
			dialect,
			keys,
			[scope],
			{ actor: g.by, purpose: `grant ${g.role} to ${g.principal}` },
			'grantRole',
		);
	return n > 0;
}

/** Deletes grants of a principal (one role, or every participant role listed) and logs each. */
export async function deleteGrants(
	t: SqlRunner,
	dialect: SqlDb['dialect'],
	keys: AuditKeys,
	g: { principal?: string; roles: readonly Role[]; caseId: string | null; by: string },
): Promise<number> {
	const scope = g.caseId ?? STORE_WIDE;
	const held = await t.all<{ principal: string; role: string }>(
		`SELECT principal, role FROM bem_roles WHERE case_id = ? AND role IN (${g.roles.map(() => '?').join(', ')})${g.principal === undefined ? '' : ' AND principal = ?'} ORDER BY principal, role`,
		[scope, ...g.roles, ...(g.principal === undefined ? [] : [g.principal])],
	);
	for (const h of held) {
		await t.run('DELETE FROM bem_roles WHERE principal = ? AND role = ? AND case_id = ?', [
			h.principal,
			h.role,
			scope,
		]);
		await logAccess(
			t,
			dialect,
			keys,
			[scope],
			{ actor: g.by, purpose: `revoke ${h.role} of ${h.principal}` },
			'revokeRole',
		);
	}
	return held.length;
}

/** The roles granted store-wide (no caseId) or on one case. */
export async function listRoles(t: SqlRunner, caseId: string | null): Promise<RoleGrant[]> {
	const rows = await t.all<{ principal: string; role: string; case_id: string }>(
		'SELECT principal, role, case_id FROM bem_roles WHERE case_id = ? ORDER BY principal, role',
		[caseId ?? STORE_WIDE],
	);
	return rows.map((r) => ({
		principal: r.principal,
		role: r.role as Role,
		caseId: r.case_id === STORE_WIDE ? null : r.case_id,
	}));
}

/** openBemStore's `roles`: store-wide grants made idempotently at every open. */
export async function grantAtOpen(
	db: SqlDb,
	keys: AuditKeys,
	roles: Record<string, Role[]> | undefined,
): Promise<void> {
	if (!roles) return;
	const parsed = parse(
		z.record(caseIdSchema, z.array(z.enum(ROLES)).max(ROLES.length)),
		roles,
		'roles',
	);
	const on = new Date().toISOString().slice(0, 10);
	await db.tx(async (t) => {
		for (const [principal, list] of Object.entries(parsed))
			for (const role of list) {
				if (CASE_ONLY_ROLES.includes(role))
					throw new BemStoreError(
						'BEM_INVALID_INPUT',
						`roles: ${role} is a participant role, granted on one case only (grantRole with caseId)`,
						'roles',
					);
				await writeGrant(t, db.dialect, keys, { principal, role, by: 'openBemStore', on });
			}
	});
}

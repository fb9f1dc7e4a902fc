import { z } from 'zod';

import { checkAccess, logAccess, STORE_WIDE } from './access';
import { denied, grantsOf, mustBeAllowed } from './grants';
import { accessSchema, caseIdSchema, day, parse } from './input';
import type { AuditKeys } from './ledger';
import { allows, ALLOWED } from './roles';
import type { SqlDb } from './sql/db';
import type { Access, MeasureOwner } from './types';

// The owner directory (migration 6): the principals measures are given to, with a display name and
// an e-mail address so reminders reach them. Contact data only, no case content; the BEM officer keeps
// it. Every write and read is in the chained access log, store-wide.

const principal = caseIdSchema;
const ownerSchema = z
	.object({
		principal,
		displayName: z
			.string()
			.trim()
			.min(1, 'must not be empty')
			.max(200, 'must be at most 200 characters'),
		email: z
			.string()
			.trim()
			.max(320, 'must be at most 320 characters')
			.email('must be an e-mail address'),
		by: principal,
		on: day,
	})
	.strict();
const removeSchema = z.object({ principal, by: principal, on: day }).strict();
const querySchema = z
	.object({
		principals: z.array(principal).max(1000, 'must name at most 1000 principals').optional(),
	})
	.strict();

interface OwnerRow {
	principal: string;
	display_name: string;
	email: string;
	updated_on: string;
	updated_by: string;
}
const toOwner = (r: OwnerRow): MeasureOwner => ({
	principal: r.principal,
	displayName: r.display_name,
	email: r.email,
	updatedOn: r.updated_on,
	updatedBy: r.updated_by,
});

/** Adds or replaces an owner's contact data (officers only). */
export async function setOwner(db: SqlDb, keys: AuditKeys, input: unknown): Promise<MeasureOwner> {
	const o = parse(ownerSchema, input, 'setOwner');
	const who = { actor: o.by, purpose: `set measure owner ${o.principal}` };
	await mustBeAllowed(db, keys, who, 'setOwner', null, ALLOWED.ownerDirectory);
	const row: OwnerRow = {
		principal: o.principal,
		display_name: o.displayName,
		email: o.email,
		updated_on: o.on,
		updated_by: o.by,
	};
	await db.tx(async (t) => {
		await t.run(
			`INSERT INTO bem_owners (principal, display_name, email, updated_on, updated_by) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (principal) DO UPDATE SET display_name = excluded.display_name, email = excluded.email,
			 updated_on = excluded.updated_on, updated_by = excluded.updated_by`,
			[row.principal, row.display_name, row.email, row.updated_on, row.updated_by],
		);
		await logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'setOwner');
	});
	return toOwner(row);
}

/** Removes an owner from the directory (officers only); measures keep naming the principal. */
export async function removeOwner(
	db: SqlDb,
	keys: AuditKeys,
	input: unknown,
): Promise<{ removed: boolean }> {
	const o = parse(removeSchema, input, 'removeOwner');
	const who = { actor: o.by, purpose: `remove measure owner ${o.principal}` };
	await mustBeAllowed(db, keys, who, 'removeOwner', null, ALLOWED.ownerDirectory);
	const removed = await db.tx(async (t) => {
		const n = await t.run('DELETE FROM bem_owners WHERE principal = ?', [o.principal]);
		await logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'removeOwner');
		return n > 0;
	});
	return { removed };
}

/** The directory, or the named principals in it (officers, and `process` for reminders); logged. */
export async function owners(
	db: SqlDb,
	keys: AuditKeys,
	q: unknown,
	access: Access,
): Promise<MeasureOwner[]> {
	const query = parse(querySchema, q ?? {}, 'owners');
	const who = checkAccess(parse(accessSchema, access, 'access'));
	const outcome = await db.tx(
		async (t) => {
			if (!allows(await grantsOf(t, who.actor, null), ALLOWED.owners)) return null;
			const named = query.principals;
			const rows =
				named === undefined
					? await t.all<OwnerRow>('SELECT * FROM bem_owners ORDER BY principal')
					: named.length === 0
						? []
						: await t.all<OwnerRow>(
								`SELECT * FROM bem_owners WHERE principal IN (${named.map(() => '?').join(', ')}) ORDER BY principal`,
								named,
							);
			await logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'owners');
			return { list: rows.map(toOwner) };
		},
		{ read: true },
	);
	if (!outcome) throw await denied(db, keys, who, 'owners', null, ALLOWED.owners);
	return outcome.list;
}

/** Whether a principal is in the directory (a measure's owner must be, or be a role name). */
export async function isOwner(db: SqlDb, principal: string): Promise<boolean> {
	const [row] = await db.all('SELECT principal FROM bem_owners WHERE principal = ?', [principal]);
	return row !== undefined;
}

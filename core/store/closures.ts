import { checkAccess, logAccess, STORE_WIDE } from './access';
import { allGrantsOf, denied } from './grants';
import { ALLOWED } from './roles';
import type { AuditKeys } from './ledger';
import type { SqlDb } from './sql/db';
import type { Access } from './types';

// The count's restart (case-file.md, "Order, corrections and the count's restart"): the threshold
// counts from the day after the last BEM that closed **after an offer**. A case closed before any
// invitation (withdrawn, or employment ended, while still open) offered nothing: the duty stands, so
// it restarts nothing. One query for one employee or for all; every case it reads is logged.

interface ClosureRow {
	id: string;
	employee_id: string;
	closed_on: string;
}

const SELECT_CLOSURES =
	"SELECT id, employee_id, closed_on FROM bem_cases WHERE state = 'closed' AND closed_on IS NOT NULL AND offered_on IS NOT NULL";

/** employeeId → closedOn of each employee's last closure after an offer (one employee when given). */
export async function lastClosures(
	db: SqlDb,
	keys: AuditKeys,
	access: Access,
	action: string,
	employeeId?: string,
): Promise<Map<string, string>> {
	const who = checkAccess(access);
	// metadata: any role covers it; a principal with case roles only learns of the cases it holds
	const grants = await allGrantsOf(db, who.actor);
	if (grants.length === 0) throw await denied(db, keys, who, action, null, ALLOWED.metadata);
	const storeWide = grants.some((g) => g.caseId === null);
	const covered = new Set(grants.map((g) => g.caseId));
	const [sql, params] =
		employeeId === undefined
			? [SELECT_CLOSURES, []]
			: [`${SELECT_CLOSURES} AND employee_id = ?`, [employeeId]];
	return db.tx(
		async (t) => {
			const all = await t.all<ClosureRow>(`${sql} ORDER BY id`, params);
			const rows = storeWide ? all : all.filter((r) => covered.has(r.id));
			// an empty answer is a read too: logged store-wide, as findCases
			const read = rows.length ? rows.map((r) => r.id) : [STORE_WIDE];
			await logAccess(t, db.dialect, keys, read, who, action);
			// a Map, not an object: an employee id such as "constructor" is an id like any other
			const last = new Map<string, string>();
			for (const r of rows)
				if ((last.get(r.employee_id) ?? '') < r.closed_on) last.set(r.employee_id, r.closed_on);
			return last;
		},
		{ read: true },
	);
}

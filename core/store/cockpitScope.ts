import { checkAccess, logAccess, STORE_WIDE } from './access';
import { allGrantsOf, denied } from './grants';
import type { AuditKeys } from './ledger';
import { allows, ALLOWED } from './roles';
import type { SqlDb } from './sql/db';
import type { Access, CockpitScope } from './types';

// What the BEM cockpit may show its principal, decided by the roles table (ALLOWED.cockpitCases,
// ALLOWED.cockpitFigures): asked once per page, so an hr_admin's page is not logged as a refused list.

/**
 * `cases`: an officer role store-wide or on a case (the listing then holds the cases it covers);
 * `figures`: a store-wide role of cockpitFigures (aggregates over the whole store). Logged store-wide
 * as `cockpit`; neither: refused, logged as denied, BEM_ACCESS_DENIED.
 */
export async function cockpitScope(
	db: SqlDb,
	keys: AuditKeys,
	access: Access,
): Promise<CockpitScope> {
	const who = checkAccess(access);
	const grants = await allGrantsOf(db, who.actor);
	const scope = {
		cases: allows(grants, ALLOWED.cockpitCases),
		figures: allows(
			grants.filter((g) => g.caseId === null),
			ALLOWED.cockpitFigures,
		),
	};
	if (!scope.cases && !scope.figures)
		throw await denied(db, keys, who, 'cockpit', null, ALLOWED.cockpitFigures);
	await db.tx((t) => logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'cockpit'));
	return scope;
}

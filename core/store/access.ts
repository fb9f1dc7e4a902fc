import { accessSchema, parse } from './input';
import { accessDigest, accessValues, appendLedger, type AuditKeys } from './ledger';
import type { SqlDb, SqlRunner } from './sql/db';
import type { Access, AccessLogEntry } from './types';

// Every read of a case leaves a row: who, why, from which workflow and execution, what was read. Each
// row's keyed digest goes into the store-wide ledger, so a removed or edited row shows in verifyAudit.

/** the access log's case id for calls that concern no one case (findCases, store-wide roles, refusals) */
export const STORE_WIDE = '';

export function checkAccess(access: Access): Access {
	return parse(accessSchema, access, 'access');
}

export async function logAccess(
	t: SqlRunner,
	dialect: SqlDb['dialect'],
	keys: AuditKeys,
	caseIds: string[],
	access: Access,
	action: string,
	outcome: 'allowed' | 'denied' = 'allowed',
): Promise<void> {
	const at = new Date().toISOString();
	const entries = [];
	for (const caseId of caseIds) {
		const row = {
			case_id: caseId,
			at,
			actor: access.actor,
			purpose: access.purpose,
			action,
			workflow_id: access.context?.workflowId ?? null,
			execution_id: access.context?.executionId ?? null,
			outcome,
		};
		await t.run(
			'INSERT INTO bem_access_log (case_id, at, actor, purpose, action, workflow_id, execution_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			accessValues(row),
		);
		entries.push({ kind: 'access' as const, caseId, ref: '', digest: accessDigest(keys, row) });
	}
	await appendLedger(t, dialect, keys, entries);
}

/** The access log of one case, or the store-wide rows (`caseId` null). */
export async function accessLog(t: SqlRunner, caseId: string | null): Promise<AccessLogEntry[]> {
	const rows = await t.all<{
		case_id: string;
		at: string;
		actor: string;
		purpose: string;
		action: string;
		workflow_id: string | null;
		execution_id: string | null;
		outcome: string | null;
	}>(
		'SELECT case_id, at, actor, purpose, action, workflow_id, execution_id, outcome FROM bem_access_log WHERE case_id = ? ORDER BY id',
		[caseId ?? STORE_WIDE],
	);
	return rows.map((r) => ({
		caseId: r.case_id === STORE_WIDE ? null : r.case_id,
		outcome: r.outcome === 'denied' ? 'denied' : 'allowed',
		at: r.at,
		actor: r.actor,
		purpose: r.purpose,
		action: r.action,
		workflowId: r.workflow_id,
		executionId: r.execution_id,
	}));
}

import { accessSchema, parse } from './input';
import type { SqlRunner } from './sql/db';
import type { Access, AccessLogEntry } from './types';

// Every read of a case leaves a row: who, why, from which workflow and execution, what was read.

export function checkAccess(access: Access): Access {
	return parse(accessSchema, access, 'access');
}

export async function logAccess(
	t: SqlRunner,
	caseIds: string[],
	access: Access,
	action: string,
): Promise<void> {
	const at = new Date().toISOString();
	for (const caseId of caseIds) {
		await t.run(
			'INSERT INTO bem_access_log (case_id, at, actor, purpose, action, workflow_id, execution_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
			[
				caseId,
				at,
				access.actor,
				access.purpose,
				action,
				access.context?.workflowId ?? null,
				access.context?.executionId ?? null,
			],
		);
	}
}

export async function accessLog(t: SqlRunner, caseId: string): Promise<AccessLogEntry[]> {
	const rows = await t.all<{
		at: string;
		actor: string;
		purpose: string;
		action: string;
		workflow_id: string | null;
		execution_id: string | null;
	}>(
		'SELECT at, actor, purpose, action, workflow_id, execution_id FROM bem_access_log WHERE case_id = ? ORDER BY id',
		[caseId],
	);
	return rows.map((r) => ({
		at: r.at,
		actor: r.actor,
		purpose: r.purpose,
		action: r.action,
		workflowId: r.workflow_id,
		executionId: r.execution_id,
	}));
}

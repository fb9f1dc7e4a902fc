import { z } from 'zod';

import { caseIdSchema, day, parse } from './input';
import type { SqlDb, SqlRunner } from './sql/db';
import type { ApproachingUpdate, ExportedApproach, ExportedReminder, ReminderClaim } from './types';

// The reminder log and the approaching set (migration 8): ids and days only. A claim inserts or does
// nothing under the table's key, in one transaction, so of racing runs exactly one claims each row.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const claimsSchema = z
	.array(
		z.object({ recipient: text(320), item: text(500), caseId: caseIdSchema.optional() }).strict(),
	)
	.max(100_000, 'must have at most 100000 entries');
const idsSchema = z.array(text(200)).max(1_000_000, 'must have at most 1000000 entries');

/** Claims the reminders not yet sent on `on`; resolves to those this call claimed (send only these). */
export async function claimReminders(
	db: SqlDb,
	on: string,
	items: ReminderClaim[],
): Promise<ReminderClaim[]> {
	const d = parse(day, on, 'claimReminders on');
	const list = parse(claimsSchema, items, 'claimReminders items');
	const at = new Date().toISOString();
	return db.tx(async (t) => {
		const claimed: ReminderClaim[] = [];
		for (const r of list) {
			const inserted = await t.run(
				'INSERT INTO bem_reminders (recipient, item, on_day, case_id, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
				[r.recipient, r.item, d, r.caseId ?? null, at],
			);
			if (inserted === 1) claimed.push(r);
		}
		return claimed;
	});
}

/**
 * Sets who `source` reports as approaching on `on`; resolves to who entered since the last call (one
 * alert per crossing). Who left is forgotten, so re-entering later counts as entering again.
 */
export async function updateApproaching(
	db: SqlDb,
	source: string,
	on: string,
	employeeIds: string[],
): Promise<ApproachingUpdate> {
	const src = parse(text(200), source, 'source');
	const d = parse(day, on, 'updateApproaching on');
	const now = new Set(parse(idsSchema, employeeIds, 'employeeIds'));
	return db.tx(async (t) => {
		const before = await t.all<{ employee_id: string }>(
			'SELECT employee_id FROM bem_approaching WHERE source = ?',
			[src],
		);
		let left = 0;
		for (const { employee_id } of before)
			if (!now.has(employee_id)) {
				left += await t.run('DELETE FROM bem_approaching WHERE source = ? AND employee_id = ?', [
					src,
					employee_id,
				]);
			}
		const entered: string[] = [];
		for (const id of now) {
			const inserted = await t.run(
				'INSERT INTO bem_approaching (source, employee_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
				[src, id, d],
			);
			if (inserted === 1) entered.push(id);
		}
		return { entered, left };
	});
}

/** The subject access export's part (Art. 15): which sources report the employee as approaching now. */
export async function approachingOf(t: SqlRunner, employeeId: string): Promise<ExportedApproach[]> {
	return t.all<ExportedApproach>(
		'SELECT source, since FROM bem_approaching WHERE employee_id = ? ORDER BY since, source',
		[employeeId],
	);
}

/** The subject access export's part: the reminders sent about these cases (the employee's). */
export async function remindersOf(t: SqlRunner, caseIds: string[]): Promise<ExportedReminder[]> {
	if (caseIds.length === 0) return [];
	const rows = await t.all<{
		recipient: string;
		item: string;
		on_day: string;
		case_id: string;
		sent_at: string;
	}>(
		`SELECT recipient, item, on_day, case_id, sent_at FROM bem_reminders
		 WHERE case_id IN (${caseIds.map(() => '?').join(', ')}) ORDER BY on_day, sent_at, recipient, item`,
		caseIds,
	);
	return rows.map((r) => ({
		recipient: r.recipient,
		item: r.item,
		on: r.on_day,
		caseId: r.case_id,
		sentAt: r.sent_at,
	}));
}

import { z } from 'zod';

import { caseIdSchema, day, parse } from './input';
import type { SqlDb } from './sql/db';
import type { ApproachingUpdate, ReminderClaim } from './types';

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

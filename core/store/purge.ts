import { randomUUID } from 'crypto';

import { addYears, formatDay, parseDay } from '../calendar/days';
import { todayInBerlin } from '../calendar/today';
import { BemStoreError } from './errors';
import { day, parse } from './input';
import { appendLedger, type AuditKeys } from './ledger';
import type { SqlDb } from './sql/db';

// Retention: a case closed more than N years before `on` goes with its events, letters and access
// rows. What stays is a deletion record without personal data: no case id, no employee, no text, and the
// ledger's entries under the case's keyed tag, closed by a 'purge' entry (so verifyAudit tells a purge
// from a deletion). The evidence tables refuse DELETE by trigger unless the case is marked in bem_purging
// within the same transaction.

export async function purgeExpired(
	db: SqlDb,
	keys: AuditKeys,
	on: string,
	opts: { retentionYears?: number; leaverCacheDays?: number } = {},
): Promise<{ purged: number }> {
	parse(day, on, 'purgeExpired on');
	// a date ahead would erase files still inside their retention period
	const today = todayInBerlin();
	if (on > today)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`purgeExpired: on must be today (${today} in Berlin) or earlier`,
			'on',
		);
	const years = opts.retentionYears ?? 3;
	if (!Number.isInteger(years) || years < 1 || years > 100) {
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			'purgeExpired: retentionYears must be a whole number of years (1–100; 3 by default)',
			'retentionYears',
		);
	}
	// closed on or before this day: closed more than `years` years ago
	const cutoff = formatDay(addYears(parseDay(on), -years) - 1);
	const expired = await db.all<{ id: string; closed_on: string; outcome: string | null }>(
		"SELECT id, closed_on, outcome FROM bem_cases WHERE state = 'closed' AND closed_on <= ? ORDER BY closed_on",
		[cutoff],
	);
	for (const c of expired) {
		await db.tx(async (t) => {
			await t.run('INSERT INTO bem_purging (case_id) VALUES (?)', [c.id]);
			await t.run('DELETE FROM bem_events WHERE case_id = ?', [c.id]);
			await t.run('DELETE FROM bem_letters WHERE case_id = ?', [c.id]);
			await t.run('DELETE FROM bem_access_log WHERE case_id = ?', [c.id]);
			await t.run('DELETE FROM bem_roles WHERE case_id = ?', [c.id]);
			await t.run('DELETE FROM bem_reminders WHERE case_id = ?', [c.id]);
			await t.run('DELETE FROM bem_cases WHERE id = ?', [c.id]);
			await t.run('DELETE FROM bem_purging WHERE case_id = ?', [c.id]);
			const deletion = randomUUID();
			await t.run(
				'INSERT INTO bem_deletions (id, purged_on, closed_on, outcome, retention_years) VALUES (?, ?, ?, ?, ?)',
				[deletion, on, c.closed_on, c.outcome, years],
			);
			const digest = keys.mac(['purge', deletion, on, c.closed_on, c.outcome, years]);
			await appendLedger(t, db.dialect, keys, [
				{ kind: 'purge', caseId: c.id, ref: deletion, digest },
			]);
		});
	}
	const leavers = await purgeLeavers(db, on, opts.leaverCacheDays ?? LEAVER_CACHE_DAYS);
	if (expired.length > 0 || leavers > 0) await db.afterPurge();
	return { purged: expired.length };
}

/**
 * How long the HRIS caches keep a leaver after their last day: late corrections of their last weeks
 * still reach the daily read; after that nothing about them is needed (no BEM after the employment).
 */
export const LEAVER_CACHE_DAYS = 30;

/**
 * Leavers (the HRIS's last day of employment, kept with the cached work pattern) more than `days` before
 * `on`: their cached work patterns and AU periods (sources of the same tenant) go, in one transaction each.
 */
async function purgeLeavers(db: SqlDb, on: string, days: number): Promise<number> {
	if (!Number.isInteger(days) || days < 0 || days > 3650)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			'purgeExpired: leaverCacheDays must be a whole number of days (0–3650; 30 by default)',
			'leaverCacheDays',
		);
	const cutoff = formatDay(parseDay(on) - days);
	const rows = await db.all<{ source: string; employee_id: string; pattern: string }>(
		'SELECT source, employee_id, pattern FROM bem_hris_patterns',
	);
	const leavers = rows.filter((r) => {
		const until = (JSON.parse(r.pattern) as { employedUntil?: unknown }).employedUntil;
		return typeof until === 'string' && until < cutoff;
	});
	for (const r of leavers)
		await db.tx(async (t) => {
			await t.run('DELETE FROM bem_hris_patterns WHERE source = ? AND employee_id = ?', [
				r.source,
				r.employee_id,
			]);
			// the tenant's AU period caches are named after its pattern cache: `${source}:au:…`
			await t.run(
				'DELETE FROM bem_hris_au_periods WHERE employee_id = ? AND substr(source, 1, ?) = ?',
				[r.employee_id, r.source.length + 1, `${r.source}:`],
			);
		});
	return leavers.length;
}

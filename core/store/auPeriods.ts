// The incremental absence mode's AU period cache (migration 10): health data, so every period is sealed
// with the store's free-text cipher, bound to its source, employee and record; store-wide process or
// officer roles only; every read and write (and every refusal) logged in the chained access log.
import { z } from 'zod';

import { checkAccess, logAccess, STORE_WIDE } from './access';
import type { FreeTextCipher } from './crypto';
import { mustBeAllowed } from './grants';
import { parse } from './input';
import type { AuditKeys } from './ledger';
import { ALLOWED } from './roles';
import type { SqlDb, SqlRunner } from './sql/db';
import {
	periodKey,
	type AuPeriodCacheState,
	type AuPeriodChange,
	type CachedAuPeriod,
	type AuPeriodStore,
} from '../hris/auPeriodCache';
import type { Access, BemStore, ExportedAuPeriod } from './types';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date 'YYYY-MM-DD'");
const id = z.string().regex(/^[\w-]{1,64}$/, 'must be an id');
const periodSchema = z
	.object({
		source: z.enum(['v1 time-off', 'v1 absence period', 'v2 absence period']),
		id,
		employeeId: id,
		kind: z.string().regex(/^[a-z_]{1,40}$/, 'must be a contract kind'),
		start: date,
		end: date.nullable(),
		startHalf: z.boolean(),
		endHalf: z.boolean(),
		hours: z.number().min(0).max(100_000).optional(),
		perDay: z
			.array(
				z
					.object({
						date,
						amount: z.number().min(0).max(24),
						unit: z.enum(['day', 'hour']).optional(),
					})
					.strict(),
			)
			.max(1000)
			.optional(),
	})
	.strict();
const keySchema = z
	.string()
	.regex(
		/^(v1 time-off|v1 absence period|v2 absence period)\/[\w-]{1,64}$/,
		'must be a period key',
	);
const sourceSchema = z.string().regex(/^[\w:.-]{1,200}$/, 'must be a source key');
const instant = z.string().datetime({ message: 'must be an ISO 8601 instant' });

const CHUNK = 200;
const syncKey = (source: string) => `au:${source}`;
const fullKey = (source: string) => `au-full:${source}`;
/** what a sealed period is bound to: a row copied to another source, employee or record fails to open */
const context = (source: string) => `hris-au:${source}`;
const binding = (employeeId: string, key: string) => `${employeeId}|${key}`;

export async function loadAuPeriods(
	db: SqlDb,
	keys: AuditKeys,
	cipher: FreeTextCipher,
	source: string,
	access: Access,
): Promise<AuPeriodCacheState> {
	parse(sourceSchema, source, 'source');
	const who = checkAccess(access);
	await mustBeAllowed(db, keys, who, 'auPeriods', null, ALLOWED.auPeriodCache);
	return db.tx(async (t) => {
		const sync = await t.all<{ source: string; synced_at: string }>(
			'SELECT source, synced_at FROM bem_hris_sync WHERE source IN (?, ?)',
			[syncKey(source), fullKey(source)],
		);
		const rows = await t.all<{ period_key: string; employee_id: string; sealed: string }>(
			'SELECT period_key, employee_id, sealed FROM bem_hris_au_periods WHERE source = ? ORDER BY period_key',
			[source],
		);
		await logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'auPeriods');
		return {
			syncedAt: sync.find((r) => r.source === syncKey(source))?.synced_at ?? null,
			fullAt: sync.find((r) => r.source === fullKey(source))?.synced_at ?? null,
			periods: rows.map(
				(r) =>
					JSON.parse(
						cipher.open(r.sealed, context(source), binding(r.employee_id, r.period_key)),
					) as CachedAuPeriod,
			),
		};
	});
}

/**
 * The subject access export's part (Art. 15): the employee's cached periods from every source, opened
 * as loadAuPeriods opens them (a row moved to another employee fails to open instead of being shown).
 */
export async function auPeriodsOf(
	t: SqlRunner,
	cipher: FreeTextCipher,
	employeeId: string,
): Promise<ExportedAuPeriod[]> {
	const rows = await t.all<{
		source: string;
		period_key: string;
		sealed: string;
		changed_at: string;
	}>(
		'SELECT source, period_key, sealed, changed_at FROM bem_hris_au_periods WHERE employee_id = ? ORDER BY source, period_key',
		[employeeId],
	);
	const periods = rows.map((r) => ({
		source: r.source,
		changedAt: r.changed_at,
		period: JSON.parse(
			cipher.open(r.sealed, context(r.source), binding(employeeId, r.period_key)),
		) as CachedAuPeriod,
	}));
	// per source in calendar order: how the employee reads them
	return periods.sort(
		(a, b) =>
			Number(a.source > b.source) - Number(a.source < b.source) ||
			a.period.start.localeCompare(b.period.start),
	);
}

/** The change and the read's instant (and, for a full read, the full read's) in one transaction. */
export async function saveAuPeriods(
	db: SqlDb,
	keys: AuditKeys,
	cipher: FreeTextCipher,
	source: string,
	syncedAt: string,
	change: AuPeriodChange,
	access: Access,
): Promise<void> {
	parse(sourceSchema, source, 'source');
	parse(instant, syncedAt, 'syncedAt');
	const who = checkAccess(access);
	const upsert = change.upsert.map((p, i) => parse(periodSchema, p, `upsert[${i}]`));
	const remove = change.remove.map((k, i) => parse(keySchema, k, `remove[${i}]`));
	await mustBeAllowed(db, keys, who, 'saveAuPeriods', null, ALLOWED.auPeriodCache);
	await db.tx(async (t) => {
		if (change.full) await t.run('DELETE FROM bem_hris_au_periods WHERE source = ?', [source]);
		for (let i = 0; i < remove.length; i += CHUNK) {
			const chunk = remove.slice(i, i + CHUNK);
			await t.run(
				`DELETE FROM bem_hris_au_periods WHERE source = ? AND period_key IN (${chunk.map(() => '?').join(', ')})`,
				[source, ...chunk],
			);
		}
		for (let i = 0; i < upsert.length; i += CHUNK) {
			const chunk = upsert.slice(i, i + CHUNK);
			await t.run(
				`INSERT INTO bem_hris_au_periods (source, period_key, employee_id, sealed, changed_at) VALUES ${chunk
					.map(() => '(?, ?, ?, ?, ?)')
					.join(', ')}
				 ON CONFLICT (source, period_key) DO UPDATE SET employee_id = excluded.employee_id, sealed = excluded.sealed, changed_at = excluded.changed_at`,
				chunk.flatMap((p) => {
					const key = periodKey(p);
					const sealed = cipher.seal(
						JSON.stringify(p),
						context(source),
						binding(p.employeeId, key),
					);
					return [source, key, p.employeeId, sealed, syncedAt];
				}),
			);
		}
		for (const k of change.full ? [syncKey(source), fullKey(source)] : [syncKey(source)])
			await t.run(
				`INSERT INTO bem_hris_sync (source, synced_at) VALUES (?, ?)
				 ON CONFLICT (source) DO UPDATE SET synced_at = excluded.synced_at`,
				[k, syncedAt],
			);
		await logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'saveAuPeriods');
	});
}

/**
 * Deletes every cached period (and the reads' dates) of the sources starting with `prefix` — one
 * tenant and credential: what switching the mode off does. Logged when it deleted anything.
 */
export async function clearAuPeriods(
	db: SqlDb,
	keys: AuditKeys,
	prefix: string,
	access: Access,
): Promise<{ cleared: number }> {
	parse(sourceSchema, prefix, 'prefix');
	const who = checkAccess(access);
	await mustBeAllowed(db, keys, who, 'clearAuPeriods', null, ALLOWED.auPeriodCache);
	return db.tx(async (t) => {
		const [row] = await t.all<{ n: number | string }>(
			'SELECT COUNT(*) AS n FROM bem_hris_au_periods WHERE substr(source, 1, ?) = ?',
			[prefix.length, prefix],
		);
		const cleared = Number(row?.n ?? 0);
		// the reads' dates go too: the next run with the mode on starts with a full read
		const syncWhere = 'substr(source, 1, ?) = ? OR substr(source, 1, ?) = ?';
		const syncArgs = [
			syncKey(prefix).length,
			syncKey(prefix),
			fullKey(prefix).length,
			fullKey(prefix),
		];
		const synced = await t.all(`SELECT source FROM bem_hris_sync WHERE ${syncWhere}`, syncArgs);
		await t.run('DELETE FROM bem_hris_au_periods WHERE substr(source, 1, ?) = ?', [
			prefix.length,
			prefix,
		]);
		await t.run(`DELETE FROM bem_hris_sync WHERE ${syncWhere}`, syncArgs);
		if (cleared > 0 || synced.length > 0)
			await logAccess(t, db.dialect, keys, [STORE_WIDE], who, 'clearAuPeriods');
		return { cleared };
	});
}

/** The store's AU period cache as the HRIS readers take it, every call acting as `access`'s principal. */
export function auPeriodCacheAs(store: BemStore, access: Access): AuPeriodStore {
	return {
		auPeriods: (source) => store.auPeriods(source, access),
		saveAuPeriods: (source, syncedAt, change) =>
			store.saveAuPeriods(source, syncedAt, change, access),
		clearAuPeriods: (prefix) => store.clearAuPeriods(prefix, access),
	};
}

// The HRIS work-pattern cache (migration 5): contract data — weekdays, contract hours, hire date and
// the pattern history, the work location — kept in plain text, refreshed by what the HRIS says changed since the last
// successful read. No names, no absences, no free text: the shape is checked field by field.
import { z } from 'zod';

import { parse } from './input';
import type { SqlDb, SqlRunner } from './sql/db';
import type { WorkPatternStore } from '../hris/patternCache';
import type {
	Access,
	BemStore,
	CachedWorkPattern,
	ExportedWorkPattern,
	WorkPatternCacheState,
} from './types';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date 'YYYY-MM-DD'");
const employeeIdSchema = z.string().regex(/^[\w-]{1,64}$/, 'must be an employee id');
const weekday = z.number().int().min(1).max(7);
const hours = z.record(z.string().regex(/^[1-7]$/), z.number().min(0).max(24));
const entry = z
	.object({ from: date, workdays: z.array(weekday).max(7), hoursPerWorkday: hours.optional() })
	.strict();
const patternSchema = z
	.object({
		weeklyHours: z.number().min(0).max(168).nullable(),
		workdays: z.array(weekday).max(7),
		hoursPerWorkday: hours,
		workPatternSource: z.enum(['work_schedule', 'weekly_hours', 'days_per_week', 'default']),
		employedSince: date.nullable(),
		employedUntil: date.optional(),
		workPatterns: z.array(entry).max(100),
		// the work location (e.g. the office): the case's Bundesland comes from it
		location: z.string().trim().min(1).max(200).optional(),
	})
	.strict();
const rowSchema = z.object({ employeeId: employeeIdSchema, pattern: patternSchema }).strict();
const sourceSchema = z.string().regex(/^[\w:.-]{1,200}$/, 'must be a source key');
const instant = z.string().datetime({ message: 'must be an ISO 8601 instant' });

/** Rows per INSERT: both backends take a few hundred placeholders in one statement. */
const CHUNK = 200;

export async function loadWorkPatterns(db: SqlDb, source: string): Promise<WorkPatternCacheState> {
	parse(sourceSchema, source, 'source');
	const [sync] = await db.all<{ synced_at: string }>(
		'SELECT synced_at FROM bem_hris_sync WHERE source = ?',
		[source],
	);
	const rows = await db.all<{ employee_id: string; pattern: string }>(
		'SELECT employee_id, pattern FROM bem_hris_patterns WHERE source = ? ORDER BY employee_id',
		[source],
	);
	return {
		syncedAt: sync?.synced_at ?? null,
		patterns: rows.map((r) => ({
			employeeId: r.employee_id,
			pattern: JSON.parse(r.pattern) as CachedWorkPattern['pattern'],
		})),
	};
}

/** The subject access export's part (Art. 15): the employee's cached pattern from every source. */
export async function workPatternsOf(
	t: SqlRunner,
	employeeId: string,
): Promise<ExportedWorkPattern[]> {
	const rows = await t.all<{ source: string; pattern: string; changed_at: string }>(
		'SELECT source, pattern, changed_at FROM bem_hris_patterns WHERE employee_id = ? ORDER BY source',
		[employeeId],
	);
	return rows.map((r) => ({
		source: r.source,
		changedAt: r.changed_at,
		pattern: JSON.parse(r.pattern) as CachedWorkPattern['pattern'],
	}));
}

/** Upserts the changed employees, drops `forget`, records `syncedAt` as the source's last successful read, in one transaction. */
export async function saveWorkPatterns(
	db: SqlDb,
	source: string,
	syncedAt: string,
	changed: CachedWorkPattern[],
	forget: string[] = [],
): Promise<void> {
	parse(sourceSchema, source, 'source');
	parse(instant, syncedAt, 'syncedAt');
	const rows = changed.map((c, i) => parse(rowSchema, c, `patterns[${i}]`));
	const gone = forget.map((id, i) => parse(employeeIdSchema, id, `forget[${i}]`));
	await db.tx(async (t) => {
		for (let i = 0; i < gone.length; i += CHUNK) {
			const chunk = gone.slice(i, i + CHUNK);
			await t.run(
				`DELETE FROM bem_hris_patterns WHERE source = ? AND employee_id IN (${chunk.map(() => '?').join(', ')})`,
				[source, ...chunk],
			);
		}
		for (let i = 0; i < rows.length; i += CHUNK) {
			const chunk = rows.slice(i, i + CHUNK);
			await t.run(
				`INSERT INTO bem_hris_patterns (source, employee_id, pattern, changed_at) VALUES ${chunk
					.map(() => '(?, ?, ?, ?)')
					.join(', ')}
				 ON CONFLICT (source, employee_id) DO UPDATE SET pattern = excluded.pattern, changed_at = excluded.changed_at`,
				chunk.flatMap((r) => [source, r.employeeId, JSON.stringify(r.pattern), syncedAt]),
			);
		}
		await t.run(
			`INSERT INTO bem_hris_sync (source, synced_at) VALUES (?, ?)
			 ON CONFLICT (source) DO UPDATE SET synced_at = excluded.synced_at`,
			[source, syncedAt],
		);
	});
}

/** The store's work-pattern cache as the HRIS readers take it, every call acting as `access`'s principal. */
export function workPatternCacheAs(store: BemStore, access: Access): WorkPatternStore {
	return {
		workPatterns: (source) => store.workPatterns(source, access),
		saveWorkPatterns: (source, syncedAt, changed, forget) =>
			store.saveWorkPatterns(source, syncedAt, changed, access, forget),
	};
}

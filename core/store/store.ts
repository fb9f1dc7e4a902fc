import { addMonths, formatDay, parseDay } from '../calendar/days';
import { isGermanState, type GermanState } from '../calendar/holidays';
import { deadlineAfter } from '../calendar/workingDays';
import type { LifecycleRules } from '../lifecycle/facts';
import type { EventType } from '../lifecycle/names';
import { eventsInForce, type RecordedEvent } from '../lifecycle/replay';
import { accessLog, checkAccess, logAccess } from './access';
import { caseEvents, caseVoids, toAuditEvent, verifyChains } from './audit';
import { FreeTextCipher } from './crypto';
import { BemStoreError } from './errors';
import { keyCheckValue } from './keys';
import { AuditKeys } from './ledger';
import { openCase, recordEvent, SELECT_CASE, type WriteHooks } from './events';
import { auditPageSchema, caseIdSchema, day, MAX_AUDIT_PAGE, parse, querySchema } from './input';
import {
	checkCalendarPeriod,
	computeKpis,
	minCellOf,
	observedClosings,
	type KpiCaseRow,
} from './kpis';
import { archiveLetter, readLetters } from './letters';
import { purgeExpired } from './purge';
import { rowToCase, type CaseRow } from './rows';
import type { SqlDb, SqlRunner } from './sql/db';
import { migrate } from './sql/migrations';
import type {
	Access,
	BemCase,
	BemStore,
	BemStoreConfig,
	CaseQuery,
	PersonnelFileExtract,
} from './types';

// The BEM store over either backend: the same statements, the same lifecycle rules.

export function lifecycleRules(
	config: Pick<BemStoreConfig, 'state' | 'reviewMonths'>,
): LifecycleRules {
	const state: GermanState = config.state ?? 'DE';
	if (!isGermanState(state))
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			`state is not a German state code (e.g. 'DE', 'BY', 'NW')`,
			'state',
		);
	const reviewMonths = config.reviewMonths ?? [3, 6];
	if (
		reviewMonths.length === 0 ||
		reviewMonths.some(
			(m, i) => !Number.isInteger(m) || m < 1 || (i > 0 && m <= reviewMonths[i - 1]),
		)
	) {
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			'reviewMonths must be rising whole months after implementation, e.g. [3, 6]',
			'reviewMonths',
		);
	}
	return {
		deadlineAfter: (on, days) => formatDay(deadlineAfter(parseDay(on), days, state)),
		addMonths: (on, months) => formatDay(addMonths(parseDay(on), months)),
		reviewMonths,
	};
}

/** Refuses a case id that is no id (not text, empty, too long, broken encoding); returns it unchanged. */
function checkCaseId(caseId: string): string {
	parse(caseIdSchema, caseId, 'caseId');
	return caseId;
}

/** a read that logs its access: tried once more when the connection is lost before anything was written */
const READ = { read: true };

const KPI_COLUMNS =
	'id, employee_id, opened_on, offered_on, response, first_implemented_on, outcome, closed_on';

export async function createStore(db: SqlDb, config: BemStoreConfig): Promise<BemStore> {
	const cipher = new FreeTextCipher(config.encryptionKey);
	const keys = new AuditKeys(config.encryptionKey);
	const rules = lifecycleRules(config);
	const minCell = minCellOf(config.minCell);
	await migrate(db, {
		keyCheck: keyCheckValue(config.encryptionKey),
		opens: (sealed, caseId) => cipher.opens(sealed, caseId),
		audit: keys,
	});

	// the access rules a write asks: a correction is the bem_officer's (case-file.md). The roles module
	// answers it; until it is merged, the hook lets every actor correct, as every actor may write today.
	const hooks: WriteHooks = { assertMay: async () => undefined };

	/** Reads a case row and logs the access in the same transaction. */
	const readCase = async <T>(
		caseId: string,
		access: Access,
		action: string,
		read: (row: CaseRow | undefined, t: SqlRunner) => Promise<T>,
	): Promise<T> => {
		checkCaseId(caseId);
		const who = checkAccess(access);
		return db.tx(async (t) => {
			const [row] = await t.all<CaseRow>(SELECT_CASE, [caseId]);
			// no row, nothing read: logging the id would bring a purged case's id back
			if (row) await logAccess(t, db.dialect, keys, [caseId], who, action);
			return read(row, t);
		}, READ);
	};
	const mustExist = (caseId: string, row: CaseRow | undefined): CaseRow => {
		if (!row)
			throw new BemStoreError(
				'BEM_CASE_NOT_FOUND',
				`No BEM case ${caseId} (never opened, or purged after retention)`,
				'caseId',
			);
		return row;
	};

	return {
		kind: db.dialect,
		openCase: (c) => openCase(db, keys, c),
		recordEvent: async (caseId, e) =>
			recordEvent(db, keys, cipher, rules, hooks, checkCaseId(caseId), e),
		getCase: (caseId, access) =>
			readCase(caseId, access, 'getCase', async (row) => (row ? rowToCase(row) : null)),

		async findCases(q: CaseQuery, access?: Access): Promise<BemCase[]> {
			const query = parse(querySchema, q, 'findCases');
			const where: string[] = [];
			const params: unknown[] = [];
			const add = (sql: string, value: unknown) => {
				where.push(sql);
				params.push(value);
			};
			if (query.state) add('state = ?', query.state);
			if (query.employeeId) add('employee_id = ?', query.employeeId);
			if (query.replyOverdueOn) add('reply_due_on < ?', query.replyOverdueOn);
			if (query.reviewDueOn) add('review_due_on <= ?', query.reviewDueOn);
			if (query.followUpDueOn) add("state = 'deferred' AND follow_up_on <= ?", query.followUpDueOn);
			const sql = `SELECT * FROM bem_cases${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY opened_on, id${query.limit ? ` LIMIT ${query.limit}` : ''}`;
			if (!access) return (await db.all<CaseRow>(sql, params)).map(rowToCase);
			const who = checkAccess(access);
			return db.tx(async (t) => {
				const rows = await t.all<CaseRow>(sql, params);
				await logAccess(
					t,
					db.dialect,
					keys,
					rows.map((r) => r.id),
					who,
					'findCases',
				);
				return rows.map(rowToCase);
			}, READ);
		},

		auditTrail: async (caseId, access, page) => {
			const p = parse(auditPageSchema, page ?? {}, 'auditTrail');
			const bounds = { fromSeq: p.fromSeq ?? 1, limit: p.limit ?? MAX_AUDIT_PAGE };
			return readCase(caseId, access, 'auditTrail', async (row, t) => {
				mustExist(caseId, row);
				const voids = await caseVoids(t, caseId);
				return (await caseEvents(t, caseId, bounds)).map((e) => toAuditEvent(e, cipher, voids));
			});
		},

		accessLog: async (caseId) => accessLog(db, checkCaseId(caseId)),
		verifyAudit: async (caseId) =>
			verifyChains(db, keys, caseId === undefined ? undefined : checkCaseId(caseId)),

		personnelFileExtract: (caseId, access) =>
			readCase(
				caseId,
				access,
				'personnelFileExtract',
				async (row, t): Promise<PersonnelFileExtract> => {
					const c = mustExist(caseId, row);
					// only structured fields: the labour-law measure named on each implementation
					const measures = await t.all<{ seq: number; data: string }>(
						"SELECT seq, data FROM bem_events WHERE case_id = ? AND type = 'measure_implemented' ORDER BY seq",
						[caseId],
					);
					const voids = await caseVoids(t, caseId);
					const labourLawMeasures: string[] = [];
					for (const m of measures.filter((x) => !voids.has(Number(x.seq)))) {
						const named = (JSON.parse(m.data) as Record<string, unknown>).labourLawMeasure;
						for (const entry of Array.isArray(named) ? named : [named]) {
							if (
								typeof entry === 'string' &&
								entry.trim() &&
								!labourLawMeasures.includes(entry.trim())
							)
								labourLawMeasures.push(entry.trim());
						}
					}
					return {
						employeeId: c.employee_id,
						offeredOn: c.offered_on,
						response: c.response as PersonnelFileExtract['response'],
						labourLawMeasures,
					};
				},
			),

		archiveLetter: async (caseId, letter) =>
			archiveLetter(db, keys, cipher, checkCaseId(caseId), letter),
		letters: (caseId, access) =>
			readCase(caseId, access, 'letters', async (row, t) => {
				mustExist(caseId, row);
				return readLetters(t, cipher, caseId);
			}),

		purgeExpired: (on, opts) => purgeExpired(db, keys, on, opts),

		async kpis(period) {
			const from = parse(day, period?.from, 'kpis from');
			const to = parse(day, period?.to, 'kpis to');
			if (from > to)
				throw new BemStoreError(
					'BEM_INVALID_INPUT',
					`kpis: from ${from} is after to ${to}`,
					'from',
				);
			checkCalendarPeriod(from, to);
			const window = observedClosings({ from, to });
			const cohort = await db.all<KpiCaseRow>(
				`SELECT ${KPI_COLUMNS} FROM bem_cases WHERE opened_on >= ? AND opened_on <= ?`,
				[from, to],
			);
			const observed = await db.all<KpiCaseRow>(
				`SELECT ${KPI_COLUMNS} FROM bem_cases WHERE outcome = 'completed' AND closed_on >= ? AND closed_on <= ?`,
				[window.from, window.to],
			);
			const later = await db.all<KpiCaseRow>(
				`SELECT ${KPI_COLUMNS} FROM bem_cases WHERE opened_on > ?`,
				[window.from],
			);
			const ended = await db.all<{
				case_id: string;
				seq: number;
				type: EventType;
				on_day: string;
				data: string;
			}>(
				`SELECT e.case_id, e.seq, e.type, e.on_day, e.data FROM bem_events e JOIN bem_cases c ON c.id = e.case_id
				 WHERE e.type IN ('employment_ended', 'event_voided') AND c.outcome = 'completed' AND c.closed_on >= ? AND c.closed_on <= ?
				 ORDER BY e.case_id, e.seq`,
				[window.from, window.to],
			);
			const byCase = new Map<string, RecordedEvent[]>();
			for (const e of ended)
				byCase.set(e.case_id, [
					...(byCase.get(e.case_id) ?? []),
					{ seq: Number(e.seq), type: e.type, on: e.on_day, data: JSON.parse(e.data) },
				]);
			// an employment end voided as recorded in error does not count
			const endedOn = new Map<string, string[]>();
			for (const [caseId, list] of byCase)
				endedOn.set(
					caseId,
					eventsInForce(list).map((e) => e.on),
				);
			return computeKpis(cohort, observed, later, endedOn, minCell);
		},

		close: () => db.close(),
	};
}

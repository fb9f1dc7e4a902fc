import { addMonths, formatDay, parseDay } from '../calendar/days';
import { isGermanState, type GermanState } from '../calendar/holidays';
import { deadlineAfter } from '../calendar/workingDays';
import { DEFAULT_POSTAL_DAYS, replyDueOn, STALE_AFTER_DAYS } from '../lifecycle/deadlines';
import type { LifecycleRules } from '../lifecycle/facts';
import { eventsInForce, type RecordedEvent } from '../lifecycle/replay';
import { accessLog, checkAccess, logAccess, STORE_WIDE } from './access';
import { caseEvents, caseVoids, toAuditEvent, toTimelineEvent, verifyChains } from './audit';
import { lastClosures } from './closures';
import { cockpitScope } from './cockpitScope';
import { caseConsent, mustBeConsented, writtenUnderWithdrawnConsent } from './consent';
import { FreeTextCipher } from './crypto';
import { measureCatalogue } from './catalogue';
import {
	checkPlanEvent,
	findMeasures,
	labourLawLabels,
	toRecorded,
	type EventDataRow,
} from './measures';
import { owners, removeOwner, setOwner } from './owners';
import { BemStoreError } from './errors';
import { subjectAccessExport } from './export';
import { keyCheckValue } from './keys';
import { clearAuPeriods, loadAuPeriods, saveAuPeriods } from './auPeriods';
import { AuditKeys } from './ledger';
import { openCase, recordEvent, SELECT_CASE } from './events';
import {
	allGrantsOf,
	checkGrant,
	deleteGrants,
	denied,
	grantAtOpen,
	grantsOf,
	listRoles,
	mustBeAllowed,
	writeGrant,
} from './grants';
import {
	auditPageSchema,
	caseIdSchema,
	day,
	eventSchema,
	MAX_AUDIT_PAGE,
	letterSchema,
	openCaseSchema,
	parse,
	querySchema,
	splitEventData,
} from './input';
import {
	checkCalendarPeriod,
	computeKpis,
	minCellOf,
	observedClosings,
	type KpiCaseRow,
} from './kpis';
import { archiveLetter, readLetters } from './letters';
import { purgeExpired } from './purge';
import { claimReminders, updateApproaching } from './reminders';
import { allows, ALLOWED, OFFICERS, rolesForEvent, type Call } from './roles';
import { rowToCase, type CaseRow } from './rows';
import type { SqlDb, SqlRunner } from './sql/db';
import { migrate } from './sql/migrations';
import { loadWorkPatterns, saveWorkPatterns } from './workPatterns';
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
	config: Pick<BemStoreConfig, 'state' | 'reviewMonths' | 'postalDays'>,
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
	const postalDays = config.postalDays ?? DEFAULT_POSTAL_DAYS;
	if (!Number.isInteger(postalDays) || postalDays < 0 || postalDays > 30)
		throw new BemStoreError(
			'BEM_INVALID_INPUT',
			'postalDays must be whole working days from 0 to 30 (a posted letter counts as received then)',
			'postalDays',
		);
	return {
		deadlineAfter: (on, days) => formatDay(deadlineAfter(parseDay(on), days, state)),
		replyDueOn: (on, delivery) => replyDueOn(on, state, delivery, postalDays),
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

/**
 * The case's latest letter event is sendInvitation's claim of this letter (its key `<case>:<letter>`, a
 * later round's `<case>:<letter>:<round>`, a re-issue's `<claim key>#<day>`) and no copy is archived under
 * the claim's key: the letter was never sent. The kind is one of two literals, never caller text.
 */
const unsentLetter = (
	kind: 'first' | 'second',
	state: string,
	type: string,
): string => `state = '${state}' AND EXISTS (
	SELECT 1 FROM bem_events e WHERE e.case_id = bem_cases.id AND e.type = '${type}'
	AND e.seq = (SELECT max(x.seq) FROM bem_events x WHERE x.case_id = bem_cases.id AND x.type IN ('invitation_sent', 'second_invitation_sent'))
	AND substr(e.idempotency_key, 1, length(bem_cases.id) + ${kind.length + 1}) = bem_cases.id || ':${kind}'
	AND NOT EXISTS (SELECT 1 FROM bem_letters l WHERE l.case_id = bem_cases.id AND l.kind = '${kind}'
		AND (l.idempotency_key = e.idempotency_key OR substr(e.idempotency_key, 1, length(l.idempotency_key) + 1) = l.idempotency_key || '#')))`;
/** non-closed and no event on or after the parameter: the day STALE_AFTER_DAYS before the query's day */
const STALE = `state <> 'closed' AND NOT EXISTS (SELECT 1 FROM bem_events e WHERE e.case_id = bem_cases.id AND e.on_day >= ?)`;
const staleSince = (on: string) => formatDay(parseDay(on) - STALE_AFTER_DAYS);

const UNSENT_LETTER = {
	first: unsentLetter('first', 'invited', 'invitation_sent'),
	second: unsentLetter('second', 'reinvited', 'second_invitation_sent'),
};

export async function createStore(db: SqlDb, config: BemStoreConfig): Promise<BemStore> {
	const cipher = new FreeTextCipher(config.encryptionKey);
	const keys = new AuditKeys(config.encryptionKey);
	const rules = lifecycleRules(config);
	// a case naming its employee's German state rolls its deadlines past that state's holidays
	const stateRules = new Map<string, LifecycleRules>();
	const rulesOf = (row: CaseRow): LifecycleRules => {
		const state = row.holiday_state;
		if (!state) return rules;
		if (!stateRules.has(state))
			stateRules.set(state, lifecycleRules({ ...config, state: state as GermanState }));
		return stateRules.get(state) as LifecycleRules;
	};
	const minCell = minCellOf(config.minCell);
	const catalogue = measureCatalogue(config.measureCatalogue);
	await migrate(db, {
		keyCheck: keyCheckValue(config.encryptionKey),
		opens: (sealed, caseId) => cipher.opens(sealed, caseId),
		audit: keys,
	});
	await grantAtOpen(db, keys, config.roles);

	/**
	 * Reads a case row and logs the access in the same transaction, when one of the principal's roles on
	 * the case allows `call`; else logs the refusal and throws BEM_ACCESS_DENIED. A principal without a
	 * role covering the id is refused whether or not the case exists (no existence probe).
	 */
	const readCase = async <T>(
		caseId: string,
		access: Access,
		call: Call,
		read: (row: CaseRow | undefined, t: SqlRunner) => Promise<T>,
		action: string = call,
	): Promise<T> => {
		checkCaseId(caseId);
		const who = checkAccess(access);
		const outcome = await db.tx(async (t) => {
			if (!allows(await grantsOf(t, who.actor, caseId), ALLOWED[call])) return null;
			const [row] = await t.all<CaseRow>(SELECT_CASE, [caseId]);
			// no row, nothing read: logging the id would bring a purged case's id back
			if (row) await logAccess(t, db.dialect, keys, [caseId], who, action);
			return { value: await read(row, t) };
		}, READ);
		if (!outcome) throw await denied(db, keys, who, action, caseId, ALLOWED[call]);
		return outcome.value;
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
		async openCase(c) {
			const input = parse(openCaseSchema, c, 'openCase');
			const who = { actor: input.actor, purpose: 'openCase', context: input.context };
			await mustBeAllowed(db, keys, who, 'openCase', null, ALLOWED.openCase);
			return openCase(db, keys, c);
		},
		async recordEvent(caseId, e) {
			checkCaseId(caseId);
			const input = parse(eventSchema, e, 'recordEvent');
			splitEventData(input.data); // bad data is refused as such, before the roles are looked up
			const who = { actor: input.actor, purpose: input.type, context: input.context };
			await mustBeAllowed(
				db,
				keys,
				who,
				`recordEvent ${input.type}`,
				caseId,
				rolesForEvent(input.type),
			);
			return recordEvent(db, keys, cipher, rulesOf, caseId, e, (event) =>
				checkPlanEvent(db, catalogue, caseId, event),
			);
		},
		getCase: (caseId, access) =>
			readCase(caseId, access, 'metadata', async (row) => (row ? rowToCase(row) : null), 'getCase'),

		async findCases(q: CaseQuery, access: Access): Promise<BemCase[]> {
			const query = parse(querySchema, q, 'findCases');
			const who = checkAccess(access);
			const grants = await allGrantsOf(db, who.actor);
			if (grants.length === 0)
				throw await denied(db, keys, who, 'findCases', null, ALLOWED.metadata);
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
			if (query.staleOn) add(STALE, staleSince(query.staleOn));
			if (query.letterUnsent) where.push(UNSENT_LETTER[query.letterUnsent]);
			// only case roles: the listing holds the cases they cover
			if (!grants.some((g) => g.caseId === null))
				add(
					`id IN (SELECT case_id FROM bem_roles WHERE principal = ? AND case_id <> '${STORE_WIDE}')`,
					who.actor,
				);
			const sql = `SELECT * FROM bem_cases${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY opened_on, id${query.limit ? ` LIMIT ${query.limit}` : ''}`;
			return db.tx(async (t) => {
				const rows = await t.all<CaseRow>(sql, params);
				// an empty listing is a read too: logged store-wide
				const read = rows.length ? rows.map((r) => r.id) : [STORE_WIDE];
				await logAccess(t, db.dialect, keys, read, who, 'findCases');
				return rows.map(rowToCase);
			}, READ);
		},

		async lastClosure(employeeId, access) {
			const id = parse(openCaseSchema.shape.employeeId, employeeId, 'employeeId');
			return (await lastClosures(db, keys, access, 'lastClosure', id)).get(id) ?? null;
		},
		lastClosures: async (access) =>
			Object.fromEntries(await lastClosures(db, keys, access, 'lastClosures')),

		auditTrail: async (caseId, access, page) => {
			const p = parse(auditPageSchema, page ?? {}, 'auditTrail');
			const bounds = { fromSeq: p.fromSeq ?? 1, limit: p.limit ?? MAX_AUDIT_PAGE };
			return readCase(caseId, access, 'auditTrail', async (row, t) => {
				mustExist(caseId, row);
				const voids = await caseVoids(t, caseId);
				const events = await caseEvents(t, caseId, bounds);
				// a participant (no officer role) no longer reads what was written under a withdrawn consent
				const officer = allows(await grantsOf(t, checkAccess(access).actor, caseId), OFFICERS);
				const consent = officer ? null : await caseConsent(t, caseId);
				return events
					.filter(
						(e) =>
							!consent ||
							!writtenUnderWithdrawnConsent(consent, { seq: Number(e.seq), actor: e.actor }),
					)
					.map((e) => toAuditEvent(e, cipher, voids));
			});
		},

		caseTimeline: async (caseId, access, page) => {
			const p = parse(auditPageSchema, page ?? {}, 'caseTimeline');
			const bounds = { fromSeq: p.fromSeq ?? 1, limit: p.limit ?? MAX_AUDIT_PAGE };
			return readCase(
				caseId,
				access,
				'metadata',
				async (row, t) => {
					mustExist(caseId, row);
					const voids = await caseVoids(t, caseId);
					return (await caseEvents(t, caseId, bounds)).map((e) => toTimelineEvent(e, voids));
				},
				'caseTimeline',
			);
		},

		async accessLog(caseId, access) {
			if (caseId !== null) checkCaseId(caseId);
			const who = checkAccess(access);
			const outcome = await db.tx(async (t) => {
				if (!allows(await grantsOf(t, who.actor, caseId), ALLOWED.accessLog)) return null;
				const log = await accessLog(t, caseId);
				// the log's own read is logged after it is read (where the case still exists)
				const [row] = caseId === null ? [] : await t.all(SELECT_CASE, [caseId]);
				if (caseId === null || row)
					await logAccess(t, db.dialect, keys, [caseId ?? STORE_WIDE], who, 'accessLog');
				return { log };
			}, READ);
			if (!outcome) throw await denied(db, keys, who, 'accessLog', caseId, ALLOWED.accessLog);
			return outcome.log;
		},

		async grantRole(input) {
			const g = await checkGrant(db, keys, input, 'grantRole');
			await db.tx(async (t) => {
				// a participant takes part only within the consent, read under the case row's lock so a
				// withdrawal (which moves the row) is either seen here or sees this grant
				if (g.caseId !== undefined) await mustBeConsented(t, db.dialect, g.caseId, g.role);
				await writeGrant(t, db.dialect, keys, g);
			});
		},
		async revokeRole(input) {
			const g = await checkGrant(db, keys, input, 'revokeRole');
			await db.tx((t) =>
				deleteGrants(t, db.dialect, keys, {
					principal: g.principal,
					roles: [g.role],
					caseId: g.caseId ?? null,
					by: g.by,
				}),
			);
		},
		async roles(q, access) {
			const caseId = q?.caseId === undefined ? null : checkCaseId(q.caseId);
			const who = checkAccess(access);
			const outcome = await db.tx(async (t) => {
				if (!allows(await grantsOf(t, who.actor, caseId), ALLOWED.roles)) return null;
				await logAccess(t, db.dialect, keys, [caseId ?? STORE_WIDE], who, 'roles');
				return { list: await listRoles(t, caseId) };
			}, READ);
			if (!outcome) throw await denied(db, keys, who, 'roles', caseId, ALLOWED.roles);
			return outcome.list;
		},
		verifyAudit: async (caseId) =>
			verifyChains(db, keys, caseId === undefined ? undefined : checkCaseId(caseId)),

		personnelFileExtract: (caseId, access) =>
			readCase(
				caseId,
				access,
				'personnelFileExtract',
				async (row, t): Promise<PersonnelFileExtract> => {
					const c = mustExist(caseId, row);
					// catalogue labels only: the codes of the labour-law measures implemented
					const labourLawMeasures = await labourLawLabels(t, catalogue, caseId);
					return {
						employeeId: c.employee_id,
						offeredOn: c.offered_on,
						response: c.response as PersonnelFileExtract['response'],
						labourLawMeasures,
					};
				},
			),

		async archiveLetter(caseId, letter) {
			checkCaseId(caseId);
			const l = parse(letterSchema, letter, 'archiveLetter');
			const who = { actor: l.actor, purpose: `archive letter ${l.kind}`, context: l.context };
			await mustBeAllowed(db, keys, who, 'archiveLetter', caseId, ALLOWED.archiveLetter);
			return archiveLetter(db, keys, cipher, caseId, letter);
		},
		letters: (caseId, access) =>
			readCase(caseId, access, 'letters', async (row, t) => {
				mustExist(caseId, row);
				return readLetters(t, cipher, caseId);
			}),

		subjectAccessExport: (employeeId, access) =>
			subjectAccessExport(db, keys, cipher, employeeId, access),

		purgeExpired: (on, opts) => purgeExpired(db, keys, on, opts),

		// contract data, not the BEM file: store-wide process or officer roles, a refusal logged as ever
		async workPatterns(source, access) {
			await mustBeAllowed(db, keys, access, 'workPatterns', null, ALLOWED.workPatternCache);
			return loadWorkPatterns(db, source);
		},
		async saveWorkPatterns(source, syncedAt, changed, access, forget) {
			await mustBeAllowed(db, keys, access, 'saveWorkPatterns', null, ALLOWED.workPatternCache);
			return saveWorkPatterns(db, source, syncedAt, changed, forget);
		},
		async claimReminders(on, items, access) {
			await mustBeAllowed(db, keys, access, 'claimReminders', null, ALLOWED.reminderLog);
			return claimReminders(db, on, items);
		},
		async updateApproaching(source, on, employeeIds, access) {
			await mustBeAllowed(db, keys, access, 'updateApproaching', null, ALLOWED.reminderLog);
			return updateApproaching(db, source, on, employeeIds);
		},
		cockpitScope: (access) => cockpitScope(db, keys, access),
		// health data: sealed, process or officers only, every call logged (core/store/auPeriods.ts)
		auPeriods: (source, access) => loadAuPeriods(db, keys, cipher, source, access),
		saveAuPeriods: (source, syncedAt, change, access) =>
			saveAuPeriods(db, keys, cipher, source, syncedAt, change, access),
		clearAuPeriods: (prefix, access) => clearAuPeriods(db, keys, prefix, access),
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
			const ended = await db.all<EventDataRow>(
				`SELECT e.case_id, e.seq, e.type, e.on_day, e.data FROM bem_events e JOIN bem_cases c ON c.id = e.case_id
				 WHERE e.type IN ('employment_ended', 'event_voided') AND c.outcome = 'completed' AND c.closed_on >= ? AND c.closed_on <= ?
				 ORDER BY e.case_id, e.seq`,
				[window.from, window.to],
			);
			const byCase = new Map<string, RecordedEvent[]>();
			for (const e of ended)
				byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), toRecorded(e)]);
			// an employment end voided as recorded in error does not count
			const endedOn = new Map<string, string[]>();
			for (const [caseId, list] of byCase)
				endedOn.set(
					caseId,
					eventsInForce(list).map((e) => e.on),
				);
			return computeKpis(cohort, observed, later, endedOn, minCell);
		},

		measureCatalogue: () => catalogue.entries.map((e) => ({ ...e })),
		findMeasures: (q, access) => findMeasures(db, keys, q, access),
		setOwner: (o) => setOwner(db, keys, o),
		removeOwner: (o) => removeOwner(db, keys, o),
		owners: (q, access) => owners(db, keys, q, access),

		close: () => db.close(),
	};
}

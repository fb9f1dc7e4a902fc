import { accessLog, checkAccess, logAccess, STORE_WIDE } from './access';
import { caseEvents, caseVoids, toAuditEvent } from './audit';
import type { FreeTextCipher } from './crypto';
import { auPeriodsOf } from './auPeriods';
import { allGrantsOf, denied } from './grants';
import { openCaseSchema, parse } from './input';
import type { AuditKeys } from './ledger';
import { readLetters } from './letters';
import { approachingOf, remindersOf } from './reminders';
import { ALLOWED } from './roles';
import { rowToCase, type CaseRow } from './rows';
import type { SqlDb } from './sql/db';
import type { Access, SubjectAccessExport } from './types';
import { workPatternsOf } from './workPatterns';

// The employee's right of access (Art. 15 DSGVO; case-file.md, "The employee's rights"): everything
// the BEM file holds on them, in one answer. Only a BEM officer or deputy may give it, store-wide or
// on every one of the employee's cases; the export is logged on each case it reads.
// Besides the cases: the approaching set, the reminders sent about their cases and the HRIS caches
// (work patterns, AU periods decrypted), all keyed by the employee. Left out, as they hold nothing on
// the employee: the owner directory (owners), the ledger (MACs of rows already exported), the HRIS
// read times (per source), grants (each grant and revocation is a row of the case's access log).

/** 2: approaching, reminders and hrisCache */
export const SUBJECT_ACCESS_EXPORT_VERSION = 2;
const ACTION = 'subjectAccessExport';

export async function subjectAccessExport(
	db: SqlDb,
	keys: AuditKeys,
	cipher: FreeTextCipher,
	employeeId: string,
	access: Access,
): Promise<SubjectAccessExport> {
	const id = parse(openCaseSchema.shape.employeeId, employeeId, 'employeeId');
	const who = checkAccess(access);
	const needed = ALLOWED.subjectAccessExport;
	const outcome = await db.tx(
		async (t) => {
			const rows = await t.all<CaseRow>(
				'SELECT * FROM bem_cases WHERE employee_id = ? ORDER BY opened_on, id',
				[id],
			);
			const officerOn = new Set(
				(await allGrantsOf(t, who.actor))
					.filter((g) => needed.includes(g.role))
					.map((g) => g.caseId),
			);
			// case roles only: they must cover every case, and an employee without cases is no case of theirs
			const allowed =
				officerOn.has(null) || (rows.length > 0 && rows.every((r) => officerOn.has(r.id)));
			if (!allowed) return null;
			const cases = [];
			for (const row of rows) {
				const voids = await caseVoids(t, row.id);
				cases.push({
					case: rowToCase(row),
					events: (await caseEvents(t, row.id)).map((e) => toAuditEvent(e, cipher, voids)),
					// the PDF copy as sent, base64: the employee may ask for a copy of the letter itself
					letters: (await readLetters(t, cipher, row.id)).map((l) => ({
						id: l.id,
						kind: l.kind,
						on: l.on,
						subject: l.subject,
						text: l.text,
						pdfBase64: l.pdf === null ? null : l.pdf.toString('base64'),
					})),
					// read before this export is logged: the log as it stood when asked
					accessLog: await accessLog(t, row.id),
				});
			}
			const rest = {
				approaching: await approachingOf(t, id),
				reminders: await remindersOf(
					t,
					rows.map((r) => r.id),
				),
				hrisCache: {
					workPatterns: await workPatternsOf(t, id),
					auPeriods: await auPeriodsOf(t, cipher, id),
				},
			};
			// an employee without cases: the answer (nothing, or only the caches) is a read too, logged store-wide
			const read = rows.length ? rows.map((r) => r.id) : [STORE_WIDE];
			await logAccess(t, db.dialect, keys, read, who, ACTION);
			return { cases, ...rest };
		},
		{ read: true },
	);
	// the refusal names no case: it must not tell which cases the employee has
	if (!outcome) throw await denied(db, keys, who, ACTION, null, needed);
	return {
		version: SUBJECT_ACCESS_EXPORT_VERSION,
		exportedAt: new Date().toISOString(),
		employeeId: id,
		cases: outcome.cases,
		approaching: outcome.approaching,
		reminders: outcome.reminders,
		hrisCache: outcome.hrisCache,
	};
}

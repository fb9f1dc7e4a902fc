import { randomUUID } from 'crypto';

import { letterPart, type FreeTextCipher } from './crypto';
import { BemStoreError } from './errors';
import { letterSchema, parse } from './input';
import { appendLedger, letterDigest, type AuditKeys, type LetterRowFields } from './ledger';
import type { SqlDb, SqlRunner } from './sql/db';
import type { ArchivedLetter, ArchiveLetterInput } from './types';

// Copies of the letters sent (the BEM file must hold them). Subject, text, HTML and PDF are sealed:
// the letters name the employee. The same idempotency key archives once.

type LetterRow = LetterRowFields;

export async function archiveLetter(
	db: SqlDb,
	keys: AuditKeys,
	cipher: FreeTextCipher,
	caseId: string,
	input: ArchiveLetterInput,
): Promise<{ id: string; created: boolean }> {
	const l = parse(letterSchema, input, 'archiveLetter');
	const [exists] = await db.all('SELECT id FROM bem_cases WHERE id = ?', [caseId]);
	if (!exists)
		throw new BemStoreError(
			'BEM_CASE_NOT_FOUND',
			`No BEM case ${caseId} to archive the letter in`,
			'caseId',
		);
	const id = randomUUID();
	const key = l.idempotencyKey ?? null;
	const row: LetterRowFields = {
		id,
		case_id: caseId,
		kind: l.kind,
		on_day: l.on,
		actor: l.actor,
		recorded_at: new Date().toISOString(),
		workflow_id: l.context?.workflowId ?? null,
		execution_id: l.context?.executionId ?? null,
		subject: cipher.seal(l.subject, caseId, letterPart(id, 'subject')),
		body: cipher.seal(l.text, caseId, letterPart(id, 'body')),
		html: l.html === undefined ? null : cipher.seal(l.html, caseId, letterPart(id, 'html')),
		pdf: l.pdf === undefined ? null : cipher.sealBytes(l.pdf, caseId, letterPart(id, 'pdf')),
		idempotency_key: key,
	};
	const inserted = await db.tx(async (t) => {
		const n = await t.run(
			`INSERT INTO bem_letters (id, case_id, kind, on_day, actor, recorded_at, workflow_id, execution_id, subject, body, html, pdf, idempotency_key)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			[
				row.id,
				row.case_id,
				row.kind,
				row.on_day,
				row.actor,
				row.recorded_at,
				row.workflow_id,
				row.execution_id,
				row.subject,
				row.body,
				row.html,
				row.pdf,
				row.idempotency_key,
			],
		);
		if (n > 0)
			await appendLedger(t, db.dialect, keys, [
				{ kind: 'letter', caseId, ref: id, digest: letterDigest(keys, row) },
			]);
		return n;
	});
	if (inserted > 0) return { id, created: true };
	const [prior] = await db.all<{ id: string }>(
		'SELECT id FROM bem_letters WHERE case_id = ? AND idempotency_key = ?',
		[caseId, key],
	);
	return { id: prior.id, created: false };
}

export async function readLetters(
	t: SqlRunner,
	cipher: FreeTextCipher,
	caseId: string,
): Promise<ArchivedLetter[]> {
	const rows = await t.all<LetterRow>(
		'SELECT * FROM bem_letters WHERE case_id = ? ORDER BY on_day, recorded_at',
		[caseId],
	);
	return rows.map((r) => ({
		id: r.id,
		caseId: r.case_id,
		kind: r.kind,
		on: r.on_day,
		actor: r.actor,
		recordedAt: r.recorded_at,
		workflowId: r.workflow_id,
		executionId: r.execution_id,
		subject: cipher.open(r.subject, caseId, letterPart(r.id, 'subject')),
		text: cipher.open(r.body, caseId, letterPart(r.id, 'body')),
		html: r.html === null ? null : cipher.open(r.html, caseId, letterPart(r.id, 'html')),
		pdf:
			r.pdf === null ? null : cipher.openBytes(Buffer.from(r.pdf), caseId, letterPart(r.id, 'pdf')),
	}));
}

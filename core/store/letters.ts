import { randomUUID } from 'crypto';

import type { FreeTextCipher } from './crypto';
import { BemStoreError } from './errors';
import { letterSchema, parse } from './input';
import type { SqlDb, SqlRunner } from './sql/db';
import type { ArchivedLetter, ArchiveLetterInput } from './types';

// Copies of the letters sent (the BEM file must hold them). Subject, text, HTML and PDF are sealed:
// the letters name the employee. The same idempotency key archives once.

interface LetterRow {
	id: string;
	case_id: string;
	kind: string;
	on_day: string;
	actor: string;
	recorded_at: string;
	workflow_id: string | null;
	execution_id: string | null;
	subject: string;
	body: string;
	html: string | null;
	pdf: Buffer | null;
}

export async function archiveLetter(
	db: SqlDb,
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
	const inserted = await db.run(
		`INSERT INTO bem_letters (id, case_id, kind, on_day, actor, recorded_at, workflow_id, execution_id, subject, body, html, pdf, idempotency_key)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		[
			id,
			caseId,
			l.kind,
			l.on,
			l.actor,
			new Date().toISOString(),
			l.context?.workflowId ?? null,
			l.context?.executionId ?? null,
			cipher.seal(l.subject, caseId),
			cipher.seal(l.text, caseId),
			l.html === undefined ? null : cipher.seal(l.html, caseId),
			l.pdf === undefined ? null : cipher.sealBytes(l.pdf, caseId),
			key,
		],
	);
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
		subject: cipher.open(r.subject, caseId),
		text: cipher.open(r.body, caseId),
		html: r.html === null ? null : cipher.open(r.html, caseId),
		pdf: r.pdf === null ? null : cipher.openBytes(Buffer.from(r.pdf), caseId),
	}));
}

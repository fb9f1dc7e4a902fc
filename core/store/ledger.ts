import { createHash, createHmac } from 'crypto';

import { deriveKey } from './keys';
import type { SqlRunner } from './sql/db';

// The store-wide ledger: one keyed chain over every piece of evidence (events, letters, access rows,
// purges, and the v1 heads re-anchored at migration). Each case's chain shows what was changed inside
// it; the ledger shows what went missing: a removed last event, a rewound head, a deleted case or access
// row. Cases appear under a keyed tag, never their id, so a purge removes the case and the ledger stays.

export type LedgerKind = 'event' | 'letter' | 'access' | 'purge' | 'v1';

export interface LedgerRow {
	shard: number;
	n: number;
	kind: LedgerKind;
	subject: string;
	ref: string;
	digest: string;
	mac: string;
}

export const LEDGER_GENESIS = '0'.repeat(64);

/** The keyed MACs of the audit: derived from the store key, so nobody without it can recompute a chain. */
export class AuditKeys {
	private readonly key: Buffer;
	constructor(secret: string) {
		this.key = deriveKey(secret, 'bem-store-audit-v1');
	}
	mac(parts: unknown[]): string {
		return createHmac('sha256', this.key).update(JSON.stringify(parts)).digest('hex');
	}
	/** the case's pseudonym in the ledger */
	tag(caseId: string): string {
		return this.mac(['case', caseId]);
	}
	ledgerMac(prev: string, r: Omit<LedgerRow, 'mac'>): string {
		return this.mac([prev, Number(r.shard), Number(r.n), r.kind, r.subject, r.ref, r.digest]);
	}
}

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * The ledger is split in shards by case tag, each its own keyed chain with its own head row: a case
 * always lands in the same shard, so its evidence is in one chain, while writers on other cases rarely
 * wait for the same head (one head for the whole store made every write of every case take turns).
 */
export const LEDGER_SHARDS = 16;
export const shardOf = (subject: string) => parseInt(subject.slice(0, 4), 16) % LEDGER_SHARDS;
const ROWS_PER_INSERT = 500;

/** Appends entries under their shards' head row locks (PostgreSQL: FOR UPDATE, in shard order; SQLite: the write lock). */
export async function appendLedger(
	t: SqlRunner,
	dialect: 'sqlite' | 'postgres',
	keys: AuditKeys,
	entries: Array<{ kind: LedgerKind; caseId: string; ref: string; digest: string }>,
): Promise<void> {
	const byShard = new Map<number, Array<Omit<LedgerRow, 'n' | 'mac'>>>();
	for (const e of entries) {
		const subject = keys.tag(e.caseId);
		const shard = shardOf(subject);
		byShard.set(shard, [
			...(byShard.get(shard) ?? []),
			{ shard, kind: e.kind, subject, ref: e.ref, digest: e.digest },
		]);
	}
	for (const shard of [...byShard.keys()].sort((a, b) => a - b)) {
		const [head] = await t.all<{ n: number; mac: string }>(
			`SELECT n, mac FROM bem_ledger_head WHERE id = ?${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
			[shard],
		);
		let n = Number(head.n);
		let prev = head.mac;
		const values: unknown[][] = [];
		for (const e of byShard.get(shard) ?? []) {
			const row = { ...e, n: ++n };
			prev = keys.ledgerMac(prev, row);
			values.push([shard, row.n, row.kind, row.subject, row.ref, row.digest, prev]);
		}
		for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
			const chunk = values.slice(i, i + ROWS_PER_INSERT);
			const last = i + ROWS_PER_INSERT >= values.length;
			const insert = `INSERT INTO bem_ledger (shard, n, kind, subject, ref, digest, mac) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
			if (last && dialect === 'postgres') {
				// the head moves in the same statement: one round trip while the head row is locked
				await t.run(
					`WITH moved AS (UPDATE bem_ledger_head SET n = ?, mac = ? WHERE id = ?) ${insert}`,
					[n, prev, shard, ...chunk.flat()],
				);
			} else await t.run(insert, chunk.flat());
		}
		if (dialect !== 'postgres')
			await t.run('UPDATE bem_ledger_head SET n = ?, mac = ? WHERE id = ?', [n, prev, shard]);
	}
}

export interface AccessRowFields {
	case_id: string;
	at: string;
	actor: string;
	purpose: string;
	action: string;
	workflow_id: string | null;
	execution_id: string | null;
}
/** an access-log row's values in column order (the INSERT's and the digest's) */
export const accessValues = (r: AccessRowFields) => [
	r.case_id,
	r.at,
	r.actor,
	r.purpose,
	r.action,
	r.workflow_id,
	r.execution_id,
];
export const accessDigest = (keys: AuditKeys, r: AccessRowFields) =>
	keys.mac(['access', ...accessValues(r)]);

export interface LetterRowFields {
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
	idempotency_key: string | null;
}
export const letterDigest = (keys: AuditKeys, r: LetterRowFields) =>
	keys.mac([
		'letter',
		r.id,
		r.case_id,
		r.kind,
		r.on_day,
		r.actor,
		r.recorded_at,
		r.workflow_id,
		r.execution_id,
		r.subject,
		r.body,
		r.html,
		r.pdf === null ? null : sha256(Buffer.from(r.pdf)),
		r.idempotency_key,
	]);

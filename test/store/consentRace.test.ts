// A talk record names its participants within the employee's consent (case-file.md "Consent"). The
// consent it is checked against must be the one in force when the talk is written: here a withdrawal
// lands right after the talk's consent read (a database wrapper runs it there, so the race is not left
// to timing), and the talk must then be refused, not written after the withdrawal.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { BemStore } from '../../core';
import { openSqlite } from '../../core/store/sql/sqlite';
import type { SqlDb } from '../../core/store/sql/db';
import { createStore } from '../../core/store/store';
import { KEY, TEST_ROLES } from './backends';
import { caseInProgress } from './cases';

const officer = 'test:hr';
const CONSENT_READ = /type IN \('consent_given', 'consent_withdrawn'/;

describe('a talk record racing the withdrawal of the consent it names', () => {
	let dir: string;
	let db: SqlDb;
	let store: BemStore;
	/** set by the test: runs once, right after the next consent read */
	let afterConsentRead: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'bem-consent-race-'));
		db = openSqlite(join(dir, 'bem.sqlite'));
		const wrapped: SqlDb = Object.create(db, {
			all: {
				value: async (sql: string, params?: readonly unknown[]) => {
					const rows = await db.all(sql, params);
					const hook = afterConsentRead;
					if (hook && CONSENT_READ.test(sql)) {
						afterConsentRead = undefined;
						await hook();
					}
					return rows;
				},
			},
		});
		store = await createStore(wrapped, {
			kind: 'sqlite',
			path: join(dir, 'bem.sqlite'),
			encryptionKey: KEY,
			roles: TEST_ROLES,
		});
	});

	afterAll(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	const ev = (id: string, type: string, on: string, data?: Record<string, unknown>) =>
		store.recordEvent(id, { type: type as never, on, actor: officer, data });

	it('is refused with BEM_CONSENT_REQUIRED when the withdrawal lands after its consent read', async () => {
		const c = await caseInProgress(store, { employeeId: 'RACE-1', actor: officer });
		afterConsentRead = async () => {
			await ev(c.id, 'consent_withdrawn', '2026-03-10');
		};
		await expect(
			ev(c.id, 'case_conference_held', '2026-03-10', { participants: ['works_council'] }),
		).rejects.toMatchObject({ code: 'BEM_CONSENT_REQUIRED', field: 'data.participants' });
		expect(afterConsentRead).toBeUndefined(); // the withdrawal did run in between
		const trail = await store.auditTrail(c.id, { actor: officer, purpose: 'race check' });
		expect(trail.map((e) => e.type).slice(-2)).toEqual(['first_talk_held', 'consent_withdrawn']);
		expect(await store.verifyAudit(c.id)).toMatchObject({ ok: true });
	});
});

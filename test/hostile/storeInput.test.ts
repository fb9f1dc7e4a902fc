// Hostile input at the store's boundary, on both backends: lone UTF-16 surrogates (item 15), sizes,
// list lengths and implausible dates (item 13). Each is refused with an error naming the field, and
// nothing is written: the audit chain verifies afterwards.
import type { BemStore } from '../../core';
import { postgresBackend, sqliteBackend, type Backend } from '../store/backends';

const who = { actor: 'test:hr', purpose: 'hostile test' };

async function refusal(p: Promise<unknown>): Promise<Record<string, unknown>> {
	try {
		await p;
	} catch (error) {
		return error as Record<string, unknown>;
	}
	throw new Error('expected a refusal, but the call succeeded');
}

describe.each([
	['sqlite', async () => sqliteBackend()],
	['postgres', postgresBackend],
] as const)('BEM store, hostile input: %s', (name, make) => {
	let backend: Backend;
	let store: BemStore;
	let n = 0;
	const open = async () =>
		(
			await store.openCase({
				employeeId: `EMP-H-${name}-${++n}`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: 'a',
			})
		).case;
	beforeAll(async () => {
		backend = await make();
		store = await backend.open();
	});
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});

	it('refuses lone surrogates in ids and text, naming the field, and writes nothing', async () => {
		const c = await open();
		const lone = 'Gespr\uD800ch';
		const cases: Array<[Promise<unknown>, string]> = [
			[
				store.openCase({
					employeeId: `E\uDC00-${name}`,
					reachedOn: '2026-02-27',
					reason: 'continuous',
					on: '2026-03-01',
					actor: 'a',
				}),
				'employeeId',
			],
			[store.recordEvent(c.id, { type: 'note_added', on: '2026-03-02', actor: lone }), 'actor'],
			[
				store.recordEvent(c.id, {
					type: 'note_added',
					on: '2026-03-02',
					actor: 'a',
					data: { note: lone },
				}),
				'data.note',
			],
			[
				store.recordEvent(c.id, {
					type: 'note_added',
					on: '2026-03-02',
					actor: 'a',
					data: { channel: ['mail', lone] },
				}),
				'data.channel.1',
			],
			[
				store.recordEvent(c.id, {
					type: 'note_added',
					on: '2026-03-02',
					actor: 'a',
					data: { [lone]: 'x' },
				}),
				'data',
			],
			[
				store.recordEvent(`${c.id}\uD800`, { type: 'note_added', on: '2026-03-02', actor: 'a' }),
				'caseId',
			],
			[store.getCase(`\uDBFF${c.id}`, who), 'caseId'],
			[
				store.archiveLetter(c.id, {
					kind: 'first',
					on: '2026-03-02',
					actor: 'a',
					subject: 's',
					text: lone,
				}),
				'text',
			],
			[store.auditTrail(c.id, { actor: 'hr', purpose: lone }), 'purpose'],
		];
		for (const [call, field] of cases) {
			const e = await refusal(call);
			expect({ field: e.field, code: e.code }).toEqual({ field, code: 'BEM_INVALID_INPUT' });
			expect(e.message).toMatch(/lone UTF-16 surrogate/);
			expect(e.message).not.toContain('Gespr');
		}
		// a proper pair (an emoji, a CJK extension character) is well-formed text and stays
		await store.recordEvent(c.id, {
			type: 'note_added',
			on: '2026-03-02',
			actor: 'a',
			data: { note: 'ok 😀 𠀀' },
		});
		expect((await store.getCase(c.id, who))?.version).toBe(2);
		expect((await store.letters(c.id, who)).length).toBe(0);
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	});

	it('bounds event data, lists, PDFs and audit-trail pages, naming the field', async () => {
		const c = await open();
		const note = (data: Record<string, unknown>) =>
			store.recordEvent(c.id, { type: 'note_added', on: '2026-03-02', actor: 'a', data });
		const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, i]));
		const big = { note: 'x'.repeat(99_000), summary: 'y'.repeat(99_000), text: 'z'.repeat(99_000) };
		const checks: Array<[Promise<unknown>, string, RegExp]> = [
			[note(many), 'data', /more than 50 fields/],
			[note({ channel: Array(101).fill('a') }), 'data.channel', /more than 100 entries/],
			[note(big), 'data', /larger than 256 KB/],
			[
				store.archiveLetter(c.id, {
					kind: 'first',
					on: '2026-03-02',
					actor: 'a',
					subject: 's',
					text: 't',
					pdf: Buffer.alloc(10 * 1024 * 1024 + 1),
				}),
				'pdf',
				/at most 10 MB/,
			],
			[store.auditTrail(c.id, who, { limit: 1001 }), 'limit', /at most 1000 events per call/],
		];
		for (const [call, field, message] of checks)
			expect(await refusal(call)).toMatchObject({ code: 'BEM_INVALID_INPUT', field, message });
		expect((await store.getCase(c.id, who))?.version).toBe(1);
		await note({ channel: Array(100).fill('a') });
		await note({ channel: 'mail' });
		const page = await store.auditTrail(c.id, who, { fromSeq: 2, limit: 1 });
		expect(page.map((e) => e.seq)).toEqual([2]);
		expect((await store.auditTrail(c.id, who)).map((e) => e.seq)).toEqual([1, 2, 3]);
	});

	it('refuses implausible dates (before 1990, more than 2 years ahead), naming the field', async () => {
		const c = await open();
		const ahead = new Date();
		ahead.setUTCFullYear(ahead.getUTCFullYear() + 2, ahead.getUTCMonth(), ahead.getUTCDate() + 2);
		const far = ahead.toISOString().slice(0, 10);
		const checks: Array<[Promise<unknown>, string]> = [
			[store.recordEvent(c.id, { type: 'invitation_sent', on: '1989-12-31', actor: 'a' }), 'on'],
			[store.recordEvent(c.id, { type: 'invitation_sent', on: far, actor: 'a' }), 'on'],
			[
				store.openCase({
					employeeId: `E-date-${name}`,
					reachedOn: '1900-01-01',
					reason: 'continuous',
					on: '2026-03-01',
					actor: 'a',
				}),
				'reachedOn',
			],
			[
				store.findCases({ replyOverdueOn: '2999-01-01' }, { actor: 'test', purpose: 'test' }),
				'replyOverdueOn',
			],
			[store.kpis({ from: '1970-01-01', to: '2026-12-31' }), 'kpis from'],
		];
		for (const [call, field] of checks)
			expect(await refusal(call)).toMatchObject({
				code: 'BEM_INVALID_INPUT',
				field,
				message: expect.stringMatching(
					/must be a plausible date, from 1990-01-01 to \d{4}-\d{2}-\d{2}/,
				),
			});
		expect((await store.getCase(c.id, who))?.version).toBe(1);
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	});

	it('verifyAudit reports every broken case, not only the first', async () => {
		const a = await open();
		const b = await open();
		const intact = await open();
		for (const c of [a, b, intact])
			await store.recordEvent(c.id, { type: 'invitation_sent', on: '2026-03-02', actor: 'a' });
		await backend.exec(
			name === 'postgres'
				? 'ALTER TABLE bem_events DISABLE TRIGGER USER'
				: 'DROP TRIGGER IF EXISTS bem_events_append_only',
		);
		for (const c of [a, b])
			await backend.exec(
				`UPDATE bem_events SET on_day = '2026-03-09' WHERE case_id = '${c.id}' AND seq = 2`,
			);
		const result = await store.verifyAudit();
		const broken = [a.id, b.id].sort();
		expect(result.ok).toBe(false);
		expect(result.broken?.map((x) => x.caseId)).toEqual(broken);
		expect(result.broken?.every((x) => x.seq === 2)).toBe(true);
		expect(result.brokenAt).toEqual(result.broken?.[0]);
		expect(await store.verifyAudit(intact.id)).toMatchObject({ ok: true });
	});
});

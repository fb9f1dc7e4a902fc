// A probe: 200+ hostile inputs at the store API (SQL fragments, 1 MB strings, NUL and RTL characters,
// lone surrogates, wrong types, unknown event types and fields, prototype keys). Each must be refused
// with a clear error (a code and a field, no value echoed), change nothing, and leave the chain verifying.
import type { BemStore } from '../../core';
import { postgresBackend, sqliteBackend, TEST_READER, type Backend } from '../store/backends';

const MARK = 'PROBEVALUE';
const strings = [
	`${MARK}' OR '1'='1`,
	`${MARK}'; DROP TABLE bem_events; --`,
	`${MARK}" UNION SELECT * FROM bem_cases --`,
	`${MARK}\u0000nul`,
	`${MARK}\u202Ertl\u202C`,
	`${MARK}\uD800`,
	`${MARK}${'x'.repeat(1024 * 1024)}`,
	`${MARK}%s%n`,
];
const wrongTypes: unknown[] = [null, 42, true, [], {}, () => 1, Symbol('s'), 10n];
const protoKeys = ['__proto__', 'constructor', 'prototype'];

interface Probe {
	name: string;
	call: (s: BemStore, caseId: string) => Promise<unknown>;
}

function probes(): Probe[] {
	const list: Probe[] = [];
	const add = (name: string, call: Probe['call']) => list.push({ name, call });
	const event = (e: Record<string, unknown>) => (s: BemStore, id: string) =>
		s.recordEvent(id, { type: 'note_added', on: '2026-03-02', actor: 'test', ...e } as never);
	for (const v of [...strings, ...wrongTypes]) {
		add(`recordEvent type ${String(typeof v)}`, event({ type: v }));
		add(`recordEvent on ${String(typeof v)}`, event({ on: v }));
		add(
			`recordEvent actor ${String(typeof v)}`,
			event({ actor: typeof v === 'string' && v.length < 300 && !v.includes('\uD800') ? '' : v }),
		);
		add(`recordEvent data.channel ${String(typeof v)}`, event({ data: { channel: v, mood: 1 } }));
		add(
			`recordEvent data unknown field`,
			event({ data: { [typeof v === 'string' ? v.slice(0, 80) : 'x']: v } }),
		);
		add(
			`recordEvent idempotencyKey`,
			event({ idempotencyKey: typeof v === 'string' ? `${v}${'k'.repeat(300)}` : v }),
		);
		add(`recordEvent caseId`, (s) =>
			s.recordEvent(v as never, { type: 'note_added', on: '2026-03-02', actor: 'test' }),
		);
		add(`openCase employeeId`, (s) =>
			s.openCase({
				employeeId: typeof v === 'string' ? `${v}${'e'.repeat(300)}` : v,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: 'test',
			} as never),
		);
		add(`openCase reason`, (s) =>
			s.openCase({
				employeeId: 'PROBE-NEW',
				reachedOn: '2026-02-27',
				reason: v,
				on: '2026-03-01',
				actor: 'test',
			} as never),
		);
		// an actor is free text: any well-formed text is a name; what the database cannot keep is refused
		if (typeof v !== 'string' || /[\u0000\uD800]/.test(v))
			add(`getCase access`, (s, id) => s.getCase(id, { actor: v, purpose: 'p' } as never));
		add(`findCases state`, (s) => s.findCases({ state: v } as never, TEST_READER));
		add(`auditTrail page ${String(typeof v)} ${Array.isArray(v)}`, (s, id) =>
			s.auditTrail(id, { actor: 'a', purpose: 'p' }, {
				fromSeq: typeof v === 'number' ? -v : v,
			} as never),
		);
		add(`kpis from`, (s) => s.kpis({ from: v, to: '2026-03-31' } as never));
		add(`archiveLetter kind`, (s, id) =>
			s.archiveLetter(id, {
				kind: v,
				on: '2026-03-02',
				actor: 'a',
				subject: 's',
				text: 't',
			} as never),
		);
	}
	for (const key of protoKeys) {
		add(`data ${key}`, event({ data: JSON.parse(`{"${key}": {"polluted": "${MARK}"}}`) }));
		add(`event ${key}`, (s, id) =>
			s.recordEvent(
				id,
				JSON.parse(`{"type":"note_added","on":"2026-03-02","actor":"p","${key}":{"x":1}}`),
			),
		);
		add(`query ${key}`, (s) =>
			s.findCases(JSON.parse(`{"${key}": {"state": "open"}}`), TEST_READER),
		);
	}
	for (const type of ['case_opened', 'diagnosis_recorded', 'event_voided', 'DROP', ''])
		add(
			`event type ${type}`,
			event({ type, data: type === 'event_voided' ? { seq: 1, reason: MARK } : undefined }),
		);
	add('circular data', (s, id) => {
		const data: Record<string, unknown> = { channel: 'x' };
		data.self = data;
		return event({ data })(s, id);
	});
	add('void of a missing event', event({ type: 'event_voided', data: { seq: 999, reason: MARK } }));
	add('dates backwards', event({ on: '2026-02-01' }));
	add('kpis rolling period', (s) => s.kpis({ from: '2025-02-01', to: '2026-01-31' }));
	return list;
}

describe.each([
	['SQLite', async () => sqliteBackend()],
	['PostgreSQL', postgresBackend],
] as Array<[string, () => Promise<Backend>]>)('store probe on %s', (_name, backendOf) => {
	let backend: Backend;
	let store: BemStore;
	beforeAll(async () => {
		backend = await backendOf();
		store = await backend.open();
	}, 60000);
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});

	it('refuses 200+ hostile inputs clearly, changes nothing, and the chain verifies', async () => {
		const { case: c } = await store.openCase({
			employeeId: 'PROBE-1',
			reachedOn: '2026-02-27',
			reason: 'continuous',
			on: '2026-03-01',
			actor: 'test',
		});
		await store.recordEvent(c.id, {
			type: 'note_added',
			on: '2026-03-02',
			actor: 'test',
			data: { note: 'n' },
		});
		const count = async () => ({
			cases: await backend.exec('SELECT id, state, version, head_hash FROM bem_cases ORDER BY id'),
			events: await backend.exec('SELECT count(*) AS n FROM bem_events'),
			letters: await backend.exec('SELECT count(*) AS n FROM bem_letters'),
		});
		const before = await count();
		const all = probes();
		expect(all.length).toBeGreaterThanOrEqual(200);
		const unclear: string[] = [];
		for (const p of all) {
			let error: unknown;
			try {
				await p.call(store, c.id);
			} catch (e) {
				error = e;
			}
			const e = error as { code?: string; field?: string; message?: string } | undefined;
			if (!e || !e.code || !/^BEM_/.test(e.code) || !e.message || e.message.includes(MARK))
				unclear.push(
					`${p.name}: ${e ? `${e.code} ${String(e.message).slice(0, 120)}` : 'accepted'}`,
				);
			else if (e.code === 'BEM_INVALID_INPUT' && !e.field) unclear.push(`${p.name}: no field`);
		}
		expect(unclear).toEqual([]);
		expect(await count()).toEqual(before);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	}, 120000);
});

// The contract's part for deadlines that hold in court (case-file.md "Order, corrections and the
// count's restart"): reply periods from receipt, each case's own German state, the deferral's bound and
// stale cases; run by storeContract on every backend.
import type { BemStore, EventInput } from '../../core';
import type { Backend } from './backends';
import { refused } from './contract.corrections';

const who = { actor: 'test:hr', purpose: 'contract test: deadlines' };

export function deadlinesContract(ctx: () => { store: BemStore; backend: Backend }): void {
	let n = 0;
	const store = () => ctx().store;
	const open = async (extra: { holidayState?: string; on?: string } = {}, s = store()) =>
		(
			await s.openCase({
				employeeId: `DL-${ctx().backend.name}-${++n}`,
				reachedOn: extra.on ?? '2026-02-27',
				reason: 'continuous',
				on: '2026-03-01',
				actor: 'test:workflow',
				...extra,
			})
		).case;
	const ev = (id: string, type: string, on: string, data?: Record<string, unknown>, s = store()) =>
		s.recordEvent(id, { type: type as EventInput['type'], on, actor: 'test:workflow', data });
	const due = async (on: string, data?: Record<string, unknown>, s = store()) =>
		(await ev((await open({}, s)).id, 'invitation_sent', on, data, s)).replyDueOn;

	describe('reply deadlines from receipt', () => {
		it('an e-mail or a letter by hand is received the day it is sent', async () => {
			expect(await due('2026-03-02', { channel: 'email' })).toBe('2026-03-16');
			expect(await due('2026-03-02', { channel: 'hand' })).toBe('2026-03-16');
			// no channel recorded: as before channels were, received the day it was sent
			expect(await due('2026-03-02')).toBe('2026-03-16');
		});

		it('a posted letter counts as received 3 working days after posting, then 14 days', async () => {
			// Fri 6 Mar → Mon, Tue, Wed: received Wed 11 Mar, due Wed 25 Mar
			expect(await due('2026-03-06', { channel: 'letter' })).toBe('2026-03-25');
			// Thu 2 Apr: Good Friday and Easter Monday are no working days → received Thu 9 Apr
			expect(await due('2026-04-02', { channel: 'letter' })).toBe('2026-04-23');
		});

		it('a known delivery day counts instead, and is never before the letter was sent', async () => {
			expect(await due('2026-03-06', { channel: 'letter', deliveredOn: '2026-03-09' })).toBe(
				'2026-03-23',
			);
			const c = await open();
			const error = await refused(
				ev(c.id, 'invitation_sent', '2026-03-06', { channel: 'letter', deliveredOn: '2026-03-05' }),
			);
			expect(error).toMatchObject({ code: 'BEM_TRANSITION_REFUSED' });
			expect(error.message).toMatch(/data\.deliveredOn/);
			expect(error.message).not.toMatch(/2026-03-05/);
			expect(await store().getCase(c.id, who)).toMatchObject({ state: 'open', version: 1 });
		});

		it('refuses an unknown channel naming the field, not the value, and writes nothing', async () => {
			const c = await open();
			const error = await refused(ev(c.id, 'invitation_sent', '2026-03-06', { channel: 'fax' }));
			expect(error).toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'data.channel' });
			expect(error.message).not.toMatch(/fax/);
			expect(await store().getCase(c.id, who)).toMatchObject({ state: 'open', version: 1 });
		});

		it('the second invitation runs from its receipt too', async () => {
			const c = await open();
			await ev(c.id, 'invitation_sent', '2026-03-02', { channel: 'email' });
			// posted Tue 17 Mar → received Fri 20 Mar; + 14 = Good Friday 3 Apr, Easter Monday → Tue 7 Apr
			expect(
				(await ev(c.id, 'second_invitation_sent', '2026-03-17', { channel: 'letter' })).replyDueOn,
			).toBe('2026-04-07');
		});

		it('postalDays is a store option', async () => {
			const s = await ctx().backend.open({ postalDays: 1 });
			try {
				expect(await due('2026-03-06', { channel: 'letter' }, s)).toBe('2026-03-23');
			} finally {
				await s.close();
			}
			await expect(ctx().backend.open({ postalDays: -1 })).rejects.toMatchObject({
				field: 'postalDays',
			});
		});
	});

	describe("each case's German state", () => {
		it("rolls the case's deadlines past its own state's holidays, not the store's", async () => {
			const bavarian = await open({ holidayState: 'BY' });
			expect(bavarian.holidayState).toBe('BY');
			// 23 Dec + 14 = 6 Jan, Epiphany: a holiday in Bavaria only
			expect((await ev(bavarian.id, 'invitation_sent', '2026-12-23')).replyDueOn).toBe(
				'2027-01-07',
			);
			const plain = await open();
			expect(plain).not.toHaveProperty('holidayState');
			expect((await ev(plain.id, 'invitation_sent', '2026-12-23')).replyDueOn).toBe('2027-01-06');
			expect(await store().getCase(bavarian.id, who)).toMatchObject({ holidayState: 'BY' });
			const [listed] = (await store().findCases({ employeeId: bavarian.employeeId }, who)).filter(
				(x) => x.id === bavarian.id,
			);
			expect(listed.holidayState).toBe('BY');
		});

		it("counts a posted letter's working days in the case's state", async () => {
			// Mon 4 Jan 2027: Bavaria skips Epiphany (Wed 6) → received Fri 8 Jan; nationwide Thu 7 Jan
			const by = await open({ holidayState: 'BY' });
			const de = await open();
			const letter = { channel: 'letter' };
			expect((await ev(by.id, 'invitation_sent', '2027-01-04', letter)).replyDueOn).toBe(
				'2027-01-22',
			);
			expect((await ev(de.id, 'invitation_sent', '2027-01-04', letter)).replyDueOn).toBe(
				'2027-01-21',
			);
		});

		it('refuses a state that is no German state, naming the field, and opens nothing', async () => {
			const employeeId = `DL-${ctx().backend.name}-bad-state`;
			const error = await refused(
				store().openCase({
					employeeId,
					reachedOn: '2026-02-27',
					reason: 'continuous',
					on: '2026-03-01',
					actor: 'test:workflow',
					holidayState: 'XX',
				}),
			);
			expect(error).toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'holidayState' });
			expect(error.message).not.toMatch(/XX/);
			expect(await store().findCases({ employeeId }, who)).toEqual([]);
		});

		it('the state is part of the audit chain: changing it in the database is found', async () => {
			const c = await open({ holidayState: 'NW' });
			await ev(c.id, 'invitation_sent', '2026-03-02');
			expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
			const trail = await store().auditTrail(c.id, who);
			expect(trail[0].data).toEqual({
				reachedOn: '2026-02-27',
				reason: 'continuous',
				holidayState: 'NW',
			});
			const b = ctx().backend;
			await b.exec(`UPDATE bem_cases SET holiday_state = 'BY' WHERE id = '${c.id}'`);
			try {
				expect(await store().verifyAudit(c.id)).toMatchObject({ ok: false });
			} finally {
				await b.exec(`UPDATE bem_cases SET holiday_state = 'NW' WHERE id = '${c.id}'`);
			}
			expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
		});
	});

	describe('deferral and stale cases', () => {
		it('a deferral names a follow-up at most 6 months ahead, refused by field name otherwise', async () => {
			const c = await open();
			await ev(c.id, 'invitation_sent', '2026-03-02');
			const error = await refused(
				ev(c.id, 'reply_deferred', '2026-03-05', { followUpOn: '2026-09-06' }),
			);
			expect(error).toMatchObject({ code: 'BEM_TRANSITION_REFUSED' });
			expect(error.message).toMatch(/data\.followUpOn/);
			expect(error.message).not.toMatch(/2026-09-06/);
			expect(await store().getCase(c.id, who)).toMatchObject({ state: 'invited', version: 2 });
			expect(
				await ev(c.id, 'reply_deferred', '2026-03-05', { followUpOn: '2026-09-05' }),
			).toMatchObject({ state: 'deferred', followUpOn: '2026-09-05' });
		});

		it('staleOn lists cases not closed with no event in the 90 days before the day', async () => {
			const quiet = await open();
			await ev(quiet.id, 'invitation_sent', '2026-03-02');
			const closed = await open();
			await ev(closed.id, 'invitation_sent', '2026-03-02');
			await ev(closed.id, 'reply_declined', '2026-03-02');
			const busy = await open();
			await ev(busy.id, 'invitation_sent', '2026-03-02');
			await ev(busy.id, 'note_added', '2026-05-01', { channel: 'phone' });
			const ids = async (staleOn: string) =>
				(await store().findCases({ staleOn }, who)).map((c) => c.id);
			// 31 May: 90 days back is 2 Mar, the day of the last event
			expect(await ids('2026-05-31')).not.toContain(quiet.id);
			const stale = await ids('2026-06-01');
			expect(stale).toContain(quiet.id);
			expect(stale).not.toContain(closed.id);
			expect(stale).not.toContain(busy.id);
			expect(await ids('2026-07-30')).not.toContain(busy.id);
			expect(await ids('2026-07-31')).toContain(busy.id);
		});
	});

	describe('the reminder log and the approaching set (migration 8)', () => {
		const sweep = { actor: 'sweep', purpose: 'contract test: reminders' };
		// PostgreSQL: a second pool races the first. SQLite: one connection per process (a second one in
		// the same process would block it synchronously), so its calls race through the one store's queue
		const racer = async () => (ctx().backend.name === 'postgres' ? ctx().backend.open() : store());

		it('claims each (recipient, item, day) once: a rerun the same day claims nothing', async () => {
			const c = await open();
			const items = [
				{ recipient: 'officer@example.com', item: `stale:${c.id}`, caseId: c.id },
				{ recipient: 'officer@example.com', item: `review:${c.id}:2026-06-01`, caseId: c.id },
				{ recipient: 'owner@example.com', item: `measure:${c.id}:m-1`, caseId: c.id },
			];
			expect(await store().claimReminders('2026-06-01', items, sweep)).toEqual(items);
			expect(await store().claimReminders('2026-06-01', items, sweep)).toEqual([]);
			// a new item the same day, and the same items the next day, are claimed
			const more = { recipient: 'officer@example.com', item: `uninvited:${c.id}` };
			expect(await store().claimReminders('2026-06-01', [items[0], more], sweep)).toEqual([more]);
			expect(await store().claimReminders('2026-06-02', items, sweep)).toEqual(items);
		});

		it('racing runs claim each reminder exactly once between them', async () => {
			const other = await racer();
			try {
				const items = Array.from({ length: 40 }, (_, i) => ({
					recipient: `r${i % 4}@example.com`,
					item: `stale:race-${i}`,
				}));
				const runs = await Promise.all(
					[store(), other, store(), other].map((s) => s.claimReminders('2026-06-03', items, sweep)),
				);
				const claimed = runs.flat().map((r) => `${r.recipient} ${r.item}`);
				expect(claimed.sort()).toEqual(items.map((r) => `${r.recipient} ${r.item}`).sort());
			} finally {
				if (other !== store()) await other.close();
			}
		});

		it('refuses a principal without the process or officer role, and bad input by field', async () => {
			const error = await refused(
				store().claimReminders('2026-06-01', [{ recipient: 'a@b', item: 'x' }], {
					actor: 'nobody',
					purpose: 'probe',
				}),
			);
			expect(error).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			const bad = await refused(
				store().claimReminders('2026-06-01', [{ recipient: '', item: 'x' }], sweep),
			);
			expect(bad).toMatchObject({ code: 'BEM_INVALID_INPUT' });
			expect(bad.field).toMatch(/recipient/);
		});

		it('names who newly entered approaching: once per crossing, again after leaving', async () => {
			const src = `detect-${ctx().backend.name}-${++n}`;
			const update = (on: string, ids: string[]) => store().updateApproaching(src, on, ids, sweep);
			expect(await update('2026-06-01', ['A', 'B'])).toEqual({ entered: ['A', 'B'], left: 0 });
			expect(await update('2026-06-02', ['A', 'B'])).toEqual({ entered: [], left: 0 });
			// B falls back, C enters; then B comes back
			expect(await update('2026-06-03', ['A', 'C'])).toEqual({ entered: ['C'], left: 1 });
			expect(await update('2026-06-04', ['A', 'B', 'C'])).toEqual({ entered: ['B'], left: 0 });
			expect(await update('2026-06-05', [])).toEqual({ entered: [], left: 3 });
			// another source keeps its own list
			expect(await store().updateApproaching(`${src}-other`, '2026-06-05', ['A'], sweep)).toEqual({
				entered: ['A'],
				left: 0,
			});
			const rows = await ctx().backend.exec(
				`SELECT * FROM bem_approaching WHERE source = '${src}-other'`,
			);
			// ids and the day only
			expect(rows.map((r) => Object.keys(r).sort())).toEqual([['employee_id', 'since', 'source']]);
		});

		it('racing Detect runs alert each newly approaching employee once', async () => {
			const src = `race-${ctx().backend.name}-${++n}`;
			const other = await racer();
			try {
				const ids = Array.from({ length: 20 }, (_, i) => `E${i}`);
				const runs = await Promise.all(
					[store(), other, store(), other].map((s) =>
						s.updateApproaching(src, '2026-06-01', ids, sweep),
					),
				);
				expect(runs.flatMap((r) => r.entered).sort()).toEqual([...ids].sort());
			} finally {
				if (other !== store()) await other.close();
			}
		});

		it("a purge takes the case's reminders with it", async () => {
			const c = await open({ on: '2020-03-01' });
			await ev(c.id, 'invitation_sent', '2020-03-02');
			await ev(c.id, 'reply_declined', '2020-03-03');
			await store().claimReminders(
				'2020-03-04',
				[{ recipient: 'o@example.com', item: `stale:${c.id}`, caseId: c.id }],
				sweep,
			);
			await store().purgeExpired('2024-01-01');
			expect(
				await ctx().backend.exec(`SELECT * FROM bem_reminders WHERE case_id = '${c.id}'`),
			).toEqual([]);
		});
	});
}

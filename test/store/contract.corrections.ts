// The contract's v2 part for the BEM file's order and corrections (case-file.md "Order, corrections and
// the count's restart") and idempotency keys; run by storeContract on every backend.
import {
	BemIdempotencyKeyReusedError,
	FREE_TEXT_KEYS,
	type BemStore,
	type EventInput,
} from '../../core';

const who = { actor: 'test:hr', purpose: 'contract test: corrections' };

export async function refused(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await p;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected a refusal, but the call succeeded');
}

export function correctionsContract(
	ctx: () => { store: BemStore; name: string; dump(): Promise<string> },
): void {
	let n = 0;
	const store = () => ctx().store;
	const open = async (on = '2026-03-01') =>
		(
			await store().openCase({
				employeeId: `COR-${ctx().name}-${++n}`,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on,
				actor: 'test:workflow',
			})
		).case;
	const ev = (id: string, type: string, on: string, extra: Partial<EventInput> = {}) =>
		store().recordEvent(id, { type: type as never, on, actor: 'test:workflow', ...extra });
	const events = async (id: string) => (await store().auditTrail(id, who)).length;
	/** invitation, acceptance, consent, first talk, then the implementation on `implementedOn` */
	const implemented = async (
		id: string,
		implementedOn = '2026-04-01',
		data?: Record<string, unknown>,
	) => {
		await ev(id, 'invitation_sent', '2026-03-02');
		await ev(id, 'reply_accepted', '2026-03-03');
		await ev(id, 'consent_given', '2026-03-04', {
			data: { scopes: ['bem', 'data_processing'], participants: [] },
		});
		await ev(id, 'first_talk_held', '2026-03-05');
		await ev(id, 'measure_implemented', implementedOn, { data });
	};

	describe('idempotency keys name one event', () => {
		it('refuses a key reused with a different event, naming the key, and writes nothing', async () => {
			const c = await open();
			const first = await ev(c.id, 'invitation_sent', '2026-03-02', { idempotencyKey: 'k-1' });
			const variants: Array<[string, string, Partial<EventInput>]> = [
				['reply_accepted', '2026-03-02', {}],
				['invitation_sent', '2026-03-03', {}],
				['invitation_sent', '2026-03-02', { data: { letter: 'first' } }],
				['invitation_sent', '2026-03-02', { data: { note: 'SECRET-VALUE-77' } }],
			];
			for (const [type, on, extra] of variants) {
				const error = await refused(ev(c.id, type, on, { ...extra, idempotencyKey: 'k-1' }));
				expect(error).toBeInstanceOf(BemIdempotencyKeyReusedError);
				expect(error).toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'idempotencyKey', seq: 2 });
				expect(error.message).not.toMatch(/k-1|SECRET-VALUE/);
			}
			expect(await events(c.id)).toBe(2);
			// the same event again (other actor, other execution, fields in another order) is a repeat
			const again = await store().recordEvent(c.id, {
				type: 'invitation_sent',
				on: '2026-03-02',
				actor: 'test:workflow',
				idempotencyKey: 'k-1',
				context: { executionId: 'ex-other' },
			});
			expect(again).toEqual(first);
			const n1 = await ev(c.id, 'note_added', '2026-03-03', {
				data: { note: 'called', channel: 'phone' },
				idempotencyKey: 'k-2',
			});
			const n2 = await ev(c.id, 'note_added', '2026-03-03', {
				data: { channel: 'phone', note: 'called' },
				idempotencyKey: 'k-2',
			});
			expect(n2).toEqual(n1);
			expect(
				await refused(
					ev(c.id, 'note_added', '2026-03-03', {
						data: { channel: 'phone', note: 'called back' },
						idempotencyKey: 'k-2',
					}),
				),
			).toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'idempotencyKey', seq: 3 });
			expect(await events(c.id)).toBe(3);
			expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
		});
	});

	describe('dates never run backwards', () => {
		it('refuses an event dated before the latest event, and writes nothing', async () => {
			const c = await open();
			await ev(c.id, 'note_added', '2026-03-05', { data: { note: 'called' } });
			const error = await refused(ev(c.id, 'invitation_sent', '2026-03-04'));
			expect(error).toMatchObject({ code: 'BEM_TRANSITION_REFUSED', state: 'open' });
			expect(error.message).toMatch(
				/2026-03-04 is before the case's latest event \(2026-03-05\): dates on a case never run backwards/,
			);
			expect(await events(c.id)).toBe(2);
			// the same day is not backwards
			expect(await ev(c.id, 'invitation_sent', '2026-03-05')).toMatchObject({ state: 'invited' });
		});

		it('a review comes after the implementation, the second at least 28 days after the first', async () => {
			const c = await open();
			await implemented(c.id);
			const early = await refused(
				ev(c.id, 'review_held', '2026-04-01', { data: { effective: true } }),
			);
			expect(early).toMatchObject({ code: 'BEM_TRANSITION_REFUSED', state: 'review' });
			expect(early.message).toMatch(/after the implementation \(2026-04-01\)/);
			await ev(c.id, 'review_held', '2026-04-02', { data: { effective: true } });
			const soon = await refused(
				ev(c.id, 'review_held', '2026-04-29', { data: { effective: true } }),
			);
			expect(soon.message).toMatch(
				/at least 28 days after the first \(2026-04-02\), on 2026-04-30/,
			);
			expect(await events(c.id)).toBe(7);
			expect(
				await ev(c.id, 'review_held', '2026-04-30', { data: { effective: true } }),
			).toMatchObject({ state: 'closed', outcome: 'completed', closedOn: '2026-04-30' });
		});
	});

	describe('corrections: event_voided replays the case without the event', () => {
		const corrected = (id: string, seq: number, on: string, extra: Partial<EventInput> = {}) =>
			ev(id, 'event_voided', on, {
				data: { seq, reason: `recorded in error VOID-REASON-${ctx().name}` },
				...extra,
			});

		it('voiding a wrong reply_declined reopens the case; the voided event stays, marked; the chain verifies', async () => {
			const c = await open();
			await ev(c.id, 'invitation_sent', '2026-03-02');
			const declined = await ev(c.id, 'reply_declined', '2026-03-04');
			expect(declined).toMatchObject({ state: 'closed', outcome: 'declined' });
			const reopened = await corrected(c.id, 3, '2026-03-06');
			expect(reopened).toMatchObject({
				state: 'invited',
				outcome: null,
				closedOn: null,
				replyDueOn: declined.replyDueOn ?? '2026-03-16',
				version: 4,
			});
			expect(await store().getCase(c.id, who)).toEqual(reopened);
			// the correction: the reply as it was, dated when it came (before the void, after the letter)
			expect(await ev(c.id, 'reply_accepted', '2026-03-04')).toMatchObject({
				state: 'accepted',
				version: 5,
			});
			const trail = await store().auditTrail(c.id, who);
			expect(trail.map((e) => [e.type, e.voidedBy])).toEqual([
				['case_opened', null],
				['invitation_sent', null],
				['reply_declined', 4],
				['event_voided', null],
				['reply_accepted', null],
			]);
			expect(trail[3].data).toEqual({
				seq: 3,
				reason: `recorded in error VOID-REASON-${ctx().name}`,
			});
			expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true, checked: 1 });
			// the reason is free text: encrypted at rest
			expect((await ctx().dump()).includes('VOID-REASON')).toBe(false);
		});

		it('voiding a closing event reopens the case: withdrawn, and the review that completed it', async () => {
			const w = await open();
			await ev(w.id, 'invitation_sent', '2026-03-02');
			await ev(w.id, 'withdrawn', '2026-03-03');
			expect(await corrected(w.id, 3, '2026-03-03')).toMatchObject({
				state: 'invited',
				outcome: null,
				closedOn: null,
			});
			const c = await open();
			await implemented(c.id);
			await ev(c.id, 'review_held', '2026-07-01', { data: { effective: true } });
			await ev(c.id, 'review_held', '2026-10-01', { data: { effective: true } });
			expect((await store().getCase(c.id, who))?.outcome).toBe('completed');
			expect(await corrected(c.id, 8, '2026-10-02')).toMatchObject({
				state: 'review',
				outcome: null,
				closedOn: null,
				reviewDueOn: '2026-10-01',
			});
			// a voided implementation no longer names its labour-law measure in the personnel file
			const m = await open();
			await implemented(m.id, '2026-04-01', { labourLawMeasure: 'transfer' });
			expect((await store().personnelFileExtract(m.id, who)).labourLawMeasures).toEqual([
				'Versetzung / Umsetzung',
			]);
			expect(await corrected(m.id, 6, '2026-04-02')).toMatchObject({
				state: 'in_progress',
				reviewDueOn: null,
			});
			expect((await store().personnelFileExtract(m.id, who)).labourLawMeasures).toEqual([]);
			for (const id of [w.id, c.id, m.id])
				expect(await store().verifyAudit(id)).toMatchObject({ ok: true });
		});

		it('refuses a void whose replay breaks a rule, or that names no voidable event, and writes nothing', async () => {
			const c = await open();
			await ev(c.id, 'invitation_sent', '2026-03-02');
			await ev(c.id, 'reply_accepted', '2026-03-04');
			await ev(c.id, 'note_added', '2026-03-05', { data: { note: 'n' } });
			const broken = await refused(corrected(c.id, 2, '2026-03-06'));
			expect(broken).toMatchObject({ code: 'BEM_TRANSITION_REFUSED' });
			expect(broken.message).toMatch(
				/without event 2 \(invitation_sent\), event 3 \(reply_accepted\) breaks a rule/,
			);
			for (const [seq, reason] of [
				[9, /has no event 9/],
				[4, /before the case's latest event/],
			] as Array<[number, RegExp]>)
				expect(
					(await refused(corrected(c.id, seq, seq === 4 ? '2026-03-04' : '2026-03-06'))).message,
				).toMatch(reason);
			await corrected(c.id, 4, '2026-03-06');
			expect((await refused(corrected(c.id, 4, '2026-03-06'))).message).toMatch(/already voided/);
			expect((await refused(corrected(c.id, 5, '2026-03-06'))).message).toMatch(
				/is a correction itself/,
			);
			for (const [data, field] of [
				[{ seq: 1, reason: 'r' }, 'data.seq'],
				[{ seq: 2 }, 'data.reason'],
				[{ seq: 2, reason: ' ' }, 'data.reason'],
				[{ seq: '2', reason: 'r' }, 'data.seq'],
				[{ seq: 2, reason: 'r', extra: 'x' }, 'data.extra'],
			] as Array<[Record<string, unknown>, string]>)
				expect(await refused(ev(c.id, 'event_voided', '2026-03-06', { data }))).toMatchObject({
					code: 'BEM_INVALID_INPUT',
					field,
				});
			expect(await events(c.id)).toBe(5);
			expect(await store().getCase(c.id, who)).toMatchObject({ state: 'accepted', version: 5 });
			expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
		});

		it('a correction is the officers’: the process principal is refused, logged, and nothing changes', async () => {
			const c = await open();
			await ev(c.id, 'invitation_sent', '2026-03-02');
			await ev(c.id, 'reply_declined', '2026-03-04');
			await store().grantRole({
				principal: 'corr:process',
				role: 'process',
				by: 'test:hr',
				on: '2026-03-01',
			});
			const error = await refused(
				store().recordEvent(c.id, {
					type: 'event_voided',
					on: '2026-03-05',
					actor: 'corr:process',
					data: { seq: 3, reason: 'r' },
				}),
			);
			expect(error).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			expect(await events(c.id)).toBe(3);
			expect(await store().getCase(c.id, who)).toMatchObject({ state: 'closed', version: 3 });
			expect(
				(await store().accessLog(c.id, who)).filter((r) => r.actor === 'corr:process'),
			).toEqual([expect.objectContaining({ outcome: 'denied' })]);
		});

		it('a voided event keeps its idempotency key: the corrected event needs a new one', async () => {
			const c = await open();
			await ev(c.id, 'invitation_sent', '2026-03-02');
			await ev(c.id, 'reply_declined', '2026-03-04', { idempotencyKey: 'reply-1' });
			await corrected(c.id, 3, '2026-03-05');
			expect(
				await refused(ev(c.id, 'reply_declined', '2026-03-04', { idempotencyKey: 'reply-1' })),
			).toMatchObject({
				code: 'BEM_INVALID_INPUT',
				field: 'idempotencyKey',
				message: expect.stringMatching(/which was voided; a corrected event needs a new key/),
			});
			expect(
				await ev(c.id, 'reply_accepted', '2026-03-04', { idempotencyKey: 'reply-2' }),
			).toMatchObject({
				state: 'accepted',
			});
		});

		it('does not reopen a case while the employee has another case open', async () => {
			const employeeId = `COR-${ctx().name}-reopen`;
			const first = (
				await store().openCase({
					employeeId,
					reachedOn: '2026-02-27',
					reason: 'continuous',
					on: '2026-03-01',
					actor: 'a',
				})
			).case;
			await ev(first.id, 'withdrawn', '2026-03-02');
			const second = await store().openCase({
				employeeId,
				reachedOn: '2026-05-01',
				reason: 'continuous',
				on: '2026-05-02',
				actor: 'a',
			});
			expect(second.created).toBe(true);
			const error = await refused(corrected(first.id, 2, '2026-05-03'));
			expect(error).toMatchObject({ code: 'BEM_TRANSITION_REFUSED' });
			expect(error.message).toMatch(
				/would reopen the case, but the employee has another case open/,
			);
			expect(await store().getCase(first.id, who)).toMatchObject({ state: 'closed', version: 2 });
		});
	});

	describe('event data: each type takes its own fields, free text encrypted', () => {
		it('refuses a field the event type does not take, and a wrongly typed one, naming the field, never the value', async () => {
			const c = await open();
			for (const [type, data, field] of [
				['note_added', { channel: 'phone', mood: 'VALUE-1' }, 'data.mood'],
				['invitation_sent', { letter: 'third' }, 'data.letter'],
				['invitation_sent', { followUpOn: '2026-04-01' }, 'data.followUpOn'],
				['note_added', { note: 42 }, 'data.note'],
				['note_added', { ["'; DROP TABLE bem_events; --"]: 'VALUE-2' }, 'data.(an unnamed field)'],
				['withdrawn', { effective: true }, 'data.effective'],
			] as Array<[string, Record<string, unknown>, string]>) {
				const error = await refused(ev(c.id, type, '2026-03-02', { data }));
				expect(error).toMatchObject({ code: 'BEM_INVALID_INPUT', field });
				expect(error.message).not.toMatch(/VALUE-|DROP TABLE|third/);
			}
			// a key that looks like health detail is refused as health detail
			expect(
				await refused(ev(c.id, 'note_added', '2026-03-02', { data: { diagnose: 'x' } })),
			).toMatchObject({ code: 'BEM_HEALTH_DETAIL' });
			expect(await events(c.id)).toBe(1);
		});

		it('encrypts every free-text field it takes', async () => {
			const c = await open();
			const mark = (k: string) => `FT-${ctx().name}-${k}-4417`;
			await ev(c.id, 'note_added', '2026-03-02', {
				data: Object.fromEntries(
					['note', 'comment', 'text', 'summary', 'description', 'minutes'].map((k) => [k, mark(k)]),
				),
			});
			await ev(c.id, 'invitation_sent', '2026-03-02', { data: { note: mark('inv') } });
			const dump = await ctx().dump();
			for (const k of ['note', 'comment', 'text', 'summary', 'description', 'minutes', 'inv'])
				expect(dump.includes(mark(k))).toBe(false);
			const trail = await store().auditTrail(c.id, who);
			expect(trail[1].data).toMatchObject({ note: mark('note'), minutes: mark('minutes') });
			expect([...FREE_TEXT_KEYS].sort()).toEqual([
				'comment',
				'description',
				'details',
				'minutes',
				'note',
				'notes',
				'reason',
				'summary',
				'text',
			]);
		});
	});
}

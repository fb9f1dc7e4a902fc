// The contract's v2 part for the BEM file's order and corrections (case-file.md "Order, corrections and
// the count's restart") and idempotency keys; run by storeContract on every backend.
import { BemIdempotencyKeyReusedError, type BemStore, type EventInput } from '../../core';

const who = { actor: 'test:hr', purpose: 'contract test: corrections' };

async function refused(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
	try {
		await p;
	} catch (error) {
		return error as Error & Record<string, unknown>;
	}
	throw new Error('expected a refusal, but the call succeeded');
}

export function correctionsContract(ctx: () => { store: BemStore; name: string }): void {
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
				actor: 'another worker',
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
}

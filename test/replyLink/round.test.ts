// Which letter a reply link answers once a correction voided an answer (core/replyLink/round.ts).
import { replyRound, type TrailEvent } from '../../core/replyLink/round';

const trail = (...events: Array<Partial<TrailEvent> & Pick<TrailEvent, 'type'>>): TrailEvent[] =>
	events.map((e, i) => ({ seq: i + 1, data: {}, ...e }));

describe('replyRound after a correction', () => {
	const claims = { caseId: 'c-1', letterSeq: 2 } as never;

	it('an answer in force uses the letter up', () => {
		expect(
			replyRound(
				trail({ type: 'case_opened' }, { type: 'invitation_sent' }, { type: 'reply_declined' }),
				claims,
			),
		).toEqual({ ok: false, reason: 'answered' });
	});

	it('a voided answer leaves the letter to be answered again, under a new key', () => {
		const voided = trail(
			{ type: 'case_opened' },
			{ type: 'invitation_sent' },
			{ type: 'reply_declined', voidedBy: 4 },
			{ type: 'event_voided', data: { seq: 3 } },
		);
		expect(replyRound(voided, claims)).toEqual({
			ok: true,
			letterSeq: 2,
			idempotencyKey: 'c-1:reply:2:2',
		});
		expect(
			replyRound(trail({ type: 'case_opened' }, { type: 'invitation_sent' }), claims),
		).toMatchObject({ ok: true, idempotencyKey: 'c-1:reply:2' });
	});
});

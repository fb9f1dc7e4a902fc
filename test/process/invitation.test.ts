// core's invitation protocol (sendInvitation), called as an integrator calls it: exactly one of two racing
// callers sends the letter, and a run cut off between the claim and the archive is completed by the next.
import company from '../fixtures/letters/company.json';
import {
	HealthDetailError,
	sendInvitation,
	type BemStore,
	type InvitationRequest,
	type InvitationStore,
} from '../../core';
import { KEY, postgresBackend, sqliteBackend, type Backend } from '../store/backends';

const request = (caseId: string, extra: Partial<InvitationRequest> = {}): InvitationRequest => ({
	letter: 'first',
	caseId,
	on: '2026-12-11',
	employee: {
		name: 'Erika Mustermann',
		lastName: 'Mustermann',
		salutation: 'Frau',
		address: ['Lindenweg 3', '34119 Kassel'],
	},
	company,
	replyFormUrl: 'https://n8n.example/form/bem-reply',
	actor: 'integrator',
	...extra,
});

const who = { actor: 'test', purpose: 'test' };

describe.each([
	['SQLite', async () => sqliteBackend()],
	['PostgreSQL', postgresBackend],
] as Array<[string, () => Promise<Backend>]>)('sendInvitation on %s', (_name, backendOf) => {
	let backend: Backend;
	let a: BemStore;
	let b: BemStore;
	const target = (store: BemStore): InvitationStore => ({
		store,
		encryptionKey: KEY,
		state: 'HE',
		retentionYears: 3,
	});
	let employees = 0;
	const openCase = async () =>
		(
			await a.openCase({
				employeeId: `P-${++employees}`,
				reachedOn: '2026-11-20',
				reason: 'cumulative',
				on: '2026-12-01',
				actor: 'test',
			})
		).case.id;
	const invitations = async (caseId: string) =>
		(await a.auditTrail(caseId, who)).filter((e) => e.type === 'invitation_sent');

	beforeAll(async () => {
		backend = await backendOf();
		// PostgreSQL: two store instances with their own pools, as two n8n workers have. SQLite: the one store
		// of a process that two executions share (n8n caches it per credential; separate processes on one
		// file are test/store/race.test.ts's)
		a = await backend.open({ state: 'HE' });
		b = backend.name === 'postgres' ? await backend.open({ state: 'HE' }) : a;
	});
	afterAll(async () => {
		await a?.close();
		if (b !== a) await b?.close();
		await backend?.teardown();
	});

	it('sends the letter exactly once when two callers race', async () => {
		for (let round = 0; round < 5; round++) {
			const caseId = await openCase();
			const results = await Promise.all([
				sendInvitation(target(a), request(caseId)),
				sendInvitation(target(b), request(caseId, { on: '2026-12-14' })),
			]);
			expect(results.map((r) => r.sent).sort()).toEqual([false, true]);
			const [winner, loser] = results[0].sent ? results : [results[1], results[0]];
			// both state the one claimed letter: its date, the case's deadline, the same text
			expect(loser).toMatchObject({ sentOn: winner.sentOn, replyDueOn: winner.replyDueOn });
			expect(loser.rendered.text).toBe(winner.rendered.text);
			expect(winner.case).toMatchObject({ state: 'invited', replyDueOn: winner.replyDueOn });
			expect(await invitations(caseId)).toHaveLength(1);
			const letters = await a.letters(caseId, who);
			expect(letters).toHaveLength(1);
			expect(letters[0]).toMatchObject({ kind: 'first', on: winner.sentOn });
			expect(letters[0].text).toBe(winner.rendered.text);
			expect(await a.verifyAudit(caseId)).toMatchObject({ ok: true });
		}
	});

	it('completes a run cut off between the claim and the archive, once', async () => {
		const caseId = await openCase();
		// the first run claims the letter, then dies before the copy is archived
		const crashing: BemStore = Object.create(a, {
			archiveLetter: {
				value: () => Promise.reject(new Error('worker killed')),
			},
		});
		await expect(sendInvitation(target(crashing), request(caseId))).rejects.toThrow(
			'worker killed',
		);
		expect(await invitations(caseId)).toHaveLength(1);
		expect(await a.letters(caseId, who)).toHaveLength(0);

		// the next run (another worker, days later) sends the claimed letter: its date and deadline
		const next = await sendInvitation(target(b), request(caseId, { on: '2026-12-15' }));
		expect(next).toMatchObject({ sent: true, sentOn: '2026-12-11', replyDueOn: '2026-12-28' });
		expect(next.rendered.text).toContain('bis zum 28.12.2026');
		expect(next.rendered.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(await invitations(caseId)).toHaveLength(1);
		expect(await a.letters(caseId, who)).toHaveLength(1);

		const again = await sendInvitation(target(a), request(caseId, { on: '2026-12-16' }));
		expect(again).toMatchObject({ sent: false, sentOn: '2026-12-11' });
		expect(await a.letters(caseId, who)).toHaveLength(1);
		expect(await a.verifyAudit(caseId)).toMatchObject({ ok: true });
	});

	it('states the deadline the case stores, not one of its own', async () => {
		const { case: c } = await a.openCase({
			employeeId: `P-${++employees}`,
			reachedOn: '2026-05-04',
			reason: 'continuous',
			on: '2026-05-20',
			actor: 'test',
		});
		// the store rolls past Hessen's holidays (Fronleichnam, 04.06.2026); a caller that says 'DE' still
		// gets the case's deadline in the letter
		const sent = await sendInvitation(
			{ ...target(a), state: 'DE' },
			request(c.id, { on: '2026-05-21' }),
		);
		expect(sent.case.replyDueOn).toBe('2026-06-05');
		expect(sent).toMatchObject({ sent: true, replyDueOn: '2026-06-05' });
		expect(sent.rendered.replyDueOn).toBe('2026-06-05');
		expect(sent.rendered.text).toContain('bis zum 05.06.2026');
	});

	it('checks the letter before the BEM file is read: bad input leaves no trace', async () => {
		const caseId = await openCase();
		// counted in the database: reading the log through the store is a logged read itself
		const logged = async () =>
			Number(
				(
					await backend.exec(`SELECT COUNT(*) AS n FROM bem_access_log WHERE case_id = '${caseId}'`)
				)[0].n,
			);
		const before = await logged();
		const bad = request(caseId, {
			employee: { ...request(caseId).employee, diagnosis: 'x' },
		});
		await expect(sendInvitation(target(a), bad)).rejects.toBeInstanceOf(HealthDetailError);
		expect(await logged()).toBe(before);
		expect(await invitations(caseId)).toHaveLength(0);
	});
});

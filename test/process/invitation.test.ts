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

	/** the claims' checks: one sender, both state the one claimed letter, one event, one archived copy */
	const expectOneLetter = async (
		caseId: string,
		results: Array<Awaited<ReturnType<typeof sendInvitation>>>,
	) => {
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
	};

	it('sends the letter exactly once when two callers race on the same day', async () => {
		for (let round = 0; round < 5; round++) {
			const caseId = await openCase();
			const results = await Promise.all([
				sendInvitation(target(a), request(caseId)),
				sendInvitation(target(b), request(caseId)),
			]);
			await expectOneLetter(caseId, results);
		}
	});

	it('a caller that read the case before another claimed the letter on an earlier date states that claim', async () => {
		// the interleaving fixed, not left to the scheduler: b reads the case, a claims (dated the 11th),
		// then b claims with its own date (the 14th) under the same key. Uncontrolled, b could instead see
		// a's claim not yet archived and take it for a run cut off on an earlier day (a re-issue).
		for (let round = 0; round < 3; round++) {
			const caseId = await openCase();
			let bRead!: () => void;
			const bHasRead = new Promise<void>((resolve) => (bRead = resolve));
			let aClaimed!: () => void;
			const aHasClaimed = new Promise<void>((resolve) => (aClaimed = resolve));
			const aStore = Object.create(a, {
				recordEvent: {
					value: async (...args: Parameters<BemStore['recordEvent']>) => {
						await bHasRead;
						try {
							return await a.recordEvent(...args);
						} finally {
							aClaimed();
						}
					},
				},
			}) as BemStore;
			let bReads = 0;
			const bStore = Object.create(b, {
				caseTimeline: {
					value: async (...args: Parameters<BemStore['caseTimeline']>) => {
						const trail = await b.caseTimeline(...args);
						if (++bReads === 1) bRead();
						return trail;
					},
				},
				recordEvent: {
					value: async (...args: Parameters<BemStore['recordEvent']>) => {
						await aHasClaimed;
						return b.recordEvent(...args);
					},
				},
			}) as BemStore;
			const results = await Promise.all([
				sendInvitation(target(aStore), request(caseId)),
				sendInvitation(target(bStore), request(caseId, { on: '2026-12-14' })),
			]);
			expect(results.map((r) => r.sentOn)).toEqual(['2026-12-11', '2026-12-11']);
			await expectOneLetter(caseId, results);
		}
	});

	/** a store whose archive write never happens: the worker dies (or PostgreSQL goes) after the claim */
	const cutOff = (store: BemStore): BemStore =>
		Object.create(store, {
			archiveLetter: { value: () => Promise.reject(new Error('worker killed')) },
		});
	const unsent = async (letter: 'first' | 'second') =>
		(await a.findCases({ letterUnsent: letter }, who)).map((c) => c.id);

	it('completes a run cut off between the claim and the archive on the same day: the claimed letter', async () => {
		const caseId = await openCase();
		await expect(sendInvitation(target(cutOff(a)), request(caseId))).rejects.toThrow(
			'worker killed',
		);
		expect(await invitations(caseId)).toHaveLength(1);
		expect(await a.letters(caseId, who)).toHaveLength(0);
		// the case is already 'invited' with its deadline: only the store query still finds the letter
		expect(await a.getCase(caseId, who)).toMatchObject({
			state: 'invited',
			replyDueOn: '2026-12-28',
		});
		expect(await unsent('first')).toContain(caseId);

		const next = await sendInvitation(target(b), request(caseId));
		expect(next).toMatchObject({ sent: true, sentOn: '2026-12-11', replyDueOn: '2026-12-28' });
		expect(next.rendered.text).toContain('bis zum 28.12.2026');
		expect(next.rendered.pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(await invitations(caseId)).toHaveLength(1);
		expect(await a.letters(caseId, who)).toHaveLength(1);
		expect(await unsent('first')).not.toContain(caseId);
		expect(await a.verifyAudit(caseId)).toMatchObject({ ok: true });
	});

	// Spec change (lifecycle.md: replyDueOn = sent + 14 days): a cut-off letter completed days later used
	// to go out dated on its claim day with the claim's deadline, days of the reply period already gone.
	it('re-issues a letter cut off before its archive on a later day: dated that day, the deadline moved with it', async () => {
		const caseId = await openCase();
		await expect(sendInvitation(target(cutOff(a)), request(caseId))).rejects.toThrow(
			'worker killed',
		);
		expect(await unsent('first')).toContain(caseId);

		// the next sweep (another worker, days later): two runs at once, exactly one sends
		const runs = await Promise.all([
			sendInvitation(target(a), request(caseId, { on: '2026-12-15' })),
			sendInvitation(target(b), request(caseId, { on: '2026-12-15' })),
		]);
		expect(runs.map((r) => r.sent).sort()).toEqual([false, true]);
		const next = runs.find((r) => r.sent)!;
		// 15.12. + 14 days = 29.12.2026 (a Tuesday): the full reply period from the day it is sent
		expect(next).toMatchObject({ sentOn: '2026-12-15', replyDueOn: '2026-12-29' });
		expect(next.rendered.text).toContain('bis zum 29.12.2026');
		expect(runs.find((r) => !r.sent)!.rendered.text).toBe(next.rendered.text);
		const c = await a.getCase(caseId, who);
		expect(c).toMatchObject({ state: 'invited', replyDueOn: '2026-12-29' });
		// the offer the personnel file records is the letter that went out
		expect((await a.personnelFileExtract(caseId, who)).offeredOn).toBe('2026-12-15');
		const letters = await a.letters(caseId, who);
		expect(letters).toHaveLength(1);
		expect(letters[0]).toMatchObject({ kind: 'first', on: '2026-12-15' });
		expect(letters[0].text).toBe(next.rendered.text);
		expect((await invitations(caseId)).map((e) => [e.on, e.data.reissueOf])).toEqual([
			['2026-12-11', undefined],
			['2026-12-15', '2026-12-11'],
		]);
		expect(await unsent('first')).not.toContain(caseId);

		// later repeats render the letter sent and send nothing
		const again = await sendInvitation(target(a), request(caseId, { on: '2026-12-16' }));
		expect(again).toMatchObject({ sent: false, sentOn: '2026-12-15', replyDueOn: '2026-12-29' });
		expect(await a.letters(caseId, who)).toHaveLength(1);
		expect(await invitations(caseId)).toHaveLength(2);
		expect(await a.verifyAudit(caseId)).toMatchObject({ ok: true });
	});

	it('re-issues a second letter cut off before its archive, once; the first letter keeps its date', async () => {
		const caseId = await openCase();
		const first = await sendInvitation(target(a), request(caseId));
		expect(first).toMatchObject({ sent: true, replyDueOn: '2026-12-28' });
		const second = (on: string) => request(caseId, { letter: 'second', on });
		await expect(sendInvitation(target(cutOff(a)), second('2026-12-29'))).rejects.toThrow(
			'worker killed',
		);
		expect(await a.getCase(caseId, who)).toMatchObject({
			state: 'reinvited',
			replyDueOn: '2027-01-12',
		});
		expect(await unsent('second')).toContain(caseId);
		expect(await unsent('first')).not.toContain(caseId);

		const next = await sendInvitation(target(b), second('2026-12-30'));
		expect(next).toMatchObject({ sent: true, sentOn: '2026-12-30', replyDueOn: '2027-01-13' });
		expect(next.rendered.text).toContain('11.12.2026'); // the first letter's date, as it was sent
		expect(await a.getCase(caseId, who)).toMatchObject({
			state: 'reinvited',
			replyDueOn: '2027-01-13',
		});
		expect((await a.personnelFileExtract(caseId, who)).offeredOn).toBe('2026-12-11');
		expect((await a.letters(caseId, who)).map((l) => [l.kind, l.on])).toEqual([
			['first', '2026-12-11'],
			['second', '2026-12-30'],
		]);
		expect(await unsent('second')).not.toContain(caseId);
		expect(await a.verifyAudit(caseId)).toMatchObject({ ok: true });
	});

	it('never re-issues a letter that was sent: a later repeat renders it and sends nothing', async () => {
		const caseId = await openCase();
		expect((await sendInvitation(target(a), request(caseId))).sent).toBe(true);
		const later = await sendInvitation(target(b), request(caseId, { on: '2026-12-15' }));
		expect(later).toMatchObject({ sent: false, sentOn: '2026-12-11', replyDueOn: '2026-12-28' });
		expect(await invitations(caseId)).toHaveLength(1);
		expect(await a.getCase(caseId, who)).toMatchObject({ replyDueOn: '2026-12-28' });
	});

	it('refuses a re-issue that re-issues no unsent letter, and writes nothing', async () => {
		const caseId = await openCase();
		const reissue = (type: 'invitation_sent' | 'note_added', on: string, reissueOf: unknown) =>
			a.recordEvent(caseId, { type, on, actor: 'test', data: { reissueOf } });
		// no letter claimed yet: the case is open, not invited
		await expect(reissue('invitation_sent', '2026-12-12', '2026-12-11')).rejects.toThrow(
			/belongs to a case in 'invited', not 'open'/,
		);
		expect((await sendInvitation(target(a), request(caseId))).sent).toBe(true);
		const version = (await a.getCase(caseId, who))!.version;
		// a note takes no reissueOf at all (each event type's own data fields)
		await expect(reissue('note_added', '2026-12-12', '2026-12-11')).rejects.toThrow(
			/data.reissueOf is not a field of note_added/,
		);
		await expect(reissue('invitation_sent', '2026-12-11', '2026-12-11')).rejects.toThrow(
			/must be the date 'YYYY-MM-DD' the unsent letter was claimed on, before 2026-12-11/,
		);
		await expect(reissue('invitation_sent', '2026-12-12', 'yesterday')).rejects.toThrow(
			/data.reissueOf must be the date/,
		);
		// a re-issue dated before the letter it replaces would cut the reply period short
		await expect(reissue('invitation_sent', '2026-12-05', '2026-12-04')).rejects.toThrow(
			/never shortens the reply deadline 2026-12-28/,
		);
		await expect(
			a.recordEvent(caseId, {
				type: 'second_invitation_sent',
				on: '2026-12-12',
				actor: 'test',
				data: { reissueOf: '2026-12-11' },
			}),
		).rejects.toThrow(/belongs to a case in 'reinvited', not 'invited'/);
		expect((await a.getCase(caseId, who))!.version).toBe(version);
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

	it('prints the case reference as the Aktenzeichen, never the case id', async () => {
		const c = (await a.getCase(await openCase(), who))!;
		expect(c.reference).toMatch(/^BEM-2026-\d{4}$/);
		const sent = await sendInvitation(target(a), request(c.id));
		expect(sent.reference).toBe(c.reference);
		expect(sent.rendered.reference).toBe(`Aktenzeichen: ${c.reference}`);
		for (const out of [sent.rendered.text, sent.rendered.html, sent.rendered.subject])
			expect(out).not.toContain(c.id);
		const [archived] = await a.letters(c.id, who);
		expect(archived.text).not.toContain(c.id);
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

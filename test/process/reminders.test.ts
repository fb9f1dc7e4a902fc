// core's reminder protocol (dueReminderMails) over both real backends: what is due for whom on a day,
// claimed once in the reminder log, one mail per recipient; overdue measures from the measure plan.
import { dueReminderMails, type BemStore, type ReminderContext } from '../../core';
import { postgresBackend, sqliteBackend, type Backend } from '../store/backends';

const access = { actor: 'sweep', purpose: 'test: reminders' };
const officer = { email: 'BEM-Team@Example.com', name: 'BEM-Team' };

describe.each([
	['SQLite', async () => sqliteBackend()],
	['PostgreSQL', postgresBackend],
] as Array<[string, () => Promise<Backend>]>)('dueReminderMails on %s', (_name, backendOf) => {
	let backend: Backend;
	let store: BemStore;
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		backend = await backendOf();
		store = await backend.open();
		const open = async (employeeId: string, on: string) =>
			(
				await store.openCase({
					employeeId,
					reachedOn: on,
					reason: 'continuous',
					on,
					actor: 'sweep',
				})
			).case.id;
		const ev = (id: string, type: string, on: string, data?: Record<string, unknown>) =>
			store.recordEvent(id, { type: type as never, on, actor: 'test', data });
		// invited in March, nothing since: stale by 1 July
		ids.stale = await open('E-STALE', '2026-03-01');
		await ev(ids.stale, 'invitation_sent', '2026-03-02');
		// opened on 29 June, never invited (no contact data)
		ids.uninvited = await open('E-NOCONTACT', '2026-06-29');
		// opened on the sweep's day: the invitation cycle still has it
		ids.today = await open('E-TODAY', '2026-07-01');
		// implemented 1 April: the first review falls due on 1 July
		ids.review = await open('E-REVIEW', '2026-03-01');
		await ev(ids.review, 'invitation_sent', '2026-03-02');
		await ev(ids.review, 'reply_accepted', '2026-03-03');
		await ev(ids.review, 'consent_given', '2026-03-04', {
			scopes: ['bem', 'data_processing'],
			participants: [],
		});
		await ev(ids.review, 'first_talk_held', '2026-03-05');
		await ev(ids.review, 'measure_implemented', '2026-04-01');
		// deferred in March until 1 August: quiet, but waiting as the employee asked
		ids.deferred = await open('E-DEFERRED', '2026-03-01');
		await ev(ids.deferred, 'invitation_sent', '2026-03-02');
		await ev(ids.deferred, 'reply_deferred', '2026-03-05', { followUpOn: '2026-08-01' });
		// declined long ago: closed, never a reminder
		ids.closed = await open('E-CLOSED', '2026-01-05');
		await ev(ids.closed, 'invitation_sent', '2026-01-05');
		await ev(ids.closed, 'reply_declined', '2026-01-06');
	});
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});
	const ctx = (on: string, s: BemStore = store): ReminderContext => ({
		store: s,
		on,
		officer,
		access,
	});

	it('mails the officer once: the review due, the stale case and the un-invited one', async () => {
		const mails = await dueReminderMails(ctx('2026-07-01'));
		expect(mails).toHaveLength(1);
		const [mail] = mails;
		expect(mail.to).toBe('bem-team@example.com');
		expect(mail.subject).toBe(
			'BEM-Erinnerung 2026-07-01: 1 Wirksamkeitsprüfung fällig, 1 Fall ohne Schritt seit 90 Tagen, 1 Fall nicht eingeladen',
		);
		expect(mail.items.map((i) => [i.kind, i.caseId])).toEqual([
			['review', ids.review],
			['stale', ids.stale],
			['uninvited', ids.uninvited],
		]);
		expect(mail.text).toContain(
			`Fall ${ids.review} (Personalnummer E-REVIEW): fällig seit 2026-07-01`,
		);
		expect(mail.text).toContain(`Fall ${ids.stale} (Personalnummer E-STALE): Stand eingeladen`);
		expect(mail.text).toContain(
			`Fall ${ids.uninvited} (Personalnummer E-NOCONTACT): geöffnet am 2026-06-29`,
		);
		expect(mail.text).not.toContain(ids.today);
		expect(mail.text).not.toContain(ids.closed);
		expect(mail.text).not.toContain(ids.deferred);
		// the review case is quiet for 90 days too: named once, as a review
		expect(mail.text.split(ids.review)).toHaveLength(2);
	});

	it('a rerun the same day sends nothing; the next day reminds again', async () => {
		expect(await dueReminderMails(ctx('2026-07-01'))).toEqual([]);
		const next = await dueReminderMails(ctx('2026-07-02'));
		expect(next.map((m) => m.items.length)).toEqual([4]);
		// the case opened on 1 July is not invited by 2 July either: now it is escalated
		expect(next[0].items.map((i) => i.caseId)).toContain(ids.today);
	});

	it('racing sweeps the same day send each reminder once between them', async () => {
		const other = backend.name === 'postgres' ? await backend.open() : store;
		try {
			const runs = await Promise.all([
				dueReminderMails(ctx('2026-07-03')),
				dueReminderMails(ctx('2026-07-03', other)),
			]);
			const items = runs.flat().flatMap((m) => m.items.map((i) => `${i.kind}:${i.caseId}`));
			expect(items.sort()).toEqual(
				[
					`review:${ids.review}`,
					`stale:${ids.stale}`,
					`uninvited:${ids.uninvited}`,
					`uninvited:${ids.today}`,
				].sort(),
			);
		} finally {
			if (other !== store) await other.close();
		}
	});

	it("mails each overdue measure's owner one mail with ids, label and due date; no owner address → officer", async () => {
		const officerId = 'officer';
		await store.grantRole({
			principal: officerId,
			role: 'bem_officer',
			by: 'test',
			on: '2026-06-01',
		});
		await store.setOwner({
			principal: 'fm',
			displayName: 'Facility Management',
			email: 'fm@example.com',
			by: officerId,
			on: '2026-06-01',
		});
		const planned = (
			await store.openCase({
				employeeId: 'E-PLAN',
				reachedOn: '2026-05-29',
				reason: 'continuous',
				on: '2026-06-01',
				actor: 'sweep',
			})
		).case.id;
		const ev = (type: string, on: string, data?: Record<string, unknown>) =>
			store.recordEvent(planned, { type: type as never, on, actor: officerId, data });
		await ev('invitation_sent', '2026-06-01');
		await ev('reply_accepted', '2026-06-02');
		await ev('consent_given', '2026-06-03', {
			scopes: ['bem', 'data_processing'],
			participants: [],
		});
		await ev('first_talk_held', '2026-06-04');
		const plan = (measureId: string, code: string, owner: string, dueOn: string) =>
			ev('measure_planned', '2026-06-04', { measureId, code, owner, dueOn, details: 'GEHEIM' });
		await plan('m-1', 'workplace_design', 'fm', '2026-06-30');
		await plan('m-7', 'graduated_return', 'fm', '2026-06-15');
		await plan('m-2', 'training', 'line_manager', '2026-06-05');
		await plan('m-3', 'coaching', 'fm', '2026-07-04'); // due on the day: not overdue yet
		await plan('m-4', 'transfer', 'fm', '2026-06-20');
		await ev('measure_started', '2026-06-10', { measureId: 'm-7' });
		await ev('measure_dropped', '2026-06-12', { measureId: 'm-4', reason: 'GEHEIM' });
		const label = (code: string) => store.measureCatalogue().find((e) => e.code === code)?.de;
		const toOfficerText = (ms: Array<{ to: string; text: string }>) =>
			ms.find((m) => m.to === 'bem-team@example.com')?.text ?? '';
		const mails = await dueReminderMails(ctx('2026-07-04'));
		const owner = mails.find((m) => m.to === 'fm@example.com');
		expect(owner?.subject).toBe('BEM-Erinnerung 2026-07-04: 2 Maßnahmen überfällig');
		expect(owner?.text).toContain(
			`Fall ${planned}, Maßnahme m-1 (${label('workplace_design')}): fällig seit 2026-06-30`,
		);
		expect(owner?.text).toContain(
			`Fall ${planned}, Maßnahme m-7 (${label('graduated_return')}): fällig seit 2026-06-15`,
		);
		// an owner never reads the personnel number
		expect(owner?.text).not.toMatch(/Personalnummer|E-PLAN|GEHEIM|m-3|m-4/);
		expect(toOfficerText(mails)).not.toMatch(/GEHEIM|m-3|m-4/);
		const toOfficer = mails.find((m) => m.to === 'bem-team@example.com');
		expect(toOfficer?.text).toContain(
			`Fall ${planned}, Maßnahme m-2 (${label('training')}): fällig seit 2026-06-05 — verantwortlich: line_manager (keine E-Mail-Adresse im Verzeichnis)`,
		);
		expect(mails).toHaveLength(2);
		// the owner's items are claimed too: a rerun mails nobody
		expect(await dueReminderMails(ctx('2026-07-04'))).toEqual([]);
	});
});

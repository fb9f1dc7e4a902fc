// core's reminder protocol (dueReminderMails) over both real backends: what is due for whom on a day,
// claimed once in the reminder log, one mail per recipient; overdue measures through the measure
// plan's API (a small fake here: the store of this branch keeps no measures).
import {
	dueReminderMails,
	type BemStore,
	type MeasureStore,
	type ReminderContext,
} from '../../core';
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
		const seen: Array<{ overdueOn: string }> = [];
		const measures: MeasureStore = {
			async findMeasures(q) {
				seen.push(q);
				return [
					{
						caseId: ids.review,
						measureId: 'm-1',
						code: 'ERGO',
						owner: 'fm',
						dueOn: '2026-06-30',
						state: 'planned',
					},
					{
						caseId: ids.stale,
						measureId: 'm-7',
						code: 'HOURS',
						owner: 'fm',
						dueOn: '2026-06-15',
						state: 'started',
					},
					{
						caseId: ids.review,
						measureId: 'm-2',
						code: 'X-NEW',
						owner: 'gone',
						dueOn: '2026-06-01',
						state: 'planned',
					},
				];
			},
			async owners({ principals }) {
				expect(principals.sort()).toEqual(['fm', 'gone']);
				return [
					{ principal: 'fm', displayName: 'Facility Management', email: 'fm@example.com' },
					{ principal: 'gone', displayName: 'Frau Ehemals', email: null },
				];
			},
			measureCatalogue: () => [
				{ code: 'ERGO', de: 'Ergonomischer Arbeitsplatz' },
				{ code: 'HOURS', de: 'Stufenweise Wiedereingliederung' },
			],
		};
		const withMeasures = { ...store, ...measures } as BemStore & MeasureStore;
		const mails = await dueReminderMails(ctx('2026-07-04', withMeasures));
		expect(seen).toEqual([{ overdueOn: '2026-07-04' }]);
		const owner = mails.find((m) => m.to === 'fm@example.com');
		expect(owner?.subject).toBe('BEM-Erinnerung 2026-07-04: 2 Maßnahmen überfällig');
		expect(owner?.text).toContain(
			`Fall ${ids.review}, Maßnahme m-1 (Ergonomischer Arbeitsplatz): fällig seit 2026-06-30`,
		);
		expect(owner?.text).toContain(
			`Fall ${ids.stale}, Maßnahme m-7 (Stufenweise Wiedereingliederung): fällig seit 2026-06-15`,
		);
		// an owner never reads the personnel number
		expect(owner?.text).not.toMatch(/Personalnummer|E-REVIEW|E-STALE/);
		const toOfficer = mails.find((m) => m.to === 'bem-team@example.com');
		expect(toOfficer?.text).toContain(
			`Fall ${ids.review}, Maßnahme m-2 (X-NEW): fällig seit 2026-06-01 — verantwortlich: Frau Ehemals (keine E-Mail-Adresse im Verzeichnis)`,
		);
		expect(mails).toHaveLength(2);
		// the owner's items are claimed too: a rerun mails nobody
		expect(await dueReminderMails(ctx('2026-07-04', withMeasures))).toEqual([]);
	});
});

// The contract's part for the employee's right of access (Art. 15 DSGVO; case-file.md "The employee's
// rights"): subjectAccessExport, run by storeContract on every backend.
import { SUBJECT_ACCESS_EXPORT_VERSION, type BemStore } from '../../core';
import { refused } from './contract.corrections';

const officer = { actor: 'test:hr', purpose: 'Auskunft nach Art. 15 DSGVO' };
const on = '2026-01-01';

const pattern = (employedSince: string) => ({
	weeklyHours: 30,
	workdays: [1, 2, 3],
	hoursPerWorkday: { '1': 10, '2': 10, '3': 10 },
	workPatternSource: 'work_schedule' as const,
	employedSince,
	workPatterns: [{ from: employedSince, workdays: [1, 2, 3] }],
});
const period = (employeeId: string, id: string, start: string, end: string | null) => ({
	source: 'v2 absence period' as const,
	id,
	employeeId,
	kind: 'sick',
	start,
	end,
	startHalf: false,
	endHalf: end !== null,
});

export function exportContract(
	ctx: () => {
		store: BemStore;
		name: string;
		exec: (sql: string) => Promise<unknown>;
	},
): void {
	let n = 0;
	const store = () => ctx().store;
	const open = async (employeeId: string, day = '2026-03-01') =>
		(
			await store().openCase({
				employeeId,
				reachedOn: '2026-02-27',
				reason: 'continuous',
				on: day,
				actor: 'test:workflow',
			})
		).case;
	const ev = (id: string, type: string, day: string, data?: Record<string, unknown>) =>
		store().recordEvent(id, { type: type as never, on: day, actor: 'test:workflow', data });
	/** an employee with a closed case and an open one holding a note, a voided note and a letter */
	const employeeWithFile = async () => {
		const employeeId = `SAE-${ctx().name}-${++n}`;
		const first = await open(employeeId);
		await ev(first.id, 'withdrawn', '2026-03-02');
		const second = await open(employeeId, '2026-05-01');
		await ev(second.id, 'note_added', '2026-05-02', { text: 'SECRET-NOTE-kept' });
		await ev(second.id, 'note_added', '2026-05-03', { text: 'SECRET-NOTE-wrong' });
		await ev(second.id, 'event_voided', '2026-05-04', { seq: 3, reason: 'recorded in error' });
		await store().archiveLetter(second.id, {
			kind: 'first',
			on: '2026-05-05',
			actor: 'test:workflow',
			subject: 'Einladung zum BEM',
			text: 'Sehr geehrte Frau Muster',
			pdf: Buffer.from('%PDF-1.7 letter'),
		});
		await store().getCase(second.id, officer); // an access-log row the export must carry
		return { employeeId, first, second };
	};
	/** what the approaching set, the reminder log and both HRIS caches hold on `employeeId` (and on `other`) */
	const cacheRows = async (employeeId: string, other: string, caseIds: string[] = []) => {
		const tag = `sae-${ctx().name}-${++n}`;
		const [detect, hrisA, hrisB] = [`detect:${tag}`, `a-hris:${tag}`, `b-hris:${tag}`];
		await store().updateApproaching(detect, '2026-04-01', [employeeId, other], officer);
		await store().claimReminders(
			'2026-06-01',
			caseIds.map((caseId) => ({ recipient: 'bem@example.org', item: `stale:${caseId}`, caseId })),
			officer,
		);
		const at = '2026-06-02T05:00:00.000Z';
		await store().saveWorkPatterns(
			hrisA,
			at,
			[{ employeeId, pattern: pattern('2019-04-01') }],
			officer,
		);
		await store().saveWorkPatterns(
			hrisB,
			at,
			[
				{ employeeId, pattern: pattern('2021-01-01') },
				{ employeeId: other, pattern: pattern('1999-09-09') },
			],
			officer,
		);
		const periods = [
			period(employeeId, `${tag}-2`, '2026-05-04', null),
			period(employeeId, `${tag}-1`, '2026-02-02', '2026-02-13'),
		];
		await store().saveAuPeriods(
			hrisA,
			at,
			{
				full: false,
				upsert: [...periods, period(other, `${tag}-x`, '1999-01-01', '1999-01-09')],
				remove: [],
			},
			officer,
		);
		return { detect, hrisA, hrisB, at, periods };
	};
	const exportsOf = async (caseId: string) =>
		(await store().accessLog(caseId, officer)).filter((r) => r.action === 'subjectAccessExport');

	it('gives an officer every case, event (decrypted, voided marked), letter and access-log row', async () => {
		const { employeeId, first, second } = await employeeWithFile();
		const before = Date.now();
		const out = await store().subjectAccessExport(employeeId, officer);
		expect(out.version).toBe(SUBJECT_ACCESS_EXPORT_VERSION);
		expect(Date.parse(out.exportedAt)).toBeGreaterThanOrEqual(before - 1000);
		expect(out.employeeId).toBe(employeeId);
		expect(out.cases.map((c) => c.case.id)).toEqual([first.id, second.id]);
		expect(out.cases[0].case.state).toBe('closed');
		const events = out.cases[1].events;
		expect(events).toEqual(await store().auditTrail(second.id, officer));
		expect(events.map((e) => [e.type, e.data.text, e.voidedBy])).toEqual([
			['case_opened', undefined, null],
			['note_added', 'SECRET-NOTE-kept', null],
			['note_added', 'SECRET-NOTE-wrong', 4],
			['event_voided', undefined, null],
		]);
		expect(out.cases[1].letters).toEqual([
			{
				id: expect.any(String),
				kind: 'first',
				on: '2026-05-05',
				subject: 'Einladung zum BEM',
				text: 'Sehr geehrte Frau Muster',
				pdfBase64: Buffer.from('%PDF-1.7 letter').toString('base64'),
			},
		]);
		expect(out.cases[0].letters).toEqual([]);
		const log = out.cases[1].accessLog;
		expect(log.some((r) => r.action === 'getCase' && r.actor === officer.actor)).toBe(true);
		expect(log.every((r) => r.caseId === second.id)).toBe(true);
		// logged on each case it read, once
		for (const c of [first, second])
			expect(await exportsOf(c.id)).toEqual([
				expect.objectContaining({ actor: officer.actor, outcome: 'allowed', caseId: c.id }),
			]);
		expect(JSON.parse(JSON.stringify(out))).toEqual(out);
		expect((await store().verifyAudit(second.id)).ok).toBe(true);
	});

	it("carries the approaching set, the reminders on their cases and the HRIS caches (AU periods decrypted), no one else's", async () => {
		const { employeeId, first, second } = await employeeWithFile();
		const other = (await employeeWithFile()).second;
		const { detect, hrisA, hrisB, at, periods } = await cacheRows(employeeId, other.employeeId, [
			first.id,
			second.id,
			other.id,
		]);
		const out = await store().subjectAccessExport(employeeId, officer);
		expect(out.version).toBe(2);
		expect(SUBJECT_ACCESS_EXPORT_VERSION).toBe(2);
		expect(out.approaching).toEqual([{ source: detect, since: '2026-04-01' }]);
		const byItem = <T extends { item: string }>(list: T[]) =>
			[...list].sort((a, b) => Number(a.item > b.item) - Number(a.item < b.item));
		expect(byItem(out.reminders)).toEqual(
			byItem(
				[first, second].map((c) => ({
					recipient: 'bem@example.org',
					item: `stale:${c.id}`,
					on: '2026-06-01',
					caseId: c.id,
					sentAt: expect.any(String),
				})),
			),
		);
		expect(out.hrisCache.workPatterns).toEqual([
			{ source: hrisA, changedAt: at, pattern: pattern('2019-04-01') },
			{ source: hrisB, changedAt: at, pattern: pattern('2021-01-01') },
		]);
		// in calendar order, opened: health data the employee may read
		expect(out.hrisCache.auPeriods).toEqual([
			{ source: hrisA, changedAt: at, period: periods[1] },
			{ source: hrisA, changedAt: at, period: periods[0] },
		]);
		const json = JSON.stringify(out);
		for (const theirs of [other.id, other.employeeId, '1999-09-09', '1999-01-01'])
			expect(json).not.toContain(theirs);
		// read in the one logged transaction: still one row per case
		for (const c of [first, second]) expect(await exportsOf(c.id)).toHaveLength(1);
		// the other employee's answer has their own rows only
		const theirs = await store().subjectAccessExport(other.employeeId, officer);
		expect(theirs.reminders.map((r) => r.caseId)).toEqual([other.id]);
		expect(theirs.hrisCache.auPeriods.map((p) => p.period.employeeId)).toEqual([other.employeeId]);
	});

	it('gives a store-wide officer the cache rows of an employee without cases, logged store-wide; a case officer is refused', async () => {
		const employeeId = `SAE-${ctx().name}-cache-only-${++n}`;
		const { detect, hrisA, periods } = await cacheRows(employeeId, `${employeeId}-other`);
		const purpose = `cache only ${employeeId}`;
		const out = await store().subjectAccessExport(employeeId, { ...officer, purpose });
		expect(out).toMatchObject({ version: 2, cases: [], reminders: [] });
		expect(out.approaching).toEqual([{ source: detect, since: '2026-04-01' }]);
		expect(out.hrisCache.workPatterns).toHaveLength(2);
		expect(out.hrisCache.auPeriods.map((p) => [p.source, p.period])).toEqual([
			[hrisA, periods[1]],
			[hrisA, periods[0]],
		]);
		expect((await store().accessLog(null, officer)).filter((r) => r.purpose === purpose)).toEqual([
			expect.objectContaining({ action: 'subjectAccessExport', outcome: 'allowed', caseId: null }),
		]);
		const someCase = (await employeeWithFile()).second;
		const actor = `sae-case-officer-${ctx().name}-${n}`;
		await store().grantRole({
			principal: actor,
			role: 'bem_officer',
			caseId: someCase.id,
			by: 'test:hr',
			on,
		});
		expect(
			await refused(store().subjectAccessExport(employeeId, { actor, purpose: 'x' })),
		).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
	});

	it('does not open an AU period moved to another employee: the cipher binds it to its own', async () => {
		const employeeId = `SAE-${ctx().name}-moved-${++n}`;
		const { periods } = await cacheRows(`${employeeId}-from`, `${employeeId}-other`);
		await ctx().exec(
			`UPDATE bem_hris_au_periods SET employee_id = '${employeeId}' WHERE employee_id = '${employeeId}-from'`,
		);
		const e = await refused(store().subjectAccessExport(employeeId, officer));
		expect(e).toMatchObject({ code: 'BEM_INVALID_INPUT' });
		expect(e.message).not.toContain(periods[0].start);
	});

	it('refuses process, hr_admin and participants, logs the refusal and reads nothing', async () => {
		const { employeeId, second } = await employeeWithFile();
		const p = `sae-${ctx().name}-${n}`;
		await store().grantRole({ principal: `${p}:process`, role: 'process', by: 'test:hr', on });
		await store().grantRole({ principal: `${p}:hr`, role: 'hr_admin', by: 'test:hr', on });
		// a participant role needs the employee's consent naming it (case-file.md)
		await ev(second.id, 'invitation_sent', '2026-05-06');
		await ev(second.id, 'reply_accepted', '2026-05-07');
		await ev(second.id, 'consent_given', '2026-05-08', {
			scopes: ['bem', 'data_processing'],
			participants: ['works_council'],
		});
		await store().grantRole({
			principal: `${p}:wc`,
			role: 'works_council',
			caseId: second.id,
			by: 'test:hr',
			on,
		});
		for (const actor of [`${p}:process`, `${p}:hr`, `${p}:wc`, `${p}:nobody`]) {
			const e = await refused(store().subjectAccessExport(employeeId, { actor, purpose: 'x' }));
			expect(e).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			const row = (await store().accessLog(null, officer)).filter((r) => r.actor === actor);
			expect(row).toEqual([
				expect.objectContaining({ action: 'subjectAccessExport', outcome: 'denied', caseId: null }),
			]);
		}
		expect(await exportsOf(second.id)).toEqual([]);
	});

	it('gives a store-wide deputy the same export', async () => {
		const { employeeId } = await employeeWithFile();
		const actor = `sae-deputy-${ctx().name}-${n}`;
		await store().grantRole({ principal: actor, role: 'deputy', by: 'test:hr', on });
		const byDeputy = await store().subjectAccessExport(employeeId, { actor, purpose: 'x' });
		const byOfficer = await store().subjectAccessExport(employeeId, officer);
		const stable = (e: typeof byDeputy) =>
			e.cases.map((c) => ({ case: c.case, events: c.events, letters: c.letters }));
		expect(stable(byDeputy)).toEqual(stable(byOfficer));
		expect(byDeputy.cases).toHaveLength(2);
	});

	it('needs a case officer on every case of the employee, not on one', async () => {
		const { employeeId, first, second } = await employeeWithFile();
		const actor = `sae-case-officer-${ctx().name}-${n}`;
		const grant = (caseId: string) =>
			store().grantRole({ principal: actor, role: 'bem_officer', caseId, by: 'test:hr', on });
		await grant(second.id);
		expect(
			await refused(store().subjectAccessExport(employeeId, { actor, purpose: 'x' })),
		).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
		await grant(first.id);
		const out = await store().subjectAccessExport(employeeId, { actor, purpose: 'x' });
		expect(out.cases).toHaveLength(2);
		// an employee without cases is no case of theirs
		expect(
			await refused(store().subjectAccessExport(`${employeeId}-none`, { actor, purpose: 'x' })),
		).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
	});

	it('answers an unknown employee with an empty export, logged store-wide', async () => {
		const purpose = `unknown employee ${ctx().name}`;
		const out = await store().subjectAccessExport('SAE-NEVER-SEEN', { actor: 'test:hr', purpose });
		expect(out).toMatchObject({ employeeId: 'SAE-NEVER-SEEN', cases: [] });
		expect((await store().accessLog(null, officer)).filter((r) => r.purpose === purpose)).toEqual([
			expect.objectContaining({ action: 'subjectAccessExport', outcome: 'allowed', caseId: null }),
		]);
	});

	it('refuses an employee id that is no id, naming the field and never the value', async () => {
		for (const bad of ['', 42, null, 'x'.repeat(201)]) {
			const e = await refused(store().subjectAccessExport(bad as never, officer));
			expect(e).toMatchObject({
				code: 'BEM_INVALID_INPUT',
				field: expect.stringContaining('employeeId'),
			});
			if (typeof bad === 'string' && bad) expect(e.message).not.toContain(bad);
		}
	});
}

// The contract's part for the measure plan (case-file.md "Measures"): the catalogue and its extension,
// the owner directory, measures with owners and due dates moving the case to review when the last open
// one is implemented, findMeasures for reminders, the personnel file by catalogue label, and the talk
// records' checklists; run by storeContract on every backend.
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { BemStore } from '../../core';
import type { Backend } from './backends';
import { caseInProgress } from './cases';
import { refused } from './contract.corrections';

const officer = 'test:hr'; // store-wide bem_officer (backends.ts TEST_ROLES)
const who = { actor: officer, purpose: 'measures contract' };

export function measuresContract(ctx: () => { store: BemStore; backend: Backend }): void {
	let n = 0;
	const store = () => ctx().store;
	const ev = (
		id: string,
		type: string,
		on: string,
		data?: Record<string, unknown>,
		actor = officer,
	) => store().recordEvent(id, { type: type as never, on, actor, data });
	/** a case in progress: consent naming the works council, first talk held */
	const inProgress = () =>
		caseInProgress(store(), { employeeId: `MEA-${ctx().backend.name}-${++n}`, actor: officer });
	const plan = (id: string, measureId: string, extra: Record<string, unknown> = {}) =>
		ev(id, 'measure_planned', '2026-03-06', {
			measureId,
			code: 'working_time',
			owner: 'bem_officer',
			dueOn: '2026-04-01',
			...extra,
		});
	const log = (caseId: string, action: string) =>
		ctx().backend.exec(
			`SELECT actor, action, outcome FROM bem_access_log WHERE case_id = '${caseId}' AND action = '${action}' ORDER BY id`,
		);
	const grantStoreRole = (principal: string, role: 'process' | 'hr_admin') =>
		store().grantRole({ principal, role, by: officer, on: '2026-03-01' });

	describe('the catalogue', () => {
		it('ships at least the twelve measures of the spec with labels, category and labour-law flag', () => {
			const entries = store().measureCatalogue();
			expect(entries.length).toBeGreaterThanOrEqual(12);
			for (const e of entries) {
				expect(Object.keys(e).sort()).toEqual(['category', 'code', 'de', 'en', 'labourLaw']);
				expect(['technical', 'organisational', 'personal']).toContain(e.category);
			}
			expect(entries.map((e) => e.de)).toEqual(
				expect.arrayContaining([
					'Stufenweise Wiedereingliederung',
					'Technische Hilfsmittel',
					'Anpassung der Arbeitszeit',
					'Versetzung / Umsetzung',
					'Coaching / Beratung',
					'Angebot des BGM',
				]),
			);
			expect(entries.find((e) => e.code === 'transfer')).toMatchObject({ labourLaw: true });
			expect(entries.find((e) => e.code === 'coaching')).toMatchObject({ labourLaw: false });
			// a copy: the caller cannot change the store's catalogue
			entries[0].de = 'changed';
			expect(store().measureCatalogue()[0].de).not.toBe('changed');
		});

		it('is extended per works agreement from a JSON file or entries: new codes added, shipped ones relabelled', async () => {
			const added = {
				code: 'mobile_work',
				de: 'Mobiles Arbeiten',
				en: 'Mobile work',
				category: 'organisational',
				labourLaw: true,
			};
			const relabel = {
				code: 'coaching',
				de: 'Coaching (extern)',
				en: 'External coaching',
				category: 'personal',
				labourLaw: false,
			};
			const dir = mkdtempSync(join(tmpdir(), 'bem-catalogue-'));
			const file = join(dir, 'catalogue.json');
			writeFileSync(file, JSON.stringify([added, relabel]));
			for (const measureCatalogue of [file, [added, relabel]]) {
				const s = await ctx().backend.open({ measureCatalogue } as never);
				try {
					const entries = s.measureCatalogue();
					expect(entries.find((e) => e.code === 'mobile_work')).toEqual(added);
					expect(entries.find((e) => e.code === 'coaching')).toEqual(relabel);
					expect(entries.length).toBe(store().measureCatalogue().length + 1);
				} finally {
					await s.close();
				}
			}
		});

		it('refuses a bad extension naming the entry index and field, never the value', async () => {
			const good = { code: 'x_one', de: 'Eins', en: 'One', category: 'personal', labourLaw: false };
			const dir = mkdtempSync(join(tmpdir(), 'bem-catalogue-'));
			const notJson = join(dir, 'bad.json');
			writeFileSync(notJson, '{ SECRET-VALUE');
			for (const [measureCatalogue, field, pattern] of [
				[
					[good, { ...good, code: 'x_two', category: 'SECRET-VALUE' }],
					'measureCatalogue[1].category',
					/must be one of/,
				],
				[[good, { ...good, code: 'X SECRET-VALUE' }], 'measureCatalogue[1].code', /code/],
				[
					[{ ...good, labourLaw: 'SECRET-VALUE' }],
					'measureCatalogue[0].labourLaw',
					/true or false/,
				],
				[[good, { ...good, de: '' }], 'measureCatalogue[1].de', /empty/],
				[[good, good], 'measureCatalogue[1].code', /repeats/],
				[[{ ...good, 'SECRET-VALUE': 1 }], 'measureCatalogue[0]', /not one of code, de, en/],
				[
					[{ ...good, code: 'transfer', labourLaw: false }],
					'measureCatalogue[0].labourLaw',
					/shipped/,
				],
				[{ code: 'x' }, 'measureCatalogue', /list/],
				[notJson, 'measureCatalogue', /not JSON/],
				[join(dir, 'missing.json'), 'measureCatalogue', /cannot be read/],
			] as const) {
				const e = await refused(ctx().backend.open({ measureCatalogue } as never));
				expect([field, e.code, e.field]).toEqual([field, 'BEM_INVALID_INPUT', field]);
				expect(e.message).toMatch(pattern);
				expect(e.message).not.toContain('SECRET');
			}
		});
	});

	describe('the owner directory', () => {
		it('is kept by the officers; process reads it for reminders; every write and read is logged', async () => {
			const principal = `owner-${ctx().backend.name}-1`;
			const set = await store().setOwner({
				principal,
				displayName: 'Erika Muster',
				email: 'erika.muster@example.com',
				by: officer,
				on: '2026-03-01',
			});
			expect(set).toEqual({
				principal,
				displayName: 'Erika Muster',
				email: 'erika.muster@example.com',
				updatedOn: '2026-03-01',
				updatedBy: officer,
			});
			await store().setOwner({
				principal,
				displayName: 'Erika M.',
				email: 'em@example.com',
				by: officer,
				on: '2026-03-02',
			});
			const proc = `proc-${ctx().backend.name}`;
			await grantStoreRole(proc, 'process');
			expect(
				await store().owners({ principals: [principal] }, { actor: proc, purpose: 'reminders' }),
			).toEqual([
				{
					principal,
					displayName: 'Erika M.',
					email: 'em@example.com',
					updatedOn: '2026-03-02',
					updatedBy: officer,
				},
			]);
			expect(await store().owners({ principals: [] }, who)).toEqual([]);
			expect((await store().owners({}, who)).map((o) => o.principal)).toContain(principal);
			// process never writes it; hr_admin never reads it: refused, logged, nothing changed
			const admin = `admin-${ctx().backend.name}`;
			await grantStoreRole(admin, 'hr_admin');
			// one after the other: the log's order is the calls' order
			for (const call of [
				() =>
					store().setOwner({
						principal,
						displayName: 'X',
						email: 'x@example.com',
						by: proc,
						on: '2026-03-03',
					}),
				() => store().removeOwner({ principal, by: proc, on: '2026-03-03' }),
				() => store().owners({}, { actor: admin, purpose: 'look' }),
			])
				expect(await refused(call())).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			expect((await store().owners({ principals: [principal] }, who))[0].displayName).toBe(
				'Erika M.',
			);
			const rows = await ctx().backend.exec(
				`SELECT actor, action, outcome FROM bem_access_log WHERE case_id = '' AND action IN ('setOwner', 'removeOwner', 'owners') AND actor IN ('${proc}', '${admin}') ORDER BY id`,
			);
			expect(rows).toEqual([
				{ actor: proc, action: 'owners', outcome: 'allowed' },
				{ actor: proc, action: 'setOwner', outcome: 'denied' },
				{ actor: proc, action: 'removeOwner', outcome: 'denied' },
				{ actor: admin, action: 'owners', outcome: 'denied' },
			]);
			expect(await store().removeOwner({ principal, by: officer, on: '2026-03-04' })).toEqual({
				removed: true,
			});
			expect(await store().removeOwner({ principal, by: officer, on: '2026-03-04' })).toEqual({
				removed: false,
			});
			expect(await store().owners({ principals: [principal] }, who)).toEqual([]);
		});

		it('refuses bad contact data naming the field, never the value, and unknown fields', async () => {
			const base = {
				principal: 'owner-bad',
				displayName: 'A',
				email: 'a@example.com',
				by: officer,
				on: '2026-03-01',
			};
			for (const [input, field] of [
				[{ ...base, email: 'SECRET-not-an-address' }, 'email'],
				[{ ...base, displayName: '' }, 'displayName'],
				[{ ...base, principal: 'has space SECRET' }, 'principal'],
				[{ ...base, phone: 'SECRET' }, 'setOwner'],
			] as const) {
				const e = await refused(store().setOwner(input as never));
				expect([field, e.code, e.field]).toEqual([field, 'BEM_INVALID_INPUT', field]);
				expect(e.message).not.toContain('SECRET');
			}
			expect(await store().owners({ principals: ['owner-bad'] }, who)).toEqual([]);
		});
	});

	describe('measures with owners and due dates', () => {
		it('moves the case to review when its last open measure is implemented; a dropped one does not count open', async () => {
			const c = await inProgress();
			const owner = `owner-${ctx().backend.name}-plan`;
			await store().setOwner({
				principal: owner,
				displayName: 'Max',
				email: 'max@example.com',
				by: officer,
				on: '2026-03-01',
			});
			await plan(c.id, 'm1', { owner, details: 'Schichtbeginn 9 Uhr' });
			await plan(c.id, 'm2', { code: 'technical_aids' });
			await plan(c.id, 'm3', { code: 'coaching' });
			expect((await ev(c.id, 'measure_started', '2026-03-07', { measureId: 'm1' })).state).toBe(
				'in_progress',
			);
			expect((await ev(c.id, 'measure_implemented', '2026-03-20', { measureId: 'm1' })).state).toBe(
				'in_progress',
			);
			expect(
				(
					await ev(c.id, 'measure_dropped', '2026-03-21', {
						measureId: 'm3',
						reason: 'nicht mehr nötig',
					})
				).state,
			).toBe('in_progress');
			const s = await ev(c.id, 'measure_implemented', '2026-04-01', { measureId: 'm2' });
			expect(s).toMatchObject({ state: 'review', reviewDueOn: '2026-07-01' });
			// reviews twice, as before the plan had measures
			expect(await ev(c.id, 'review_held', '2026-07-01', { effective: true })).toMatchObject({
				state: 'review',
				reviewDueOn: '2026-10-01',
			});
			expect(await ev(c.id, 'review_held', '2026-10-01', { effective: true })).toMatchObject({
				state: 'closed',
				outcome: 'completed',
			});
			// free text encrypted at rest
			const dump = await ctx().backend.dump();
			expect(dump).not.toContain('Schichtbeginn 9 Uhr');
			expect(dump).not.toContain('nicht mehr nötig');
			const trail = await store().auditTrail(c.id, who);
			expect(trail.find((e) => e.type === 'measure_dropped')?.data).toEqual({
				measureId: 'm3',
				reason: 'nicht mehr nötig',
			});
			expect(await store().verifyAudit(c.id)).toMatchObject({ ok: true });
		});

		it('dropping the last open measure after another was implemented completes the plan', async () => {
			const c = await inProgress();
			await plan(c.id, 'a');
			await plan(c.id, 'b');
			await ev(c.id, 'measure_implemented', '2026-03-10', { measureId: 'a' });
			expect(
				await ev(c.id, 'measure_dropped', '2026-03-12', { measureId: 'b', reason: 'x' }),
			).toMatchObject({
				state: 'review',
				reviewDueOn: '2026-06-12',
			});
			// dropping every measure completes nothing
			const d = await inProgress();
			await plan(d.id, 'only');
			expect(
				(await ev(d.id, 'measure_dropped', '2026-03-12', { measureId: 'only', reason: 'x' })).state,
			).toBe('in_progress');
		});

		it('refuses what the plan does not allow, changing nothing', async () => {
			const c = await inProgress();
			await plan(c.id, 'm1');
			const version = (await store().getCase(c.id, who))!.version;
			for (const [type, data, pattern] of [
				[
					'measure_planned',
					{ measureId: 'm1', code: 'training', owner: 'deputy', dueOn: '2026-04-01' },
					/already planned/,
				],
				[
					'measure_planned',
					{ measureId: 'm9', code: 'training', owner: 'deputy', dueOn: '2026-03-01' },
					/before it is planned/,
				],
				['measure_started', { measureId: 'nope' }, /no measure nope/],
				['measure_implemented', { measureId: 'nope' }, /no measure nope/],
				['measure_dropped', { measureId: 'nope', reason: 'x' }, /no measure nope/],
			] as const) {
				const e = await refused(ev(c.id, type, '2026-03-06', data));
				expect([type, e.code]).toEqual([type, 'BEM_TRANSITION_REFUSED']);
				expect(e.message).toMatch(pattern);
			}
			await ev(c.id, 'measure_started', '2026-03-07', { measureId: 'm1' });
			expect(
				(await refused(ev(c.id, 'measure_started', '2026-03-08', { measureId: 'm1' }))).message,
			).toMatch(/started already/);
			// dates never run backwards
			expect(
				(await refused(ev(c.id, 'measure_implemented', '2026-03-06', { measureId: 'm1' }))).message,
			).toMatch(/never run backwards/);
			expect((await store().getCase(c.id, who))!.version).toBe(version + 1);
		});

		it('refuses an unknown code or owner and bad fields by name, never echoing the value', async () => {
			const c = await inProgress();
			const base = { measureId: 'm1', code: 'training', owner: 'deputy', dueOn: '2026-04-01' };
			for (const [data, field] of [
				[{ ...base, code: 'SECRET-code' }, 'data.code'],
				[{ ...base, owner: 'SECRET-nobody' }, 'data.owner'],
				[{ ...base, dueOn: 'SECRET' }, 'data.dueOn'],
				[{ ...base, measureId: 'SECRET with spaces' }, 'data.measureId'],
				[{ ...base, colour: 'SECRET' }, 'data.colour'],
				[{ code: 'training', owner: 'deputy', dueOn: '2026-04-01' }, 'data.measureId'],
			] as const) {
				const e = await refused(ev(c.id, 'measure_planned', '2026-03-06', data));
				expect([field, e.code, e.field]).toEqual([field, 'BEM_INVALID_INPUT', field]);
				expect(e.message).not.toContain('SECRET');
			}
			expect(
				(await refused(ev(c.id, 'measure_dropped', '2026-03-06', { measureId: 'm1' }))).field,
			).toBe('data.reason');
			expect((await store().auditTrail(c.id, who)).some((e) => e.type === 'measure_planned')).toBe(
				false,
			);
		});

		it("measure events are the officers': a participant or process is refused and logged", async () => {
			const c = await inProgress();
			const proc = `proc-${ctx().backend.name}`;
			await grantStoreRole(proc, 'process');
			expect(
				await refused(
					ev(
						c.id,
						'measure_planned',
						'2026-03-06',
						{ measureId: 'm1', code: 'training', owner: 'deputy', dueOn: '2026-04-01' },
						proc,
					),
				),
			).toMatchObject({ code: 'BEM_ACCESS_DENIED' });
			expect(await log(c.id, 'recordEvent measure_planned')).toEqual([
				{ actor: proc, action: 'recordEvent measure_planned', outcome: 'denied' },
			]);
		});

		it('keeps cases from before measure ids: an implementation without measureId moves to review', async () => {
			const c = await inProgress();
			await plan(c.id, 'open-one');
			expect(await ev(c.id, 'measure_implemented', '2026-03-10')).toMatchObject({
				state: 'review',
			});
			// a correction replays the plan: voiding the implementation re-opens the measure
			const trail = await store().auditTrail(c.id, who);
			const seq = trail.find((e) => e.type === 'measure_implemented')!.seq;
			await ev(c.id, 'event_voided', '2026-03-11', { seq, reason: 'falsch erfasst' });
			expect((await store().getCase(c.id, who))!.state).toBe('in_progress');
			expect(
				await ev(c.id, 'measure_implemented', '2026-03-12', { measureId: 'open-one' }),
			).toMatchObject({ state: 'review' });
		});
	});

	describe('findMeasures', () => {
		it('lists planned or started measures due before the day, metadata only, for process and officers; logged', async () => {
			const c = await inProgress();
			const owner = `owner-${ctx().backend.name}-find`;
			await store().setOwner({
				principal: owner,
				displayName: 'F',
				email: 'f@example.com',
				by: officer,
				on: '2026-03-01',
			});
			await plan(c.id, 'due', { owner, dueOn: '2026-03-20', details: 'SECRET-DETAIL' });
			await plan(c.id, 'later', { dueOn: '2026-05-01' });
			await plan(c.id, 'done', { dueOn: '2026-03-10' });
			await plan(c.id, 'gone', { dueOn: '2026-03-10' });
			await plan(c.id, 'voided', { dueOn: '2026-03-10' });
			await ev(c.id, 'measure_started', '2026-03-07', { measureId: 'due' });
			await ev(c.id, 'measure_implemented', '2026-03-08', { measureId: 'done' });
			await ev(c.id, 'measure_dropped', '2026-03-08', { measureId: 'gone', reason: 'x' });
			const voidSeq = (await store().auditTrail(c.id, who))
				.filter((e) => e.type === 'measure_planned')
				.at(-1)!.seq;
			await ev(c.id, 'event_voided', '2026-03-08', { seq: voidSeq, reason: 'doppelt' });
			const proc = `proc-${ctx().backend.name}`;
			await grantStoreRole(proc, 'process');
			const found = await store().findMeasures(
				{ overdueOn: '2026-04-02', caseId: c.id },
				{ actor: proc, purpose: 'sweep' },
			);
			expect(found).toEqual([
				{
					caseId: c.id,
					measureId: 'due',
					code: 'working_time',
					owner,
					dueOn: '2026-03-20',
					state: 'started',
				},
			]);
			expect(JSON.stringify(found)).not.toContain('SECRET');
			// the due day itself is not overdue; the owner filter; every case the role covers
			expect(await store().findMeasures({ overdueOn: '2026-03-20', caseId: c.id }, who)).toEqual(
				[],
			);
			expect(
				(await store().findMeasures({ overdueOn: '2026-04-02', owner }, who)).map(
					(m) => m.measureId,
				),
			).toEqual(['due']);
			expect(
				(await store().findMeasures({ overdueOn: '2026-06-01' }, who))
					.filter((m) => m.caseId === c.id)
					.map((m) => m.measureId),
			).toEqual(['due', 'later']);
			// hr_admin reads no measures: refused, logged
			const admin = `admin-${ctx().backend.name}`;
			await grantStoreRole(admin, 'hr_admin');
			expect(
				await refused(
					store().findMeasures({ overdueOn: '2026-04-02' }, { actor: admin, purpose: 'x' }),
				),
			).toMatchObject({
				code: 'BEM_ACCESS_DENIED',
			});
			expect(await log(c.id, 'findMeasures')).toEqual(
				expect.arrayContaining([{ actor: proc, action: 'findMeasures', outcome: 'allowed' }]),
			);
			expect(
				await ctx().backend.exec(
					`SELECT outcome FROM bem_access_log WHERE actor = '${admin}' AND action = 'findMeasures'`,
				),
			).toEqual([{ outcome: 'denied' }]);
			expect(
				(await refused(store().findMeasures({ overdueOn: 'SECRET' } as never, who))).field,
			).toBe('overdueOn');
			expect(
				(await refused(store().findMeasures({ overdueOn: '2026-04-02', state: 'x' } as never, who)))
					.code,
			).toBe('BEM_INVALID_INPUT');
			// a closed case's measures remind no one
			await ev(c.id, 'withdrawn', '2026-03-09');
			expect(await store().findMeasures({ overdueOn: '2026-06-01', caseId: c.id }, who)).toEqual(
				[],
			);
		});
	});

	describe('the personnel-file extract', () => {
		it('names the labour-law measures implemented by catalogue label only; free text is refused', async () => {
			const c = await inProgress();
			await plan(c.id, 'hours', { code: 'working_time' });
			await plan(c.id, 'aid', { code: 'technical_aids' });
			await plan(c.id, 'move', { code: 'transfer' });
			await ev(c.id, 'measure_implemented', '2026-03-10', { measureId: 'hours' });
			await ev(c.id, 'measure_dropped', '2026-03-10', { measureId: 'move', reason: 'kein Platz' });
			const free = await refused(
				ev(c.id, 'measure_implemented', '2026-03-11', {
					measureId: 'aid',
					labourLawMeasure: 'Teilzeit wegen SECRET',
				}),
			);
			expect(free).toMatchObject({ code: 'BEM_FREE_TEXT_REFUSED', field: 'data.labourLawMeasure' });
			expect(free.message).not.toContain('SECRET');
			expect(
				await refused(
					ev(c.id, 'measure_implemented', '2026-03-11', {
						measureId: 'aid',
						labourLawMeasure: 'coaching',
					}),
				),
			).toMatchObject({ code: 'BEM_INVALID_INPUT', field: 'data.labourLawMeasure' });
			await ev(c.id, 'measure_implemented', '2026-03-11', { measureId: 'aid' });
			expect(await store().personnelFileExtract(c.id, who)).toEqual({
				employeeId: c.employeeId,
				offeredOn: '2026-03-02',
				response: 'accepted',
				labourLawMeasures: ['Anpassung der Arbeitszeit'],
			});
		});
	});

	describe('talk records', () => {
		it('carry the checklist as structured fields and their notes encrypted', async () => {
			const c = await inProgress();
			const checklist = {
				goalsExplained: true,
				privacyExplained: true,
				participants: ['works_council'],
				agreedMeasures: ['m1', 'm2'],
				nextMeetingOn: '2026-04-01',
				notes: 'Gespräch in ruhiger Atmosphäre NOTES-7781',
			};
			await ev(c.id, 'case_conference_held', '2026-03-10', checklist);
			const trail = await store().auditTrail(c.id, who);
			expect(trail.at(-1)).toMatchObject({ type: 'case_conference_held', data: checklist });
			expect(await ctx().backend.dump()).not.toContain('NOTES-7781');
			const [row] = await ctx().backend.exec(
				`SELECT data FROM bem_events WHERE case_id = '${c.id}' AND type = 'case_conference_held'`,
			);
			expect(JSON.parse(String(row.data))).toEqual({
				goalsExplained: true,
				privacyExplained: true,
				participants: ['works_council'],
				agreedMeasures: ['m1', 'm2'],
				nextMeetingOn: '2026-04-01',
			});
		});

		it('refuses participants beyond the consent, a next meeting before the talk, and bad fields by name', async () => {
			const c = await inProgress();
			const beyond = await refused(
				ev(c.id, 'case_conference_held', '2026-03-10', { participants: ['company_doctor'] }),
			);
			expect(beyond).toMatchObject({ code: 'BEM_CONSENT_REQUIRED', field: 'data.participants' });
			for (const [type, data, field] of [
				['case_conference_held', { nextMeetingOn: '2026-03-09' }, 'data.nextMeetingOn'],
				['case_conference_held', { goalsExplained: 'SECRET' }, 'data.goalsExplained'],
				['case_conference_held', { participants: ['SECRET'] }, 'data.participants.0'],
				[
					'case_conference_held',
					{ agreedMeasures: ['SECRET with space'] },
					'data.agreedMeasures.0',
				],
				['first_talk_held', { checklistSECRET: true }, 'data.checklistSECRET'],
			] as const) {
				const e = await refused(ev(c.id, type, '2026-03-10', data));
				expect([field, e.field]).toEqual([field, field]);
				expect(e.code).toMatch(/BEM_INVALID_INPUT|BEM_TRANSITION_REFUSED/);
				if (field !== 'data.checklistSECRET') expect(e.message).not.toContain('SECRET');
			}
			expect(
				(await store().auditTrail(c.id, who)).some((e) => e.type === 'case_conference_held'),
			).toBe(false);
		});

		it('a talk naming a participant racing the withdrawal of that consent is recorded before it or refused, never after it', async () => {
			for (let i = 0; i < 6; i++) {
				const c = await inProgress();
				const [talk] = await Promise.allSettled([
					ev(c.id, 'case_conference_held', '2026-03-10', { participants: ['works_council'] }),
					ev(c.id, 'consent_withdrawn', '2026-03-10'),
				]);
				const trail = await store().auditTrail(c.id, who);
				const seqOf = (type: string) => trail.find((e) => e.type === type)?.seq;
				const withdrawn = seqOf('consent_withdrawn')!;
				expect(withdrawn).toBeGreaterThan(0);
				if (talk.status === 'rejected')
					expect(talk.reason).toMatchObject({ code: 'BEM_CONSENT_REQUIRED' });
				else expect(seqOf('case_conference_held')).toBeLessThan(withdrawn);
			}
		});
	});
}

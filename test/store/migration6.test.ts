// A store written by the schema-5 code (test/fixtures/store-v5: measures and talks as v5 let callers
// write them) upgrades to migration 6 in place on both backends: its audit chains still verify, its
// cases replay as before (the untyped plan moved the case to review and stays there), the legacy
// free-text labour-law measure never reaches the personnel file, and the new plan chains on.
import { join } from 'path';

import { MIGRATION_VERSIONS, type BemStore } from '../../core';
import { fixtureBackend, type Backend } from './backends';
import ids from '../fixtures/store-v5/ids.json';

const FIXTURES = join(__dirname, '..', 'fixtures', 'store-v5');
const who = { actor: 'test', purpose: 'migration test' };

describe.each(['sqlite', 'postgres'] as const)('BEM store migration from v5: %s', (name) => {
	let backend: Backend;
	let store: BemStore;
	const id = ids[name];
	beforeAll(async () => {
		backend = await fixtureBackend(
			name,
			join(FIXTURES, name === 'sqlite' ? 'v5.sqlite' : 'v5.postgres.sql'),
		);
		expect(
			(await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version')).map((r) =>
				Number(r.version),
			),
		).toEqual([1, 2, 3, 4, 5]);
		store = await backend.open({ roles: undefined });
	});
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});

	it('migrates to 6 with every chain verifying and the cases as they were', async () => {
		expect(
			(await backend.exec('SELECT version FROM bem_schema_migrations ORDER BY version')).map((r) =>
				Number(r.version),
			),
		).toEqual(MIGRATION_VERSIONS);
		expect(MIGRATION_VERSIONS).toContain(6);
		expect(await store.verifyAudit()).toMatchObject({ ok: true, checked: 2 });
		expect(await store.getCase(id.inReview, who)).toMatchObject({
			state: 'review',
			reviewDueOn: '2026-05-02',
		});
		expect(await store.getCase(id.inProgress, who)).toMatchObject({ state: 'in_progress' });
		const trail = await store.auditTrail(id.inReview, who);
		expect(trail.find((e) => e.type === 'first_talk_held')?.data).toEqual({
			minutes: 'FIX5-MINUTES',
		});
		expect(await store.owners({}, who)).toEqual([]);
	});

	it('keeps a legacy free-text labour-law measure out of the personnel file', async () => {
		expect((await store.personnelFileExtract(id.inReview, who)).labourLawMeasures).toEqual([]);
	});

	it('lists a legacy measure with id, owner and due date; the new plan and talk records chain on', async () => {
		expect(
			await store.findMeasures({ overdueOn: '2026-03-01', caseId: id.inProgress }, who),
		).toEqual([
			{
				caseId: id.inProgress,
				measureId: 'm-legacy',
				code: 'free text code',
				owner: 'someone',
				dueOn: '2026-02-01',
				state: 'planned',
			},
		]);
		await store.recordEvent(id.inProgress, {
			type: 'case_conference_held',
			on: '2026-03-02',
			actor: 'test',
			data: { goalsExplained: true, participants: ['works_council'], notes: 'after the migration' },
		});
		await store.recordEvent(id.inProgress, {
			type: 'measure_planned',
			on: '2026-03-02',
			actor: 'test',
			data: { measureId: 'm2', code: 'transfer', owner: 'bem_officer', dueOn: '2026-04-01' },
		});
		await store.recordEvent(id.inProgress, {
			type: 'measure_implemented',
			on: '2026-03-03',
			actor: 'test',
			data: { measureId: 'm-legacy' },
		});
		expect(
			await store.recordEvent(id.inProgress, {
				type: 'measure_implemented',
				on: '2026-03-04',
				actor: 'test',
				data: { measureId: 'm2' },
			}),
		).toMatchObject({ state: 'review' });
		expect((await store.personnelFileExtract(id.inProgress, who)).labourLawMeasures).toEqual([
			'Versetzung / Umsetzung',
		]);
		expect(await store.verifyAudit()).toMatchObject({ ok: true });
	});
});

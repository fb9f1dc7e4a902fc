import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { evaluateThreshold } from '../../core';
import { runWorkflow, type WorkflowJson } from '../harness/run';
import { chainWorkflow } from '../harness/workflow';

// BEM Threshold through n8n-core's real engine: Manual Trigger -> BEM Threshold -> three outputs.
function workflow(parameters: IDataObject, settings: IDataObject = {}): WorkflowJson {
	return chainWorkflow([{ name: 'BEM Threshold', type: 'bemThreshold', parameters, settings }], {
		name: 'threshold test',
	});
}

const REF = { options: { referenceDate: '2026-11-22' } };
const items = (list: IDataObject[]): INodeExecutionData[] => list.map((json) => ({ json }));

const due = {
	employeeId: 'E1',
	name: 'Erika Muster',
	email: 'erika@example.invalid',
	diagnosis: 'must never pass',
	absences: [
		{ start: '2026-03-02', end: '2026-04-12', kind: 'sick', diagnosis: 'J06.9', comment: 'flu' },
	],
};
const approaching = {
	employeeId: 'E2',
	absences: [
		{ start: '2026-01-05', end: '2026-01-16' },
		{ start: '2026-03-02', end: '2026-03-13' },
		{ start: '2026-06-01', end: '2026-06-05' },
	],
};
const below = {
	employeeId: 'E3',
	absences: [
		{ start: '2026-04-06', end: '2026-04-10' },
		{ start: '2026-05-04', end: '2026-05-08', kind: 'vacation' },
	],
};

describe('BEM Threshold node', () => {
	it('routes employees to Due, Approaching and Below with the contract result and pairedItem', async () => {
		const {
			run,
			items: out,
			output,
		} = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([due, approaching, below]),
		});
		expect(run.data.resultData.error).toBeUndefined();
		expect(output('BEM Threshold', 0).map((j) => j.employeeId)).toEqual(['E1']);
		expect(output('BEM Threshold', 1).map((j) => j.employeeId)).toEqual(['E2']);
		expect(output('BEM Threshold', 2).map((j) => j.employeeId)).toEqual(['E3']);
		expect(out('BEM Threshold', 0)[0].pairedItem).toEqual([{ item: 0 }]);
		expect(out('BEM Threshold', 2)[0].pairedItem).toEqual([{ item: 2 }]);
		const first = output('BEM Threshold', 0)[0];
		expect(first).toMatchObject(
			evaluateThreshold(due as never, { referenceDate: '2026-11-22' }) as unknown as IDataObject,
		);
		expect(first).toMatchObject({
			name: 'Erika Muster',
			email: 'erika@example.invalid',
			reachedOn: '2026-04-10',
		});
		expect(output('BEM Threshold', 2)[0].ignoredRecords).toEqual({
			kindNotCounted: 1,
			rehabWithoutCertificate: 0,
			afterReferenceDate: 0,
			beforeLastClosure: 0,
			beforeEmployment: 0, // threshold contract v2: AU of an earlier employment
		});
	});

	it('takes the last closure from a last-closures map (Last BEM Closures Field); an own closure field wins', async () => {
		const closures = { E1: '2026-05-01', E2: '2026-11-01' };
		const params = { options: { ...REF.options, lastClosuresField: 'lastBemClosures' } };
		const { run, output } = await runWorkflow(workflow(params), {
			startNode: 'BEM Threshold',
			items: items([
				{ ...due, lastBemClosures: closures },
				{ ...approaching, lastBemClosures: closures, lastBemClosedOn: '2025-12-01' },
			]),
		});
		expect(run.data.resultData.error).toBeUndefined();
		const all = [0, 1, 2].flatMap((o) => output('BEM Threshold', o));
		const of = (id: string) => all.find((j) => j.employeeId === id);
		expect(of('E1')).toMatchObject(
			evaluateThreshold({ ...due, lastBemClosedOn: '2026-05-01' } as never, {
				referenceDate: '2026-11-22',
			}) as unknown as IDataObject,
		);
		expect(of('E1')!.status).not.toBe('due');
		// E2's own field (2025-12-01) wins over the map's later day
		expect(of('E2')).toMatchObject({ status: 'approaching' });
		// without the option the map is not read: E1 stays due
		const plain = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([{ ...due, lastBemClosures: closures }]),
		});
		expect(plain.output('BEM Threshold', 0).map((j) => j.employeeId)).toEqual(['E1']);
		// a map that is none: the field and its type, never the value
		const bad = await runWorkflow(workflow(params), {
			startNode: 'BEM Threshold',
			items: items([{ ...due, lastBemClosures: ['SECRET-2026-01-01'] }]),
		});
		const message = String(bad.run.data.resultData.error?.message);
		expect(message).toMatch(/field "lastBemClosures": a list is not valid/);
		expect(JSON.stringify(bad.run.data.resultData.error)).not.toContain('SECRET');
	});

	it("gives each result its employee's Bundesland from the location, case ignored, else the default", async () => {
		const options = {
			...REF.options,
			holidayStateByLocation: {
				pairs: [
					{ location: 'München', state: 'BY' },
					{ location: 'Köln', state: 'NW' },
				],
			},
			defaultHolidayState: 'HE',
		};
		const { run, output } = await runWorkflow(workflow({ options }), {
			startNode: 'BEM Threshold',
			items: items([
				{ ...due, location: ' münchen ' },
				{ ...approaching, location: 'Bonn' },
				{ ...below, office: 'Köln' },
			]),
		});
		expect(run.data.resultData.error).toBeUndefined();
		expect(output('BEM Threshold', 0)[0].holidayState).toBe('BY');
		expect(output('BEM Threshold', 1)[0].holidayState).toBe('HE');
		expect(output('BEM Threshold', 2)[0].holidayState).toBe('HE');
		// the location itself does not pass (only the Employee Fields to Keep do)
		expect(output('BEM Threshold', 0)[0]).not.toHaveProperty('location');
		// another location field; no default: an unlisted location gets none (the store's state)
		const mapped = await runWorkflow(
			workflow({
				options: {
					...REF.options,
					locationField: 'office',
					holidayStateByLocation: options.holidayStateByLocation,
				},
			}),
			{ startNode: 'BEM Threshold', items: items([{ ...below, office: 'KÖLN' }, due]) },
		);
		expect(mapped.output('BEM Threshold', 2)[0].holidayState).toBe('NW');
		expect(mapped.output('BEM Threshold', 0)[0]).not.toHaveProperty('holidayState');
		// no option set: results as before
		const plain = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([{ ...due, location: 'München' }]),
		});
		expect(plain.output('BEM Threshold', 0)[0]).not.toHaveProperty('holidayState');
	});

	it('lets no diagnosis, comment or absence record through', async () => {
		const { output } = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([due]),
		});
		const text = JSON.stringify(output('BEM Threshold', 0));
		expect(text).not.toMatch(/diagnosis|J06|flu|absences/);
	});

	it('groups one item per absence record by employee and pairs the result with all its items', async () => {
		const records = [
			{ personnelNumber: 'P7', from: '2026-01-05', to: '2026-01-16', type: 'sick' },
			{ personnelNumber: 'P8', from: '2026-02-02', to: '2026-02-03', type: 'sick' },
			{ personnelNumber: 'P7', from: '2026-03-02', to: '2026-03-13', type: 'sick' },
			{ personnelNumber: 'P7', from: '2026-06-01', to: '2026-06-12', type: 'hospital' },
		];
		const params = {
			inputShape: 'perAbsence',
			employeeIdField: 'personnelNumber',
			recordFields: { start: 'from', end: 'to', kind: 'type' },
			keepFields: '',
			...REF,
		};
		const { items: out, output } = await runWorkflow(workflow(params), {
			startNode: 'BEM Threshold',
			items: items(records),
		});
		expect(output('BEM Threshold', 0)).toEqual([
			expect.objectContaining({
				employeeId: 'P7',
				status: 'due',
				reachedOn: '2026-06-12',
				countedWorkingDays: 30,
			}),
		]);
		expect(out('BEM Threshold', 0)[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }]);
		expect(output('BEM Threshold', 2)).toEqual([
			expect.objectContaining({ employeeId: 'P8', countedWorkingDays: 2 }),
		]);
	});

	it('reads work patterns given as "1,3,5" and a last closure from mapped fields', async () => {
		const employee = {
			id: 'T1',
			pattern: '1,3,5',
			lastClosed: '2026-05-15',
			absences: [
				{ start: '2026-01-05', end: '2026-03-27' },
				{ start: '2026-09-07', end: '2026-09-20' },
			],
		};
		const params = {
			employeeIdField: 'id',
			options: {
				referenceDate: '2026-11-22',
				workPatternField: 'pattern',
				lastClosureField: 'lastClosed',
			},
		};
		const { output } = await runWorkflow(workflow(params), {
			startNode: 'BEM Threshold',
			items: items([employee]),
		});
		expect(output('BEM Threshold', 2)[0]).toMatchObject({
			employeeId: 'T1',
			thresholdWorkingDays: 18,
			countedWorkingDays: 6,
			windowStart: '2026-05-16',
		});
	});

	it('defaults the reference date to today in Europe/Berlin', async () => {
		const { output } = await runWorkflow(workflow({}), {
			startNode: 'BEM Threshold',
			items: items([below]),
		});
		const berlinToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
			new Date(),
		);
		expect(output('BEM Threshold', 2)[0].windowEnd).toBe(berlinToday);
	});

	it('applies the options: exceeds, half-day weight and the calendar-only model', async () => {
		const params = {
			options: { referenceDate: '2026-11-22', comparison: 'exceeds', model: 'calendar' },
		};
		const { output } = await runWorkflow(workflow(params), {
			startNode: 'BEM Threshold',
			items: items([due]),
		});
		// 42 AU calendar days: not more than 42
		expect(output('BEM Threshold', 1)[0]).toMatchObject({
			employeeId: 'E1',
			thresholdWorkingDays: 42,
			countedWorkingDays: 42,
		});
	});

	it('fails with a NodeOperationError naming the item, employee and field', async () => {
		const bad = { employeeId: 'E9', absences: [{ start: '2026-03-10', end: '2026-03-01' }] };
		const { run } = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([due, bad]),
		});
		const error = run.data.resultData.error;
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Item 1: Employee "E9", absence #0, field "end": is before the start',
		);
	});

	it('names the mapped field when a record is not an object or the id is missing', async () => {
		const { run } = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([{ absences: [] }]),
		});
		expect(run.data.resultData.error?.message).toMatch(/^Item 0: field "employeeId"/);
		const second = await runWorkflow(workflow(REF), {
			startNode: 'BEM Threshold',
			items: items([{ employeeId: 'E5', absences: ['2026-01-01'] }]),
		});
		expect(second.run.data.resultData.error?.message).toBe(
			'Item 0: Employee "E5", absence #0, field "absences": each absence record must be an object',
		);
	});

	it('with Continue On Fail, sends the bad item out with its error and evaluates the rest', async () => {
		const bad = { employeeId: 'E9', workdays: [1, 8], absences: [] };
		const {
			run,
			items: out,
			output,
		} = await runWorkflow(workflow(REF, { onError: 'continueRegularOutput' }), {
			startNode: 'BEM Threshold',
			items: items([due, bad, below]),
		});
		expect(run.data.resultData.error).toBeUndefined();
		expect(output('BEM Threshold', 0).map((j) => j.employeeId)).toEqual(['E1']);
		const below2 = out('BEM Threshold', 2);
		const failed = below2.find((i) => i.json.error);
		expect(failed?.json).toEqual({
			error:
				'Item 1: Employee "E9", field "workdays": entry #1 must be an ISO weekday 1–7, got a number outside 1–7 or not whole',
			details: { field: 'workdays', employeeId: 'E9' },
		});
		expect(failed?.pairedItem).toEqual([{ item: 1 }]);
		expect(below2.filter((i) => !i.json.error).map((i) => i.json.employeeId)).toEqual(['E3']);
	});

	it('per absence record, blames the item that holds the bad record', async () => {
		const records = [
			{ employeeId: 'A', start: '2026-01-05', end: '2026-01-06' },
			{ employeeId: 'A', start: '2026-02-30', end: '2026-03-01' },
		];
		const { run } = await runWorkflow(workflow({ inputShape: 'perAbsence', ...REF }), {
			startNode: 'BEM Threshold',
			items: items(records),
		});
		expect(run.data.resultData.error?.message).toBe(
			'Item 1: Employee "A", absence #1, field "start": expected a real date \'YYYY-MM-DD\', got text that is not one',
		);
	});

	it('refuses a bad reference date option clearly', async () => {
		const { run } = await runWorkflow(workflow({ options: { referenceDate: '22.11.2026' } }), {
			startNode: 'BEM Threshold',
			items: items([below]),
		});
		// the option and the value's type, never the value (issue 13: no input values in execution data)
		expect(run.data.resultData.error?.message).toBe(
			'Item 0: Threshold option "referenceDate": must be a date like 2026-11-22 (got text)',
		);
	});
});

describe('BEM Threshold node: Employee Fields to Keep', () => {
	const run = (keepFields: string, list: IDataObject[], settings: IDataObject = {}) =>
		runWorkflow(workflow({ ...REF, keepFields }, settings), {
			startNode: 'BEM Threshold',
			items: items(list),
		});

	it('refuses a health field by its name, naming item and field, never the value', async () => {
		const { run: r } = await run('name, diagnosis', [due]);
		const message = r.data.resultData.error?.message;
		expect(message).toMatch(/^Item 0: field "diagnosis": diagnosis looks like health detail/);
		expect(message).not.toContain('must never pass');
	});

	it('refuses health detail in a kept value and absence records, with Continue On Fail per item', async () => {
		const list = [
			{ ...approaching, department: 'Montage' },
			{ ...approaching, employeeId: 'E4', department: 'Reha nach Bandscheibenvorfall' },
			{ ...approaching, employeeId: 'E5', department: 'Lager', history: approaching.absences },
		];
		const { run: r, items: out } = await run('name, department, history', list, {
			onError: 'continueRegularOutput',
		});
		expect(r.data.resultData.error).toBeUndefined();
		const failed = out('BEM Threshold', 2).map((i) => i.json);
		expect(failed.map((j) => j.error)).toEqual([
			expect.stringMatching(/^Item 1: field "department": department looks like health detail/),
			expect.stringMatching(/^Item 2: field "history": history holds absence records/),
		]);
		expect(JSON.stringify(failed)).not.toMatch(/Bandscheibe|2026-01-05/);
		expect(out('BEM Threshold', 1).map((i) => i.json.employeeId)).toEqual(['E2']);
		const { run: named } = await run('absences', [approaching]);
		expect(named.data.resultData.error?.message).toMatch(
			/^Item 0: field "absences": absences holds absence records/,
		);
	});

	it('keeps identifying fields, a surname such as Krebs included', async () => {
		const { output } = await run('name, lastName, department, contract', [
			{
				...due,
				name: 'Kerstin Krebs',
				lastName: 'Krebs',
				department: 'Montage',
				contract: { startDate: '2020-01-01', endDate: null },
			},
		]);
		expect(output('BEM Threshold', 0)[0]).toMatchObject({
			name: 'Kerstin Krebs',
			lastName: 'Krebs',
			department: 'Montage',
			contract: { startDate: '2020-01-01', endDate: null },
		});
	});
});

describe('BEM Threshold node v2: work-pattern history and employment start', () => {
	const v = (typeVersion: number, parameters: IDataObject = REF) => {
		const wf = workflow(parameters);
		wf.nodes[1].typeVersion = typeVersion;
		return wf;
	};
	// the contract's switch case: full time, then Mon/Wed/Fri from June; due on 11 Sep in AU weeks
	const switcher = {
		employeeId: 'S1',
		workdays: [1, 3, 5],
		workPatterns: [
			{ from: '2025-01-01', workdays: [1, 2, 3, 4, 5] },
			{ from: '2026-06-01', workdays: [1, 3, 5] },
		],
		absences: [
			{ start: '2026-01-05', end: '2026-01-23' },
			...[
				'02-03',
				'02-05',
				'02-17',
				'02-19',
				'03-03',
				'03-05',
				'03-17',
				'03-19',
				'04-07',
				'04-09',
			].map((d) => ({ start: `2026-${d}`, end: `2026-${d}` })),
			{ start: '2026-09-07', end: '2026-09-11' },
		],
	};

	it('reads the history and shows countedAuWeeks; version 1 ignores the history field', async () => {
		const { output } = await runWorkflow(v(2), {
			startNode: 'BEM Threshold',
			items: items([switcher]),
		});
		expect(output('BEM Threshold', 0)[0]).toMatchObject({
			employeeId: 'S1',
			reachedOn: '2026-09-11',
			reason: 'cumulative',
			countedAuWeeks: 6,
			thresholdWorkingDays: 18,
		});
		// version 1 reads today's pattern only: 12 days on Mon/Wed/Fri, as before
		const { output: v1 } = await runWorkflow(v(1), {
			startNode: 'BEM Threshold',
			items: items([switcher]),
		});
		expect(v1('BEM Threshold', 0)).toEqual([]);
		expect(v1('BEM Threshold', 2)[0]).toMatchObject({ countedWorkingDays: 12 });
	});

	it('reads the history and the hire date from mapped fields', async () => {
		const { workPatterns, ...rest } = switcher;
		const item = { ...rest, history: workPatterns, hired: '2026-06-01' };
		const { output } = await runWorkflow(
			v(2, {
				options: {
					referenceDate: '2026-11-22',
					workPatternHistoryField: 'history',
					employedSinceField: 'hired',
				},
			}),
			{ startNode: 'BEM Threshold', items: items([item]) },
		);
		expect(output('BEM Threshold', 2)[0]).toMatchObject({
			windowStart: '2026-06-01',
			countedWorkingDays: 3,
			countedAuWeeks: 1,
			ignoredRecords: expect.objectContaining({ beforeEmployment: 11 }),
		});
	});

	it('names a bad history field, never its value', async () => {
		const { run } = await runWorkflow(v(2), {
			startNode: 'BEM Threshold',
			items: items([
				{ ...switcher, workPatterns: 'F32.1 since May' },
				{ ...switcher, employeeId: 'S2', workPatterns: [{ from: 'F32.1', workdays: [1] }] },
			]),
		});
		const message = run.data.resultData.error?.message ?? '';
		expect(message).toMatch(/Item 0: .*field "workPatterns": must be a list of work patterns/);
		expect(message).not.toMatch(/F32/);
	});

	it('the warning margin is one working week of the pattern unless set (in every version)', async () => {
		// Mon–Sat week: 30 of 36 counted, 6 left
		const six = {
			employeeId: 'W6',
			workdays: [1, 2, 3, 4, 5, 6],
			absences: [
				{ start: '2026-01-05', end: '2026-01-31' },
				{ start: '2026-03-02', end: '2026-03-07' },
			],
		};
		for (const version of [1, 2]) {
			const { output } = await runWorkflow(v(version), {
				startNode: 'BEM Threshold',
				items: items([six]),
			});
			expect(output('BEM Threshold', 1)[0]).toMatchObject({ remainingWorkingDays: 6 });
		}
		const { output } = await runWorkflow(
			v(2, { options: { referenceDate: '2026-11-22', warningWorkingDays: 5 } }),
			{ startNode: 'BEM Threshold', items: items([six]) },
		);
		expect(output('BEM Threshold', 2)[0]).toMatchObject({ remainingWorkingDays: 6 });
	});
});

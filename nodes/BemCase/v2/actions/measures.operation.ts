import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { EventType } from '../../../../core/lifecycle/names';
import type { BemCase } from '../../../../core/store';
import { getBemStore } from '../../../shared/bemStore';
import {
	accessOf,
	businessDay,
	caseIdProperty,
	caseJson,
	dayProperty,
	optionalDay,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { recordOrConfirm } from './recordEvent.operation';
import { showFor, type BemCaseOperation, type OperationInput } from './types';

// The measure plan (case-file.md "Measures"): plan a measure from the catalogue with its owner and due
// date, start, implement or drop it, list the overdue ones for reminders, read the catalogue. Each step
// is an event of the case; the store checks the code, the owner and the order.

const planShow = showFor('planMeasure');
const stepShow = showFor('planMeasure', 'startMeasure', 'implementMeasure', 'dropMeasure');
const findShow = showFor('findMeasures');

/** The catalogue as options (loadOptions): the shipped entries and the credential's extension. */
export async function getMeasureCodes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const { store } = await getBemStore(this);
	return store.measureCatalogue().map((e) => ({
		name: e.de,
		value: e.code,
		description: `${e.en} · ${e.category}${e.labourLaw ? ' · labour-law measure (personnel file)' : ''}`,
	}));
}

const optionalText = (ctx: IExecuteFunctions, itemIndex: number, name: string) => {
	const value = ctx.getNodeParameter(name, itemIndex, '');
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

async function step(
	this: IExecuteFunctions,
	{ itemIndex, handle }: OperationInput,
	type: EventType,
	data: (measureId: string) => Record<string, unknown>,
): Promise<IDataObject[]> {
	const caseId = textOf(this, itemIndex, 'caseId');
	const measureId = textOf(this, itemIndex, 'measureId');
	const event = {
		type,
		on: businessDay(this, itemIndex),
		actor: handle.principal,
		data: { measureId, ...data(measureId) },
		// one step per measure: a repeated submission records nothing
		idempotencyKey: `${caseId}:${type}:${measureId}`,
	};
	const { case: c, recorded } = await recordOrConfirm(this, handle, caseId, event);
	return [measureJson(c, measureId, recorded)];
}

const measureJson = (c: BemCase, measureId: string, recorded: boolean): IDataObject => ({
	...caseJson(c),
	measureId,
	recorded,
	...(recorded ? {} : { alreadyDone: true }),
});

export const planMeasure: BemCaseOperation = {
	properties: [
		caseIdProperty(stepShow),
		{
			displayName: 'Measure ID',
			name: 'measureId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'M1',
			description:
				'The measure’s ID on its case (letters, digits, . _ : -), chosen when it is planned.',
			displayOptions: stepShow,
		},
		{
			displayName: 'Measure Name or ID',
			name: 'code',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getMeasureCodes' },
			default: '',
			required: true,
			description:
				'The measure from the catalogue (shipped, plus the works agreement’s file named in the credential). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: planShow,
		},
		{
			displayName: 'Owner',
			name: 'owner',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'team-lead-logistics',
			description:
				'Who is responsible: a principal of the owner directory (Set Measure Owner) or a role name such as bem_officer',
			displayOptions: planShow,
		},
		dayProperty('dueOn', 'Due On', 'When the measure is to be implemented (YYYY-MM-DD)', planShow),
		{
			displayName: 'Details',
			name: 'details',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				'Optional: what was agreed. Stored encrypted, never in the output. Never diagnoses.',
			displayOptions: planShow,
		},
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			required: true,
			description: 'Why the measure is dropped. Stored encrypted, never in the output.',
			displayOptions: showFor('dropMeasure'),
		},
		dayProperty(
			'on',
			'On',
			'Business date of the step (YYYY-MM-DD). Empty: today in Germany.',
			stepShow,
		),
	],
	execute(input) {
		return step.call(this, input, 'measure_planned', () => {
			const dueOn = optionalDay(this, input.itemIndex, 'dueOn');
			const details = optionalText(this, input.itemIndex, 'details');
			return {
				code: textOf(this, input.itemIndex, 'code'),
				owner: textOf(this, input.itemIndex, 'owner'),
				...(dueOn ? { dueOn } : {}),
				...(details ? { details } : {}),
			};
		});
	},
};

// start, implement and drop share the plan's parameters: defined once, under planMeasure
export const startMeasure: BemCaseOperation = {
	properties: [],
	execute(input) {
		return step.call(this, input, 'measure_started', () => ({}));
	},
};
export const implementMeasure: BemCaseOperation = {
	properties: [],
	execute(input) {
		return step.call(this, input, 'measure_implemented', () => ({}));
	},
};
export const dropMeasure: BemCaseOperation = {
	properties: [],
	execute(input) {
		return step.call(this, input, 'measure_dropped', () => ({
			reason: textOf(this, input.itemIndex, 'reason'),
		}));
	},
};

export const findMeasures: BemCaseOperation = {
	properties: [
		dayProperty(
			'overdueOn',
			'Overdue On',
			'Planned or started measures due before this day (YYYY-MM-DD). Empty: today in Germany.',
			findShow,
		),
		{
			displayName: 'Case ID',
			name: 'measureCaseId',
			type: 'string',
			default: '',
			placeholder: 'empty: every case',
			description: 'Only this case’s measures',
			displayOptions: findShow,
		},
		{
			displayName: 'Owner',
			name: 'measureOwner',
			type: 'string',
			default: '',
			placeholder: 'empty: every owner',
			description: 'Only this owner’s measures',
			displayOptions: findShow,
		},
		purposeProperty('measure reminders', findShow),
	],
	async execute({ itemIndex, handle }) {
		const caseId = optionalText(this, itemIndex, 'measureCaseId');
		const owner = optionalText(this, itemIndex, 'measureOwner');
		const found = await handle.store.findMeasures(
			{
				overdueOn: businessDay(this, itemIndex, 'overdueOn'),
				...(caseId ? { caseId } : {}),
				...(owner ? { owner } : {}),
			},
			accessOf(this, itemIndex, handle),
		);
		return found.map((m) => ({ ...m }));
	},
};

export const measureCatalogue: BemCaseOperation = {
	properties: [],
	async execute({ handle }) {
		return handle.store.measureCatalogue().map((e) => ({ ...e }));
	},
};

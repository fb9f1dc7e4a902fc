import {
	accessOf,
	BemParamError,
	businessDay,
	dayProperty,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { splitList } from '../../../shared/fields';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('updateApproaching');

// Who is approaching the threshold now, kept per source (migration 8): the output names only who newly
// entered, so the digest goes out once per crossing, not on every run.
export const updateApproaching: BemCaseOperation = {
	properties: [
		{
			displayName:
				'One item: { entered: [employee IDs], enteredCount, left }. The BEM file keeps who the source reported as approaching last time (IDs only); only who was not approaching then is "entered". Who falls back is forgotten, so entering again later counts again.',
			name: 'updateApproachingNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: '={{ $workflow.id }}',
			required: true,
			displayOptions: show,
			description:
				'Whose approaching list this is (each Detect workflow keeps its own): by default the workflow',
		},
		{
			displayName: 'Employee IDs',
			name: 'employeeIds',
			type: 'string',
			default: '',
			required: true,
			displayOptions: show,
			description:
				'Everyone approaching now: a list, or IDs separated by commas (empty: nobody is approaching)',
		},
		dayProperty(
			'on',
			'On',
			'Business date of the run (YYYY-MM-DD). Empty: today in Germany.',
			show,
		),
		purposeProperty('approaching digest: who newly entered', show),
	],
	async execute({ itemIndex, handle }) {
		const source = textOf(this, itemIndex, 'source');
		const raw = this.getNodeParameter('employeeIds', itemIndex, '') as unknown;
		const ids = Array.isArray(raw)
			? raw.map((v) => String(v).trim())
			: splitList(String(raw ?? ''));
		if (ids.some((id) => id === '' || id === 'undefined' || id === 'null'))
			throw new BemParamError(
				'field "employeeIds": every entry must be an employee ID',
				'employeeIds',
			);
		const { entered, left } = await handle.store.updateApproaching(
			source,
			businessDay(this, itemIndex),
			ids,
			accessOf(this, itemIndex, handle),
		);
		return [{ source, entered, enteredCount: entered.length, left }];
	},
};

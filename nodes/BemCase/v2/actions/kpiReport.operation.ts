import type { IDataObject } from 'n8n-workflow';

import { BemParamError, dayOf, dayProperty } from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('kpiReport');

export const kpiReport: BemCaseOperation = {
	properties: [
		{
			displayName:
				'Aggregated figures only: a quota whose base has fewer than five persons is left empty (null), so no figure points at one employee',
			name: 'kpiNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			...dayProperty('from', 'From', 'First day of the period (YYYY-MM-DD)', show),
			required: true,
		},
		{ ...dayProperty('to', 'To', 'Last day of the period (YYYY-MM-DD)', show), required: true },
	],
	async execute({ itemIndex, handle }) {
		const from = dayOf(this.getNodeParameter('from', itemIndex, ''), 'from');
		const to = dayOf(this.getNodeParameter('to', itemIndex, ''), 'to');
		if (from > to) throw new BemParamError(`field "from": ${from} is after To (${to})`, 'from');
		const report = await handle.store.kpis({ from, to });
		return [{ from, to, ...report, counts: { ...report.counts } } as unknown as IDataObject];
	},
};

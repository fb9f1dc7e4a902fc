import type { IDataObject } from 'n8n-workflow';

import { BemParamError, dayProperty } from '../../../shared/bemCaseParams';
import { dayOf } from '../../../shared/dates';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('kpiReport');

export const kpiReport: BemCaseOperation = {
	properties: [
		{
			displayName:
				"Aggregated figures only, for a whole calendar month, quarter or year: a quota whose base, numerator or rest has fewer persons than the credential's KPI Minimum Group Size (default 5) is left empty (null), so no figure points at one employee",
			name: 'kpiNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			...dayProperty(
				'from',
				'From',
				'First day of a calendar month, quarter or year (YYYY-MM-DD), e.g. 2026-01-01',
				show,
			),
			required: true,
		},
		{
			...dayProperty(
				'to',
				'To',
				'Last day of that month, quarter or year (YYYY-MM-DD), e.g. 2026-03-31',
				show,
			),
			required: true,
		},
	],
	async execute({ itemIndex, handle }) {
		const from = dayOf(this.getNodeParameter('from', itemIndex, ''), 'from');
		const to = dayOf(this.getNodeParameter('to', itemIndex, ''), 'to');
		if (from > to) throw new BemParamError(`field "from": ${from} is after To (${to})`, 'from');
		const report = await handle.store.kpis({ from, to });
		return [{ from, to, ...report, counts: { ...report.counts } } as unknown as IDataObject];
	},
};

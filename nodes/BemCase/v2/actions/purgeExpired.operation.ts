import { BemParamError, businessDay, dayProperty } from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('purgeExpired');

export const purgeExpired: BemCaseOperation = {
	properties: [
		dayProperty(
			'on',
			'On',
			'Business date of the purge (YYYY-MM-DD). Empty: today in Germany.',
			show,
		),
		{
			displayName: 'Retention (Years)',
			name: 'retentionYears',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 30 },
			default: 0,
			displayOptions: show,
			description:
				'Closed cases older than this are deleted, leaving a deletion record without personal data. 0: the credential’s retention (default 3 years).',
		},
	],
	async execute({ itemIndex, handle }) {
		const on = businessDay(this, itemIndex);
		const given = Number(this.getNodeParameter('retentionYears', itemIndex, 0) ?? 0);
		if (!Number.isInteger(given) || given < 0 || given > 30)
			throw new BemParamError(
				'field "retentionYears": must be a whole number from 0 to 30',
				'retentionYears',
			);
		const retentionYears = given || handle.retentionYears;
		const { purged } = await handle.store.purgeExpired(on, { retentionYears });
		return [{ purged, on, retentionYears }];
	},
};

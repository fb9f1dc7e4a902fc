import { accessOf, caseIdProperty, purposeProperty, textOf } from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('personnelFileExtract');

export const personnelFileExtract: BemCaseOperation = {
	properties: [
		{
			displayName:
				'Only what the personnel file may hold: that a BEM was offered (date), the answer (accepted, declined, no reply) and labour-law measures. Everything else stays in the BEM file.',
			name: 'extractNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		caseIdProperty(show),
		purposeProperty('personnel-file extract', show),
	],
	async execute({ itemIndex, handle }) {
		const caseId = textOf(this, itemIndex, 'caseId');
		const extract = await handle.store.personnelFileExtract(
			caseId,
			accessOf(this, itemIndex, handle),
		);
		return [
			{
				caseId,
				employeeId: extract.employeeId,
				offeredOn: extract.offeredOn,
				response: extract.response,
				labourLawMeasures: [...extract.labourLawMeasures],
			},
		];
	},
};

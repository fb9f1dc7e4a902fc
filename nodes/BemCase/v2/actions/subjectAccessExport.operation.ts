import type { IDataObject } from 'n8n-workflow';

import { accessExportPdf } from '../../../../core/letters';
import {
	accessOf,
	optionsCollection,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('subjectAccessExport');

// The employee's right of access (Art. 15 DSGVO): everything the BEM file holds on one employee, as
// JSON and as a PDF for the employee. Only a BEM officer or deputy may give it (the store decides).
export const subjectAccessExport: BemCaseOperation = {
	properties: [
		{
			displayName:
				'Everything the BEM file holds on the employee: every case, event (notes decrypted), letter and access-log row, the reminders sent on their cases, whether Detect reports them as approaching, and the HRIS cache (work patterns, AU periods decrypted). Only a BEM Officer or Deputy (store-wide or on every case) may export; the export is logged on each case.',
			name: 'subjectAccessExportNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		{
			displayName: 'Employee ID',
			name: 'employeeId',
			type: 'string',
			default: '={{ $json.employeeId }}',
			required: true,
			description: 'The employee who asks for access',
			displayOptions: show,
		},
		purposeProperty('Auskunft nach Art. 15 DSGVO', show),
		optionsCollection(show, [
			{
				displayName: 'Include JSON',
				name: 'includeJson',
				type: 'boolean',
				default: true,
				description:
					'Whether the item JSON holds the whole export (letters’ PDFs as base64); off: only the counts per section',
			},
			{
				displayName: 'Put PDF in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary field of the output item that holds the PDF',
			},
		]),
	],
	async execute({ itemIndex, handle }) {
		const employeeId = textOf(this, itemIndex, 'employeeId');
		const options = this.getNodeParameter('options', itemIndex, {}) as {
			includeJson?: boolean;
			binaryPropertyName?: string;
		};
		const sae = await handle.store.subjectAccessExport(
			employeeId,
			accessOf(this, itemIndex, handle),
		);
		const pdf = await accessExportPdf(sae);
		// the file name names no employee: it travels in mail subjects and download folders
		const binary = await this.helpers.prepareBinaryData(
			pdf,
			`bem-auskunft-art15-${sae.exportedAt.slice(0, 10)}.pdf`,
			'application/pdf',
		);
		const json: IDataObject =
			options.includeJson === false
				? {
						version: sae.version,
						exportedAt: sae.exportedAt,
						cases: sae.cases.length,
						approaching: sae.approaching.length,
						reminders: sae.reminders.length,
						workPatterns: sae.hrisCache.workPatterns.length,
						auPeriods: sae.hrisCache.auPeriods.length,
					}
				: (JSON.parse(JSON.stringify(sae)) as IDataObject);
		const field = String(options.binaryPropertyName ?? '').trim() || 'data';
		return { items: [{ json, binary: { [field]: binary } }] };
	},
};

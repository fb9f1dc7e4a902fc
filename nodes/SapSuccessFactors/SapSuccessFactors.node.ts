import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { SapSuccessFactorsV2 } from './v2/SapSuccessFactorsV2.node';

/** SapSuccessFactors as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class SapSuccessFactors extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'SAP SuccessFactors',
			name: 'sapSuccessFactors',
			icon: { light: 'file:sapSuccessFactors.svg', dark: 'file:sapSuccessFactors.dark.svg' },
			group: ['input'],
			description:
				'Reads sickness absences and working days per week (ready for the BEM Threshold node), users’ contact details and line managers from SAP SuccessFactors Employee Central',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#sap-successfactors',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, SapSuccessFactorsV2), base);
	}
}

import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { SapHcmV2 } from './v2/SapHcmV2.node';

/** SapHcm as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class SapHcm extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'SAP HCM',
			name: 'sapHcm',
			icon: { light: 'file:sapHcm.svg', dark: 'file:sapHcm.dark.svg' },
			group: ['input'],
			description:
				'Reads sickness absences (infotype 2001) and weekly workdays (infotype 0007) — ready for the BEM Threshold node — contact details and line managers from SAP HCM on premise via SAP Gateway',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#sap-hcm',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, SapHcmV2), base);
	}
}

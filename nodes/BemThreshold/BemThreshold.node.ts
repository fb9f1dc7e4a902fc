import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { BemThresholdV2 } from './v2/BemThresholdV2.node';

/** BemThreshold as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class BemThreshold extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'BEM Threshold',
			name: 'bemThreshold',
			icon: { light: 'file:bemThreshold.svg', dark: 'file:bemThreshold.dark.svg' },
			group: ['transform'],
			description:
				'Finds employees owed a BEM offer: more than six weeks of AU within twelve months (§167 Abs. 2 SGB IX)',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-threshold',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, BemThresholdV2), base);
	}
}

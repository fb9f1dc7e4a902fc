import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { BemCaseV2 } from './v2/BemCaseV2.node';

/** BemCase as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class BemCase extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'BEM Case',
			name: 'bemCase',
			icon: { light: 'file:bemCase.svg', dark: 'file:bemCase.dark.svg' },
			group: ['transform'],
			description:
				'Opens BEM cases and records their steps in the separate, audited BEM file (§167 Abs. 2 SGB IX)',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-case',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, BemCaseV2), base);
	}
}

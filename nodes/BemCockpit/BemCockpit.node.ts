import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { BemCockpitV2 } from './v2/BemCockpitV2.node';

/** BemCockpit as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class BemCockpit extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'BEM Cockpit',
			name: 'bemCockpit',
			icon: { light: 'file:bemCockpit.svg', dark: 'file:bemCockpit.dark.svg' },
			group: ['transform'],
			description:
				'Renders the BEM cockpit page: open cases, deadlines, overdue measures, timelines and the KPIs, as the credential’s principal may see them',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-cockpit',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, BemCockpitV2), base);
	}
}

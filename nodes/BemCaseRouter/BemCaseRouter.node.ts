import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { BemCaseRouterV2 } from './v2/BemCaseRouterV2.node';

/** BemCaseRouter as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class BemCaseRouter extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'BEM Case Router',
			name: 'bemCaseRouter',
			icon: { light: 'file:bemCaseRouter.svg', dark: 'file:bemCaseRouter.dark.svg' },
			group: ['transform'],
			description:
				'Routes items by where their BEM case stands: to invite, awaiting reply, deadlines passed, accepted, declined, in progress, review due, closed',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-case-router',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, BemCaseRouterV2), base);
	}
}

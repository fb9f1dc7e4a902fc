import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { BemInvitationV2 } from './v2/BemInvitationV2.node';

/** BemInvitation as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class BemInvitation extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'BEM Invitation',
			name: 'bemInvitation',
			icon: { light: 'file:bemInvitation.svg', dark: 'file:bemInvitation.dark.svg' },
			group: ['transform'],
			description:
				'Claims, renders (text, HTML, PDF) and archives a BEM invitation letter with its reply deadline and signed reply link (§167 Abs. 2 SGB IX)',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#bem-invitation',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, BemInvitationV2), base);
	}
}

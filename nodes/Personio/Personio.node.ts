import { VersionedNodeType, type INodeTypeBaseDescription } from 'n8n-workflow';

import { LATEST_VERSION, nodeVersions } from '../shared/versions';
import { PersonioV2 } from './v2/PersonioV2.node';

/** Personio as a versioned node; the versions and why: nodes/shared/versions.ts. */
export class Personio extends VersionedNodeType {
	constructor() {
		const base: INodeTypeBaseDescription = {
			displayName: 'Personio',
			name: 'personio',
			icon: { light: 'file:personio.svg', dark: 'file:personio.dark.svg' },
			group: ['input'],
			description:
				'Reads employees, their work pattern and sickness absences from Personio — ready for the BEM Threshold node',
			documentationUrl: 'https://github.com/n8n-nodes-bem/n8n-nodes-bem#personio',
			defaultVersion: LATEST_VERSION,
		};
		super(nodeVersions(base, PersonioV2), base);
	}
}

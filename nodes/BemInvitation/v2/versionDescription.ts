// BemInvitation version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { NodeConnectionTypes } from 'n8n-workflow';

import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { invitationProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle: '={{ $parameter["letter"] === "second" ? "Second invitation" : "First invitation" }}',
	defaults: { name: 'BEM Invitation' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it writes to the BEM file (claims and archives a letter); a letter goes out only from a workflow HR controls
	credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
	properties: invitationProperties,
};

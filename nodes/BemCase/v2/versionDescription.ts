// BemCase version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { NodeConnectionTypes } from 'n8n-workflow';

import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { bemCaseProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle: '={{ $parameter["operation"] }}',
	defaults: { name: 'BEM Case' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads and writes the audited BEM file; every read and step must come from a workflow HR controls
	credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
	properties: bemCaseProperties,
};

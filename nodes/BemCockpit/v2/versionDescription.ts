// BemCockpit version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { NodeConnectionTypes } from 'n8n-workflow';

import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { bemCockpitProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle: '={{ "as of " + ($parameter["on"] || "today") }}',
	defaults: { name: 'BEM Cockpit' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads the audited BEM file (each read is logged with its purpose)
	credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
	properties: bemCockpitProperties,
};

// BemCaseRouter version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { NodeConnectionTypes } from 'n8n-workflow';

import { ROUTES } from '../../../core/lifecycle/route';
import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { ROUTE_NAMES, bemCaseRouterProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle: '={{ "for " + ($parameter["on"] || "today") }}',
	defaults: { name: 'BEM Case Router' },
	inputs: [NodeConnectionTypes.Main],
	outputs: ROUTES.map(() => NodeConnectionTypes.Main),
	outputNames: ROUTES.map((r) => ROUTE_NAMES[r]),
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads the audited BEM file (each read is logged with its purpose)
	credentials: [{ name: 'bemStore', required: true, testedBy: 'bemStoreApiTest' }],
	properties: bemCaseRouterProperties,
};

// Personio version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { HRIS_INPUTS_AND_OUTPUTS } from '../../BemThreshold/thresholdMode';
import { BEM_STORE_CREDENTIAL } from '../../shared/bemStore';
import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { personioProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle:
		'={{ $parameter["resource"] === "employee" ? "Get many employees" : $parameter["resource"] === "lineManager" ? "Get many line managers" : $parameter["output"] === "bemInput" ? "BEM input" : $parameter["output"] === "thresholdResults" ? "BEM threshold results" : "Get many absences" }}',
	defaults: { name: 'Personio' },
	...HRIS_INPUTS_AND_OUTPUTS,
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads employees' sickness absences from the HRIS, which an AI agent must not fetch at will
	credentials: [
		{ name: 'personioApi', required: true },
		// the BEM file keeps the work-pattern cache (migration 5)
		{
			name: BEM_STORE_CREDENTIAL,
			required: true,
			testedBy: 'bemStoreApiTest',
			displayOptions: { show: { cacheWorkPatterns: [true] } },
		},
	],
	properties: personioProperties,
};

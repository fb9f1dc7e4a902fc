// SapSuccessFactors version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { HRIS_INPUTS_AND_OUTPUTS } from '../../BemThreshold/thresholdMode';
import { BEM_STORE_CREDENTIAL } from '../../shared/bemStore';
import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { sapSuccessFactorsProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle:
		'={{ $parameter["resource"] === "user" ? "Users (contact details)" : $parameter["resource"] === "lineManager" ? "Line managers" : $parameter["output"] === "absences" ? "AU absences" : $parameter["output"] === "thresholdResults" ? "BEM threshold results" : "BEM input" }}',
	defaults: { name: 'SAP SuccessFactors' },
	...HRIS_INPUTS_AND_OUTPUTS,
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads employees' sickness absences and contact details from the HRIS, which an AI agent must not fetch at will
	credentials: [
		{ name: 'sapSuccessFactorsApi', required: true, testedBy: 'sapSuccessFactorsApiTest' },
		// the BEM file keeps the work-pattern cache (migration 5)
		{
			name: BEM_STORE_CREDENTIAL,
			required: true,
			testedBy: 'bemStoreApiTest',
			displayOptions: { show: { cacheWorkPatterns: [true] } },
		},
	],
	properties: sapSuccessFactorsProperties,
};

// SapHcm version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { HRIS_INPUTS_AND_OUTPUTS } from '../../BemThreshold/thresholdMode';
import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { sapHcmProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle:
		'={{ $parameter["resource"] === "contact" ? "Contacts" : $parameter["resource"] === "lineManager" ? "Line managers" : $parameter["output"] === "absences" ? "AU absences" : $parameter["output"] === "thresholdResults" ? "BEM threshold results" : "BEM input" }}',
	defaults: { name: 'SAP HCM' },
	...HRIS_INPUTS_AND_OUTPUTS,
	// usableAsTool left out on purpose (n8n has no `false`): not a tool, it reads employees' sickness absences and contact details from the HRIS, which an AI agent must not fetch at will
	credentials: [{ name: 'sapHcmGatewayApi', required: true }],
	properties: sapHcmProperties,
};

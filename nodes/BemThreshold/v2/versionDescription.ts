// BemThreshold version 2's description besides the base (X.node.ts): outputs, credentials, parameters.
import { NodeConnectionTypes } from 'n8n-workflow';

import { VERSIONS, type VersionDescription } from '../../shared/versions';
import { thresholdProperties } from './description';

export const versionDescription: VersionDescription = {
	version: VERSIONS,
	subtitle:
		'={{ $parameter["inputShape"] === "perAbsence" ? "from absence records" : "per employee" }}',
	defaults: { name: 'BEM Threshold' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
	outputNames: ['Due', 'Approaching', 'Below'],
	// a tool for an anonymous what-if check: it reads only the absences handed to it and writes nothing
	usableAsTool: true,
	properties: thresholdProperties,
};

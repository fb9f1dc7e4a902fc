// Every node of this package is a versioned node (n8n's VersionedNodeType, as n8n-nodes-base's
// Postgres): workflows saved with an older typeVersion keep loading and running when a version
// changes parameters or outputs. Versions 1 and 2 behave identically today, so one class serves both;
// when v2's parameters or outputs change, the version class branches on `this.getNode().typeVersion`,
// or a V1 class is split off then and serves version 1 here.
import type { INodeType, INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';

/** The typeVersion new nodes get (the base description's `defaultVersion`). */
export const LATEST_VERSION = 2;

/** The versions one version class serves, for its `version` field. */
export const VERSIONS = [1, 2];

/** The nodeVersions map: one instance of the version class per version it serves. */
export function nodeVersions(
	base: INodeTypeBaseDescription,
	Version: new (base: INodeTypeBaseDescription) => INodeType,
): IVersionedNodeType['nodeVersions'] {
	return Object.fromEntries(VERSIONS.map((v) => [v, new Version(base)]));
}

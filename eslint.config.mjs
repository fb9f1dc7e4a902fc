import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// This package targets self-hosted n8n (health data, German process, database drivers), not n8n Cloud
// verification: the cloud-only rules are off and real runtime dependencies are declared. Tests,
// workflows and scripts are not node code and are not linted with the node rules.
export default [
	...configWithoutCloudSupport,
	globalIgnores([
		'.n8n-data/**',
		'test/**',
		'workflows/**',
		'scripts/**',
		'dist/**',
		'index.js',
		'gulpfile.js',
		'jest.config.js',
	]),
	{
		// core/ is the plain-TypeScript domain (no n8n imports): its errors are domain errors that the
		// nodes turn into NodeOperationError with the item index and field
		files: ['core/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// versioned nodes (nodes/shared/versions.ts): the icon sits in the base description of X.node.ts,
		// which each version class spreads in its constructor; the lint reads only literal descriptions
		files: ['nodes/*/v*/*.node.ts'],
		rules: { '@n8n/community-nodes/icon-validation': 'off' },
	},
	{
		// tested by node methods every version names in `testedBy` (bemStoreApiTest: opens the store;
		// sapSuccessFactorsApiTest: signs a SAML assertion), which the lint cannot see in a versioned node
		files: [
			'credentials/BemStoreApi.credentials.ts',
			'credentials/SapSuccessFactorsApi.credentials.ts',
		],
		rules: { '@n8n/community-nodes/credential-test-required': 'off' },
	},
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];

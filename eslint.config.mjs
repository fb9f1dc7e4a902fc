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
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];

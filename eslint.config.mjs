import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// This package targets self-hosted n8n (health data, German process, database drivers), not n8n Cloud
// verification: the cloud-only rules are off and real runtime dependencies are declared. Tests,
// workflows and scripts are not node code and are not linted with the node rules.
export default [
	...configWithoutCloudSupport,
	globalIgnores(['test/**', 'workflows/**', 'scripts/**', 'dist/**', 'index.js', 'gulpfile.js', 'jest.config.js']),
	{
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
];

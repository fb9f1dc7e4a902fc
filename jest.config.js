/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// end-to-end tests need the real n8n: npm run test:e2e (jest.e2e.config.js)
	testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
	// n8n-nodes-base pulls ESM-only sanitize-html (htmlparser2) that jest cannot require
	moduleNameMapper: {
		'^sanitize-html$': '<rootDir>/test/stubs/sanitize-html.js',
		// ESM-only dependency of openapi-backend (Personio contract tests); see the stub
		'^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/stubs/json-schema-ref-parser.js',
	},
	setupFiles: ['<rootDir>/test/setup-env.js'],
	testTimeout: 60000,
};

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
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

/** @type {import('jest').Config} */
// End-to-end tests against a real n8n (npm run test:e2e: installs the cached runtime and builds first).
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
	testTimeout: 600000,
	maxWorkers: 1,
};

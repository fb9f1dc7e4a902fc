/** @type {import('jest').Config} */
// n8n's queue mode with faults (npm run test:e2e:queue: installs the cached runtime and builds first):
// main, a webhook processor and two workers on a PostgreSQL cluster and a redis-server of the test's own.
module.exports = { ...require('./jest.e2e.config.js'), roots: ['<rootDir>/test/e2e-queue'] };

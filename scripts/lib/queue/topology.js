// n8n in queue mode as this project runs and proves it: which n8n processes, their commands, and the
// environment they share. One list for `npm run start:queue`, the queue e2e tests and the Docker files
// (test/docker/compose.test.ts checks docker-compose.yml against it).
'use strict';
const { executionDataEnv, OFFLINE_ENV } = require('../n8n/server');

/** Failed executions are kept this long for the admin (hours); successful ones keep nothing. */
const MAX_AGE_HOURS = 168;

/**
 * The n8n processes: the main instance (editor, REST, schedules, the wait tracker; no production
 * webhooks), a webhook processor (webhooks, forms, reply links, resumed waits) and two workers that
 * run every execution, manual ones included (as n8n 3.x always does).
 */
const PROCESSES = [
	{ name: 'main', args: ['start'] },
	{ name: 'webhook', args: ['webhook'] },
	{ name: 'worker-1', args: ['worker', '--concurrency=5'] },
	{ name: 'worker-2', args: ['worker', '--concurrency=5'] },
];

/** Settings every process of the cluster gets, the same values everywhere. */
const QUEUE_ENV = {
	EXECUTIONS_MODE: 'queue',
	DB_TYPE: 'postgresdb',
	// manual runs ("Execute workflow") go to the workers too: the default of n8n 3.x, opt-in in 2.x
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	// production webhooks and forms are served by the webhook processors only
	N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
	// workers answer /healthz and /healthz/readiness on QUEUE_HEALTH_CHECK_PORT
	QUEUE_HEALTH_CHECK_ACTIVE: 'true',
	N8N_RUNNERS_MODE: 'internal',
	GENERIC_TIMEZONE: 'Europe/Berlin',
	// n8n 3.x loads community packages n8n has not verified only with this (2.x: the default)
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	// BEM items are health-related personal data: successful runs keep nothing
	...executionDataEnv(MAX_AGE_HOURS),
	...OFFLINE_ENV,
};

/**
 * Set per installation (secrets, addresses); the same value on every process: one encryption key,
 * one database, one Redis, the public address of the webhook processors.
 */
const SHARED_PER_INSTALLATION = [
	'N8N_ENCRYPTION_KEY',
	'DB_POSTGRESDB_HOST',
	'DB_POSTGRESDB_PORT',
	'DB_POSTGRESDB_DATABASE',
	'DB_POSTGRESDB_USER',
	'DB_POSTGRESDB_PASSWORD',
	'QUEUE_BULL_REDIS_HOST',
	'QUEUE_BULL_REDIS_PORT',
	'WEBHOOK_URL',
];

/** Per process on one machine: each n8n process needs its own, or the second one dies on a taken port. */
const PER_PROCESS_PORTS = ['N8N_PORT', 'QUEUE_HEALTH_CHECK_PORT', 'N8N_RUNNERS_BROKER_PORT'];

/** The environment of one process from the installation's values and its own ports. */
function queueProcessEnv({ key, postgres, redis, webhookUrl }, ports) {
	return {
		...QUEUE_ENV,
		N8N_ENCRYPTION_KEY: key,
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password ?? '',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		WEBHOOK_URL: webhookUrl,
		N8N_PORT: String(ports.port),
		QUEUE_HEALTH_CHECK_PORT: String(ports.healthPort),
		N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
	};
}

module.exports = {
	MAX_AGE_HOURS,
	PROCESSES,
	QUEUE_ENV,
	SHARED_PER_INSTALLATION,
	PER_PROCESS_PORTS,
	queueProcessEnv,
};

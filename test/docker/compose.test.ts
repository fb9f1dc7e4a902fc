// docker-compose.yml and the Dockerfile cannot be run on the project machine (no Docker engine, no image
// pulls): this keeps them honest against what `npm run start:queue` runs and the queue e2e tests prove
// (scripts/lib/queue/topology.js): the same n8n processes and commands, the same settings on each, the
// package where n8n loads it, the data on volumes, n8n's database apart from the BEM store.
import * as fs from 'fs';
import * as path from 'path';

import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const topology = require(
	path.join(ROOT, 'scripts/lib/queue/topology'),
) as typeof import('../../scripts/lib/queue/topology');

interface Service {
	image?: string;
	build?: { context: string; args?: Record<string, string> };
	command?: string[];
	environment?: Record<string, string>;
	volumes?: string[];
	depends_on?: Record<string, unknown>;
}
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), {
	merge: true,
}) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const services = compose.services;
const n8nServices = Object.entries(services).filter(([name]) => name.startsWith('n8n-'));
/** The n8n version the project runs and tests (scripts/n8n-runtime.sh). */
const PINNED = /N8N_VERSION="\$\{BEM_N8N_VERSION:-([\d.]+)\}"/.exec(
	fs.readFileSync(path.join(ROOT, 'scripts/n8n-runtime.sh'), 'utf8'),
)?.[1];

describe('docker-compose.yml and Dockerfile: the queue-mode cluster start:queue runs', () => {
	it('has one n8n service per process of the topology, with the same n8n command', () => {
		expect(Object.fromEntries(n8nServices.map(([name, s]) => [name, s.command]))).toEqual(
			Object.fromEntries(topology.PROCESSES.map((p) => [`n8n-${p.name}`, p.args])),
		);
	});

	it('gives every n8n process exactly the settings start:queue runs with', () => {
		const allowed = [...Object.keys(topology.QUEUE_ENV), ...topology.SHARED_PER_INSTALLATION];
		for (const [name, s] of n8nServices) {
			const env = s.environment ?? {};
			// the same values as start:queue and the e2e tests (as strings: YAML would turn "true" into true)
			for (const [key, value] of Object.entries(topology.QUEUE_ENV))
				expect({ name, key, value: env[key] }).toEqual({ name, key, value });
			for (const key of topology.SHARED_PER_INSTALLATION)
				expect({ name, key, set: typeof env[key] === 'string' && env[key] !== '' }).toEqual({
					name,
					key,
					set: true,
				});
			// nothing start:queue does not run; no per-process ports (each container has its own)
			expect({ name, extra: Object.keys(env).filter((k) => !allowed.includes(k)) }).toEqual({
				name,
				extra: [],
			});
			for (const key of topology.PER_PROCESS_PORTS) expect(env[key]).toBeUndefined();
		}
	});

	it('requires the one encryption key and the database password from the environment', () => {
		for (const [, s] of n8nServices) {
			expect(s.environment?.N8N_ENCRYPTION_KEY).toMatch(/^\$\{N8N_ENCRYPTION_KEY:\?/);
			expect(s.environment?.DB_POSTGRESDB_PASSWORD).toMatch(/^\$\{N8N_DB_PASSWORD:\?/);
		}
	});

	it('builds every n8n service from the Dockerfile on the official image of the pinned n8n', () => {
		expect(PINNED).toMatch(/^2\.\d+\.\d+$/);
		for (const [name, s] of n8nServices) {
			expect({ name, context: s.build?.context }).toEqual({ name, context: '.' });
			expect({ name, version: s.build?.args?.N8N_VERSION }).toEqual({
				name,
				version: `\${N8N_VERSION:-${PINNED}}`,
			});
		}
		expect(dockerfile).toContain(`ARG N8N_VERSION=${PINNED}`);
		expect(dockerfile).toMatch(/^FROM n8nio\/n8n:\$\{N8N_VERSION\}$/m);
		// the package where n8n loads community packages (the manual install n8n documents)
		expect(dockerfile).toMatch(
			/^COPY --from=\w+ --chown=node:node \/nodes \/home\/node\/\.n8n\/nodes$/m,
		);
		expect(dockerfile).toMatch(/npm install --omit=dev --omit=peer .*n8n-nodes-bem-\*\.tgz/);
	});

	it('mounts nothing over the n8n user folder (it would hide the package) and keeps the data on volumes', () => {
		for (const [name, s] of n8nServices)
			expect({ name, volumes: (s.volumes ?? []).filter((v) => v.includes('/home/node')) }).toEqual({
				name,
				volumes: [],
			});
		const mounts = (svc: string) => (services[svc].volumes ?? []).map((v) => v.split(':'));
		expect(mounts('postgres')).toEqual([['n8n-db', '/var/lib/postgresql/data']]);
		expect(mounts('bem-store')).toEqual([['bem-store-db', '/var/lib/postgresql/data']]);
		expect(mounts('redis')).toEqual([['redis-data', '/data']]);
		expect(Object.keys(compose.volumes).sort()).toEqual(['bem-store-db', 'n8n-db', 'redis-data']);
	});

	it('runs n8n on PostgreSQL and Redis, the BEM store on a PostgreSQL of its own, in versions n8n supports', () => {
		const main = services['n8n-main'];
		expect(Object.keys(main.depends_on ?? {}).sort()).toEqual(['postgres', 'redis']);
		expect(main.environment?.DB_POSTGRESDB_HOST).toBe('postgres');
		expect(main.environment?.QUEUE_BULL_REDIS_HOST).toBe('redis');
		for (const db of ['postgres', 'bem-store'])
			expect(Number(/^postgres:(\d+)/.exec(services[db].image ?? '')?.[1])).toBeGreaterThanOrEqual(
				16,
			);
		const bem = services['bem-store'].environment ?? {};
		expect(bem.POSTGRES_DB).not.toBe(main.environment?.DB_POSTGRESDB_DATABASE);
	});
});

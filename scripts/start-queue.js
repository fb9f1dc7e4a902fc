#!/usr/bin/env node
// npm run start:queue: the package in n8n's queue mode on this machine — n8n main, a webhook processor and
// two workers (scripts/lib/queue/topology.js) on the machine's Redis (127.0.0.1:6379) and PostgreSQL
// (127.0.0.1:5432): fresh databases bem_queue_n8n (n8n) and bem_queue_store (the BEM store) at every
// start, each n8n process with a user folder of its own in <data> and our package installed in it.
// The demo HRIS and the mail catcher as with `npm start`. Ctrl+C stops everything.
// <data> is ./.n8n-queue-data (git-ignored; BEM_QUEUE_DATA_DIR overrides), emptied at every start.
// CI=true: sets everything up, checks every process's health, stops and exits 0.
//   node scripts/start-queue.js [--port 5678]   (webhook processor on port + 100)
// Environment: BEM_QUEUE_PG (host:port, default 127.0.0.1:5432, user postgres), BEM_QUEUE_REDIS
// (host:port, default 127.0.0.1:6379).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const lib = require('./lib/n8n');
const demo = require('./lib/demoSetup');
const { startQueueCluster, ownerPassword } = require('./lib/queue/cluster');
const { freshDatabases } = require('./lib/queue/services');

const DATA = path.resolve(process.env.BEM_QUEUE_DATA_DIR || path.join(lib.ROOT, '.n8n-queue-data'));
const CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const say = (msg) => console.log(`[bem-queue] ${msg}`);

function hostPort(value, fallbackPort) {
	const [host, port] = String(value).split(':');
	return { host: host || '127.0.0.1', port: Number(port || fallbackPort) };
}

async function main() {
	const argv = process.argv.slice(2);
	const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	const port = Number(i < 0 ? 5678 : argv[i].includes('=') ? argv[i].slice(7) : argv[i + 1]);
	if (!Number.isInteger(port) || port < 1 || port > 65435)
		throw new lib.N8nSetupError('--port needs a TCP port number');
	for (const p of [port, port + 100])
		if (await lib.portInUse(p))
			throw new lib.N8nSetupError(`port ${p} is taken (choose another with --port N)`);
	const pg = {
		...hostPort(process.env.BEM_QUEUE_PG ?? '127.0.0.1:5432', 5432),
		user: 'postgres',
		password: '',
	};
	const redis = hostPort(process.env.BEM_QUEUE_REDIS ?? '127.0.0.1:6379', 6379);

	const runtime = lib.ensureRuntime();
	fs.rmSync(DATA, { recursive: true, force: true });
	fs.mkdirSync(DATA, { recursive: true });
	const dbs = await freshDatabases(pg, ['bem_queue_n8n', 'bem_queue_store']);
	say(
		`fresh databases bem_queue_n8n (n8n) and bem_queue_store (BEM store) on ${pg.host}:${pg.port}`,
	);

	const { startDemoHris } = require('./demo/hris');
	const { startMailCatcher } = require('./demo/mail');
	const hris = await startDemoHris({ port: 0 });
	const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0, dir: path.join(DATA, 'mail') });
	const storeKey = crypto.randomBytes(24).toString('base64url');
	const storeUrl = dbs.bem_queue_store;
	await demo.seedClosedBems({ storeUrl, storeKey });
	const owner = {
		email: 'bem-admin@example.com',
		firstName: 'BEM',
		lastName: 'Admin',
		password: ownerPassword(),
	};
	fs.writeFileSync(path.join(DATA, 'owner.json'), `${JSON.stringify(owner, null, 2)}\n`, {
		mode: 0o600,
	});
	let cluster;
	const stopAll = async (code) => {
		await cluster?.stop();
		await Promise.all([hris.close(), mail.close()]);
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	try {
		cluster = await startQueueCluster({
			runtime,
			dir: DATA,
			postgres: { ...pg, database: 'bem_queue_n8n' },
			redis,
			credentials: demo.demoCredentials({
				hrisUrl: hris.url,
				smtpPort: mail.smtpPort,
				storeUrl,
				storeKey,
				appId: 'n8n-nodes-bem-queue',
			}),
			workflowsDir: path.join(lib.ROOT, 'workflows'),
			owner,
			mainPort: port,
			webhookPort: port + 100,
			log: say,
		});
	} catch (e) {
		await cluster?.stop();
		await Promise.all([hris.close(), mail.close()]);
		throw e;
	}
	console.log(`
n8n ${runtime.n8nVersion} in queue mode with ${lib.PACKAGE_NAME}:
  Editor (main):      ${cluster.mainUrl}   sign in ${owner.email} (password in ${path.relative(lib.ROOT, DATA)}/owner.json)
  Webhook processor:  ${cluster.webhookUrl}   (forms, reply links, webhooks: WEBHOOK_URL)
  Workers:            ${cluster.workers.map((w) => `${w.name} (health :${w.ports.healthPort})`).join(', ')}
  Redis ${redis.host}:${redis.port}, PostgreSQL ${pg.host}:${pg.port} (bem_queue_n8n, bem_queue_store)
  Mail inbox:         ${mail.inboxUrl}    Demo HRIS: ${hris.url}
  Logs:               ${path.relative(lib.ROOT, DATA)}/<process>.log
Every execution, "Execute workflow" included, runs on a worker. Stop with Ctrl+C.
`);
	if (CI) {
		await cluster.ready(30000);
		say('CI: every process answered /healthz/readiness; stopping');
		await stopAll(0);
	}
}

main().catch((e) => {
	console.error(`\n[bem-queue] ERROR: ${e instanceof lib.N8nSetupError ? e.message : e.stack}\n`);
	process.exit(1);
});

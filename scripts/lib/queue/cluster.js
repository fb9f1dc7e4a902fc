// n8n in queue mode on one machine: main, a webhook processor and two workers (topology.js), each with
// a user folder of its own and our package installed in it as n8n documents it (<folder>/.n8n/nodes),
// one encryption key, one PostgreSQL database, one Redis. Shared by `npm run start:queue` and the
// queue e2e tests. Credentials and workflows are imported once (the database is shared), the triggered
// workflows published through the main instance.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const lib = require('../n8n');
const demo = require('../demoSetup');
const { PROCESSES, MAX_AGE_HOURS, queueProcessEnv } = require('./topology');

/** Health of a process: the main and webhook instances on N8N_PORT, workers on QUEUE_HEALTH_CHECK_PORT. */
const healthUrl = (p) =>
	`http://127.0.0.1:${p.args[0] === 'worker' ? p.ports.healthPort : p.ports.port}/healthz/readiness`;

/**
 * Sets up and starts the cluster in `dir`. postgres: { host, port, user, password, database } (a fresh
 * database for n8n); redis: { host, port }. Returns the processes and what the callers need.
 */
async function startQueueCluster({
	runtime,
	dir,
	postgres,
	redis,
	credentials,
	workflowsDir,
	owner,
	extraEnv = {},
	log = () => {},
	webhookPort,
	mainPort,
}) {
	fs.mkdirSync(dir, { recursive: true });
	const key = lib.encryptionKey(dir);
	const processes = [];
	for (const spec of PROCESSES) {
		const userFolder = path.join(dir, spec.name);
		const t = Date.now();
		const inst = lib.installPackage({ runtime, userFolder, log });
		log(
			`${spec.name}: ${lib.PACKAGE_NAME} in ${userFolder}/.n8n/nodes (${inst.action}, ${Date.now() - t} ms)`,
		);
		const fixed = { main: mainPort, webhook: webhookPort }[spec.name];
		processes.push({
			...spec,
			userFolder,
			logFile: path.join(dir, `${spec.name}.log`),
			ports: {
				port: fixed ?? (await lib.freePort()),
				healthPort: await lib.freePort(),
				brokerPort: await lib.freePort(),
			},
			child: undefined,
		});
	}
	const webhook = processes.find((p) => p.name === 'webhook');
	const main = processes.find((p) => p.name === 'main');
	const webhookUrl = `http://localhost:${webhook.ports.port}/`;
	for (const p of processes) {
		p.env = lib.n8nEnv({
			runtime,
			userFolder: p.userFolder,
			port: p.ports.port,
			brokerPort: p.ports.brokerPort,
			maxAgeHours: MAX_AGE_HOURS,
			extra: { ...queueProcessEnv({ key, postgres, redis, webhookUrl }, p.ports), ...extraEnv },
		});
	}
	/** An n8n CLI command against the cluster's database (its own task-broker port). */
	const cli = async (args, { timeoutMs, env } = {}) =>
		lib.runCli(
			runtime,
			{ ...main.env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()), ...env },
			args,
			{ timeoutMs },
		);

	let t = Date.now();
	demo.importCredentials(
		runtime,
		{ ...main.env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()) },
		credentials,
	);
	const imported = await cli(['import:workflow', '--separate', `--input=${workflowsDir}`]);
	if (imported.status !== 0)
		throw new lib.N8nSetupError(
			`n8n import:workflow failed (exit ${imported.status}):\n${imported.stdout}\n${imported.stderr}`,
		);
	log(`credentials and workflows imported (${Date.now() - t} ms)`);

	const cluster = {
		dir,
		key,
		processes,
		main,
		webhook,
		workers: processes.filter((p) => p.args[0] === 'worker'),
		mainUrl: `http://localhost:${main.ports.port}`,
		webhookUrl: webhookUrl.replace(/\/$/, ''),
		cookie: '',
		cli,
		/** Starts a process (again) and waits until it is ready. */
		async start(p) {
			if (p.child && p.child.exitCode === null && p.child.signalCode === null) return;
			p.child = lib.startServer(runtime, p.env, { logFile: p.logFile, args: p.args });
			p.child.once('exit', (code, signal) =>
				fs.appendFileSync(
					p.logFile,
					`\n[queue] ${p.name} exited: code ${code}, signal ${signal}\n`,
				),
			);
			try {
				await lib.waitForHttp(healthUrl(p), { child: p.child, timeoutMs: 180000 });
			} catch (e) {
				throw new lib.N8nSetupError(
					`${p.name}: ${e.message}\n--- ${p.logFile} ---\n${tail(p.logFile)}`,
				);
			}
		},
		/** SIGKILL: the process dies at once, as on a crash or an OOM kill. */
		kill(p) {
			return new Promise((resolve) => {
				if (!p.child || p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
				p.child.once('exit', () => resolve());
				p.child.kill('SIGKILL');
			});
		},
		/** Ready again after a Redis or PostgreSQL restart (n8n reconnects by itself). */
		async ready(timeoutMs = 120000) {
			for (const p of processes) await lib.waitForHttp(healthUrl(p), { timeoutMs });
		},
		async stop() {
			// workers first: main then marks nothing of theirs as running
			await Promise.all(cluster.workers.map((p) => lib.stopServer(p.child)));
			await lib.stopServer(webhook.child);
			await lib.stopServer(main.child);
		},
	};

	t = Date.now();
	await cluster.start(main);
	cluster.cookie = owner.existing
		? await lib.login(cluster.mainUrl, owner.email, owner.password)
		: await lib.setupOwner(cluster.mainUrl, owner);
	await demo.publishShipped(cluster.mainUrl, cluster.cookie, workflowsDir);
	log(`main ready, owner set up, workflows published (${Date.now() - t} ms)`);
	t = Date.now();
	await Promise.all(processes.filter((p) => p !== main).map((p) => cluster.start(p)));
	log(`webhook processor and ${cluster.workers.length} workers ready (${Date.now() - t} ms)`);
	return cluster;
}

function tail(file, lines = 30) {
	return fs.existsSync(file)
		? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
		: '';
}

/** A password for a local owner account (n8n asks for 8+ characters with a digit and a capital). */
const ownerPassword = () => `Bem-${crypto.randomBytes(9).toString('base64url')}1`;

module.exports = { startQueueCluster, ownerPassword, tail };

// An n8n server process: the environment every n8n we start gets (execution-data privacy, offline,
// ports), starting it, waiting for it, stopping it, and the free ports it needs.
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

const { N8nSetupError, node24Env } = require('./runtime');

/** A fixed encryption key per user folder: generated once, kept beside n8n's own config, never committed. */
function encryptionKey(userFolder) {
	const file = path.join(userFolder, 'encryption-key');
	if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
	// a folder n8n already started in without us: keep the key n8n generated there
	const config = path.join(userFolder, '.n8n', 'config');
	let key = fs.existsSync(config)
		? JSON.parse(fs.readFileSync(config, 'utf8')).encryptionKey
		: undefined;
	key = key || crypto.randomBytes(24).toString('base64url');
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}

/** Execution data: nothing from successful or manual runs, failed ones for at most maxAgeHours. */
const executionDataEnv = (maxAgeHours) => ({
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
	EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
	EXECUTIONS_DATA_PRUNE: 'true',
	EXECUTIONS_DATA_MAX_AGE: String(maxAgeHours),
	EXECUTIONS_DATA_HARD_DELETE_BUFFER: '1',
});

/** Offline and quiet: no telemetry, version checks, templates or onboarding survey. */
const OFFLINE_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry', // polls api.n8n.io for MCP servers at start
};

/**
 * The environment of every n8n we start. Successful and manual executions keep no data (BEM items are
 * health-related personal data); failed ones are kept for the admin and pruned after maxAgeHours.
 */
function n8nEnv({ runtime, userFolder, port = 5678, brokerPort, maxAgeHours = 24, extra = {} }) {
	const env = node24Env(runtime);
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		// (a cluster's processes share one key: given in extra, no key file per user folder)
		N8N_ENCRYPTION_KEY: extra.N8N_ENCRYPTION_KEY ?? encryptionKey(userFolder),
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		GENERIC_TIMEZONE: 'Europe/Berlin',
		...executionDataEnv(maxAgeHours),
		...OFFLINE_ENV,
		// Code nodes run in n8n's own JS task runner (a child process of n8n on the same Node 24); the
		// broker port must differ between n8n processes running at the same time
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort ?? port + 1),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_LOG_LEVEL: env.N8N_LOG_LEVEL || 'warn',
		...extra,
	};
}

/**
 * Starts `n8n start` (or another long-running command: `worker`, `webhook`) detached from our stdio;
 * the caller waits for health and stops it.
 */
/** `nodeArgs`: options for n8n's Node itself (the bench's --cpu-prof). */
function startServer(
	runtime,
	env,
	{ logFile, inherit = false, args = ['start'], nodeArgs = [] } = {},
) {
	const out = inherit ? 'inherit' : fs.openSync(logFile, 'a');
	const child = spawn(runtime.nodeBin, [...nodeArgs, runtime.n8nBin, ...args], {
		env,
		stdio: ['ignore', out, out],
	});
	if (!inherit) fs.closeSync(out);
	return child;
}

/** Resolves when GET url answers 200, rejects after timeoutMs or when the process exits. */
async function waitForHttp(url, { timeoutMs = 120000, child } = {}) {
	const until = Date.now() + timeoutMs;
	let exited = null;
	child?.once('exit', (code, signal) => (exited = { code, signal }));
	while (Date.now() < until) {
		if (exited)
			throw new N8nSetupError(
				`n8n exited before it was healthy (code ${exited.code}, signal ${exited.signal})`,
			);
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (res.status === 200) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new N8nSetupError(`n8n did not answer ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** True if something already listens on 127.0.0.1:port (or the port cannot be bound). */
function portInUse(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(true));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
	});
}

// The kernel's ephemeral range (the source ports of outgoing connections). A port it hands out for
// listen(0) can be taken by any outgoing connection before n8n binds it, and n8n's task broker then exits
// with code 1, logging only at info level: so listening ports are taken from just below that range.
function ephemeralLow() {
	try {
		const low = Number(
			fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
		);
		return Number.isInteger(low) && low > 2048 ? low : 32768;
	} catch {
		return 32768;
	}
}

/** A port free on 127.0.0.1 now, outside the ephemeral range (so only another listener can take it). */
async function freePort() {
	const high = ephemeralLow();
	const low = Math.max(1024, high - 12000);
	for (let i = 0; i < 50; i++) {
		const port = low + crypto.randomInt(high - low);
		if (!(await portInUse(port))) return port;
	}
	throw new N8nSetupError(`no free port on 127.0.0.1 between ${low} and ${high - 1}`);
}

/** Sends SIGTERM, waits for n8n's graceful shutdown, SIGKILL after graceMs. */
function stopServer(child, graceMs = 20000) {
	return new Promise((resolve) => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** Polls `fn` until it returns something other than undefined; fails after timeoutMs naming what it waited for. */
async function poll(what, fn, { timeoutMs = 90000, everyMs = 500, detail } = {}) {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const got = await fn();
		if (got !== undefined) return got;
		if (Date.now() > until)
			throw new Error(
				`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail ? `\n${detail()}` : ''}`,
			);
		await new Promise((r) => setTimeout(r, everyMs));
	}
}

module.exports = {
	executionDataEnv,
	OFFLINE_ENV,
	encryptionKey,
	n8nEnv,
	startServer,
	waitForHttp,
	portInUse,
	freePort,
	stopServer,
	poll,
};

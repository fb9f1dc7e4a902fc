// The real n8n the project runs against, shared by scripts/start.js and test/e2e/n8n.ts: the cached
// runtime (scripts/n8n-runtime.sh), our package installed as users install it (npm into the user
// folder's .n8n/nodes, built for n8n's Node 24), the environment every one of our n8n runs gets, and
// the CLI. Plain CommonJS so it runs under Node 20 (npm start, jest) without a build.
'use strict';
const { spawnSync, spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

const os = require('os');

const ROOT = path.resolve(__dirname, '../..');
/**
 * The machine-wide cache, outside the clone so fresh clones (CI) reuse it; the same rule as
 * scripts/n8n-runtime.sh: $BEM_CACHE_DIR, else $XDG_CACHE_HOME/n8n-nodes-bem, else ~/.cache/n8n-nodes-bem.
 */
const CACHE = path.resolve(
	process.env.BEM_CACHE_DIR ||
		path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-bem'),
);
const RUNTIME_DIR = path.resolve(process.env.BEM_RUNTIME_DIR || path.join(CACHE, 'runtime'));
const PACK_DIR = path.join(CACHE, 'pack');
/** The package's nodes dir built once per package content; copied into fresh user folders (tests). */
const NODES_TEMPLATES = path.join(CACHE, 'bem-nodes');
const PACKAGE_NAME = 'n8n-nodes-bem';

class N8nSetupError extends Error {}

/** Installs n8n + Node 24 once (cached); returns paths and versions from runtime.json. */
function ensureRuntime({ quiet = false } = {}) {
	const res = spawnSync('bash', [path.join(ROOT, 'scripts/n8n-runtime.sh')], {
		stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		encoding: 'utf8',
	});
	if (res.status !== 0) {
		const why = quiet
			? `${res.stderr}`.trim().split('\n').slice(-3).join('\n')
			: 'see the message above';
		throw new N8nSetupError(
			`the n8n runtime is not available (scripts/n8n-runtime.sh exit ${res.status}): ${why}`,
		);
	}
	return JSON.parse(fs.readFileSync(path.join(RUNTIME_DIR, 'runtime.json'), 'utf8'));
}

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

/** Our environment with Node 24 first on PATH, minus what `npm run` leaks (npm_config_nodedir of Node 20…). */
function node24Env(runtime) {
	const env = { ...process.env };
	// (and what jest sets: n8n refuses to load nodes when NODE_ENV is 'test')
	for (const k of Object.keys(env))
		if (/^(npm_|JEST_)/i.test(k) || k === 'NODE_OPTIONS' || k === 'NODE_ENV') delete env[k];
	env.PATH = `${runtime.nodeDir}/bin${path.delimiter}${env.PATH}`;
	return env;
}

/**
 * The environment of every n8n we start. Successful and manual executions keep no data (BEM items are
 * health-related personal data); failed ones are kept for the admin and pruned after maxAgeHours.
 */
function n8nEnv({ runtime, userFolder, port = 5678, brokerPort, maxAgeHours = 24, extra = {} }) {
	const env = node24Env(runtime);
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey(userFolder),
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		GENERIC_TIMEZONE: 'Europe/Berlin',
		// execution data: nothing from successful or manual runs, failed ones for at most maxAgeHours
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
		EXECUTIONS_DATA_PRUNE: 'true',
		EXECUTIONS_DATA_MAX_AGE: String(maxAgeHours),
		EXECUTIONS_DATA_HARD_DELETE_BUFFER: '1',
		// offline and quiet: no telemetry, version checks, templates or onboarding survey
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry', // polls api.n8n.io for MCP servers at start
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
 * Builds nothing: packs the built package (dist must be current) and returns the tarball and its hash.
 * The tarball is kept content-addressed in the cache (pack/<hash>.tgz): an installed nodes dir records it
 * as a file: dependency, and concurrent runs from several clones must not overwrite each other's.
 */
function packPackage() {
	// n8n refuses the whole package when one listed file is missing: say which, before packing
	const { n8n = {} } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const missing = [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])].filter(
		(f) => !fs.existsSync(path.join(ROOT, f)),
	);
	if (missing.length)
		throw new N8nSetupError(
			`package.json n8n lists files the build did not produce (run \`npm run build\`): ${missing.join(', ')}`,
		);
	fs.mkdirSync(PACK_DIR, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-pack-'));
	try {
		const res = spawnSync('npm', ['pack', '--silent', '--pack-destination', tmp], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		if (res.status !== 0) throw new N8nSetupError(`npm pack failed: ${res.stderr}`);
		const packed = path.join(tmp, res.stdout.trim().split('\n').pop());
		const hash = crypto
			.createHash('sha256')
			.update(fs.readFileSync(packed))
			.digest('hex')
			.slice(0, 16);
		const tarball = path.join(PACK_DIR, `${PACKAGE_NAME}-${hash}.tgz`);
		if (!fs.existsSync(tarball)) {
			fs.copyFileSync(packed, `${tarball}.${process.pid}`);
			fs.renameSync(`${tarball}.${process.pid}`, tarball);
		}
		fs.utimesSync(tarball, new Date(), new Date());
		// keep the newest few: an installed nodes dir refers to its tarball only until the next install
		const old = fs
			.readdirSync(PACK_DIR)
			.filter((f) => f.endsWith('.tgz'))
			.map((f) => ({ f, t: fs.statSync(path.join(PACK_DIR, f)).mtimeMs }))
			.sort((a, b) => b.t - a.t)
			.slice(10);
		for (const { f } of old) fs.rmSync(path.join(PACK_DIR, f), { force: true });
		return { tarball, hash };
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs fn holding a lock directory (one builder of the shared package template at a time). */
function withLock(lockDir, fn, { log = () => {}, staleMs = 15 * 60000 } = {}) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// being created right now
			}
			let alive = true;
			try {
				if (holder) process.kill(holder, 0);
			} catch {
				alive = false;
			}
			const age =
				Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (!alive || age > staleMs) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!told) log(`waiting for another install of the package (pid ${holder}, lock ${lockDir})`);
			told = true;
			sleepSync(500);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** npm (Node 20's npm-cli) run under Node 24 with Node 24's headers, so native deps build for n8n's Node. */
function npmUnderNode24(runtime, args, cwd) {
	const env = Object.assign(node24Env(runtime), {
		npm_config_nodedir: runtime.nodeDir,
		npm_config_build_from_source: 'true', // better-sqlite3: no prebuilt download (only the npm registry is reachable)
		npm_config_update_notifier: 'false',
	});
	const t = Date.now();
	const res = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
	if (res.status !== 0) {
		throw new N8nSetupError(
			`npm ${args.join(' ')} in ${cwd} failed:\n${`${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-15).join('\n')}`,
		);
	}
	return Date.now() - t;
}

function writeNodesPackageJson(nodesDir) {
	fs.mkdirSync(nodesDir, { recursive: true });
	const file = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(file))
		fs.writeFileSync(
			file,
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
		);
}

/** What `cd ~/.n8n/nodes && npm install <package>` does, with scripts on (better-sqlite3 compiles for Node 24). */
function npmInstallInto(runtime, nodesDir, tarball) {
	writeNodesPackageJson(nodesDir);
	// n8n resolves n8n-workflow for community packages from its own node_modules: do not install the peer
	return npmUnderNode24(
		runtime,
		[
			'install',
			'--prefer-offline',
			'--omit=peer',
			'--omit=dev',
			'--no-audit',
			'--no-fund',
			tarball,
		],
		nodesDir,
	);
}

/** Proves the installed package and its native dependency load under n8n's Node. */
function checkInstalled(runtime, nodesDir) {
	const dir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	// judged by the marker, not the exit code: better-sqlite3 12 can abort at Node 24's teardown
	// (RemoveEnvironmentCleanupHook assertion when a closed Database is collected)
	const code = `require(${JSON.stringify(dir)}); const r = require('module').createRequire(${JSON.stringify(`${dir}/`)});
		const db = new (r('better-sqlite3'))(':memory:'); db.prepare('select 1').get(); process.stdout.write('BEM-LOADS');`;
	const res = spawnSync(runtime.nodeBin, ['-e', code], { encoding: 'utf8' });
	if (!`${res.stdout}`.includes('BEM-LOADS')) {
		throw new N8nSetupError(
			`${PACKAGE_NAME} is installed in ${nodesDir} but does not load under Node ${runtime.nodeVersion}:\n${`${res.stderr}`.trim().split('\n').slice(0, 6).join('\n')}`,
		);
	}
}

/**
 * Makes the built package available to n8n at <userFolder>/.n8n/nodes/node_modules/n8n-nodes-bem as a
 * user's `npm install` would. Idempotent: a stamp holds the installed tarball's hash. The first install
 * of a package content builds better-sqlite3 for Node 24 (about a minute) in a template nodes dir that
 * fresh user folders (tests) copy; a user folder that already has packages gets a real npm install.
 * Returns { hash, action, ms }.
 */
function installPackage({ runtime, userFolder, log = () => {} }) {
	const t = Date.now();
	const { tarball, hash } = packPackage();
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const stamp = path.join(nodesDir, '.bem-package');
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (
		fs.existsSync(installed) &&
		fs.existsSync(stamp) &&
		fs.readFileSync(stamp, 'utf8').trim() === hash
	) {
		return { hash, action: 'unchanged', ms: Date.now() - t };
	}
	const template = path.join(NODES_TEMPLATES, `${hash}-node-${runtime.nodeVersion}`);
	withLock(
		`${NODES_TEMPLATES}.lock`,
		() => {
			if (fs.existsSync(path.join(template, '.ok'))) return;
			fs.rmSync(template, { recursive: true, force: true });
			// start from the previous template: npm then keeps its compiled better-sqlite3 (seconds, not a minute)
			const previous = fs.existsSync(NODES_TEMPLATES)
				? fs
						.readdirSync(NODES_TEMPLATES)
						.find(
							(d) =>
								d.endsWith(`-node-${runtime.nodeVersion}`) &&
								fs.existsSync(path.join(NODES_TEMPLATES, d, '.ok')),
						)
				: undefined;
			log(
				`installing ${PACKAGE_NAME} (${hash}) for Node ${runtime.nodeVersion} with npm${previous ? '' : '; better-sqlite3 is compiled for it the first time (about a minute)'}`,
			);
			if (previous)
				fs.cpSync(path.join(NODES_TEMPLATES, previous), template, {
					recursive: true,
					verbatimSymlinks: true,
				});
			npmInstallInto(runtime, template, tarball);
			checkInstalled(runtime, template);
			fs.writeFileSync(path.join(template, '.ok'), `${hash}\n`);
			// keep the last few (other clones / branches may install another content)
			const olds = fs
				.readdirSync(NODES_TEMPLATES)
				.filter((d) => d !== path.basename(template))
				.map((d) => ({ d, t: fs.statSync(path.join(NODES_TEMPLATES, d)).mtimeMs }))
				.sort((a, b) => b.t - a.t)
				.slice(3);
			for (const { d } of olds)
				fs.rmSync(path.join(NODES_TEMPLATES, d), { recursive: true, force: true });
		},
		{ log },
	);
	let action;
	if (!fs.existsSync(path.join(nodesDir, 'node_modules'))) {
		fs.mkdirSync(nodesDir, { recursive: true });
		fs.cpSync(template, nodesDir, {
			recursive: true,
			verbatimSymlinks: true,
			filter: (src) => path.basename(src) !== '.ok',
		});
		action = 'copied';
	} else {
		npmInstallInto(runtime, nodesDir, tarball);
		action = 'npm-installed';
	}
	checkInstalled(runtime, nodesDir);
	fs.writeFileSync(stamp, `${hash}\n`);
	return { hash, action, ms: Date.now() - t };
}

/** Runs an n8n CLI command to completion; returns { status, stdout, stderr, ms }. */
function runCli(runtime, env, args, { timeoutMs = 120000 } = {}) {
	const t = Date.now();
	const res = spawnSync(runtime.nodeBin, [runtime.n8nBin, ...args], {
		env,
		encoding: 'utf8',
		timeout: timeoutMs,
		maxBuffer: 256 * 1024 * 1024,
	});
	if (res.error) throw res.error;
	return { status: res.status, stdout: res.stdout, stderr: res.stderr, ms: Date.now() - t };
}

/** `n8n execute --rawOutput` prints log lines, then the run as pretty JSON: parse from its first '{' line. */
function parseExecuteOutput(stdout) {
	const from = stdout.startsWith('{') ? 0 : stdout.indexOf('\n{');
	const to = stdout.lastIndexOf('\n}');
	if (from < 0 || to < from)
		throw new Error(`no run JSON in n8n execute output:\n${stdout.slice(0, 2000)}`);
	return JSON.parse(stdout.slice(from, to + 2));
}

/** Starts `n8n start` detached from our stdio; the caller waits for health and stops it. */
function startServer(runtime, env, { logFile, inherit = false } = {}) {
	const out = inherit ? 'inherit' : fs.openSync(logFile, 'a');
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
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

/** A free TCP port on 127.0.0.1 chosen by the OS. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
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

/** n8n's own database, read-only, opened per call (n8n writes the SQLite file through WAL meanwhile). */
function readDb(dbFile, fn) {
	const Database = require('better-sqlite3');
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	try {
		return fn(db);
	} finally {
		db.close();
	}
}

/** n8n's execution records (execution_entity), of one workflow or all. */
function executionRecords(dbFile, workflowId) {
	return readDb(dbFile, (db) =>
		db
			.prepare(
				`SELECT CAST(id AS TEXT) AS id, workflowId, status, mode, finished, waitTill, startedAt, stoppedAt, deletedAt
				 FROM execution_entity ${workflowId ? 'WHERE workflowId = ?' : ''} ORDER BY id`,
			)
			.all(...(workflowId ? [workflowId] : [])),
	);
}

/** The stored run data of an execution as n8n keeps it (flatted JSON text), or undefined when none is stored. */
function executionDataText(dbFile, id) {
	return readDb(dbFile, (db) =>
		db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(id),
	)?.data;
}

/** Whether an execution record has ended: a success keeping no data is soft-deleted, others carry their end. */
const executionEnded = (r) =>
	r.deletedAt !== null ||
	r.stoppedAt !== null ||
	['success', 'error', 'crashed', 'canceled'].includes(r.status);

/** Sets up the instance owner through n8n's REST API (first start only); returns the session cookie. */
async function setupOwner(baseUrl, owner) {
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (res.status !== 200)
		throw new N8nSetupError(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
	return cookieOf(res);
}

async function login(baseUrl, email, password) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (res.status !== 200)
		throw new N8nSetupError(`login as ${email} failed: HTTP ${res.status} ${await res.text()}`);
	return cookieOf(res);
}

function cookieOf(res) {
	const cookies = res.headers.getSetCookie
		? res.headers.getSetCookie()
		: [res.headers.get('set-cookie')];
	return cookies
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Creates a public-API key (all scopes the owner may have) with the session cookie; returns the raw key. */
async function createApiKey(baseUrl, cookie, label) {
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers: { cookie } });
	if (scopesRes.status !== 200)
		throw new N8nSetupError(`reading API key scopes failed: HTTP ${scopesRes.status}`);
	const scopes = (await scopesRes.json()).data;
	const res = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ label, scopes, expiresAt: null }),
	});
	if (res.status !== 200)
		throw new N8nSetupError(`creating an API key failed: HTTP ${res.status} ${await res.text()}`);
	return (await res.json()).data.rawApiKey;
}

module.exports = {
	ROOT,
	CACHE,
	RUNTIME_DIR,
	PACKAGE_NAME,
	N8nSetupError,
	ensureRuntime,
	encryptionKey,
	n8nEnv,
	packPackage,
	installPackage,
	runCli,
	parseExecuteOutput,
	startServer,
	waitForHttp,
	portInUse,
	freePort,
	stopServer,
	poll,
	executionRecords,
	executionDataText,
	executionEnded,
	setupOwner,
	login,
	createApiKey,
};

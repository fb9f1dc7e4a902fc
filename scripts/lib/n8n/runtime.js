// The cached n8n runtime (Node 24 + n8n, installed by scripts/n8n-runtime.sh outside the clone), the
// environment its processes run in, and its CLI. Plain CommonJS so it runs under Node 20 (npm start,
// jest) without a build.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
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

/** Our environment with Node 24 first on PATH, minus what `npm run` leaks (npm_config_nodedir of Node 20…). */
function node24Env(runtime) {
	const env = { ...process.env };
	// (and what jest sets: n8n refuses to load nodes when NODE_ENV is 'test')
	for (const k of Object.keys(env))
		if (/^(npm_|JEST_)/i.test(k) || k === 'NODE_OPTIONS' || k === 'NODE_ENV') delete env[k];
	env.PATH = `${runtime.nodeDir}/bin${path.delimiter}${env.PATH}`;
	return env;
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

module.exports = {
	ROOT,
	CACHE,
	RUNTIME_DIR,
	N8nSetupError,
	ensureRuntime,
	node24Env,
	runCli,
	parseExecuteOutput,
};

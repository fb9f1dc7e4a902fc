#!/usr/bin/env node
// npm start: the package in a real n8n, with everything it talks to running locally.
//  1. builds the package;
//  2. installs the cached n8n runtime once per machine (Node 24 + n8n, scripts/n8n-runtime.sh; the cache is
//     outside the clone: ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-bem);
//  3. installs the package as users do, into <data>/.n8n/nodes/node_modules/n8n-nodes-bem;
//  4. creates the credentials the shipped workflows reference (fixed ids, scripts/workflows/common.js):
//     BEM Store three times (one SQLite file in <data>; principals process, bem_officer and hr_admin), BEM Mail (SMTP to the local mail catcher),
//     Personio (the demo HRIS), the cockpit's two Basic Auth logins (passwords in <data>/secrets.json) — imported with
//     `n8n import:credentials` from a temp file that is deleted right after;
//  5. imports workflows/*.json that are new or changed;
//  6. starts the demo HRIS (scripts/demo/hris.js), the mail catcher with its inbox (scripts/demo/mail.js)
//     and n8n, sets up a local owner account and prints what to open.
// <data> is ./.n8n-data (git-ignored; BEM_DATA_DIR overrides). A second start reuses it; `npm run reset`
// deletes it. CI=true: sets everything up, starts, checks health, stops and exits 0 (nothing interactive).
//   node scripts/start.js [--port 5678] [--reset]
'use strict';
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const lib = require('./lib/n8n');
const demo = require('./lib/demoSetup');

const DATA = path.resolve(process.env.BEM_DATA_DIR || path.join(lib.ROOT, '.n8n-data'));
const WORKFLOWS = path.join(lib.ROOT, 'workflows');
const CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const T0 = Date.now();
/** successful runs keep nothing; failed runs are kept this long for the admin (hours) */
const MAX_AGE_HOURS = 168;

const say = (msg) => console.log(`[bem] ${msg}`);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rel = (p) => (p.startsWith(lib.ROOT + path.sep) ? path.relative(lib.ROOT, p) : p);
function fail(msg) {
	console.error(`\n[bem] ERROR: ${msg}\n`);
	process.exit(1);
}

function parseArgs(argv) {
	const num = (v, name) => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < 1 || n > 65535)
			fail(`${name} needs a TCP port number, got ${JSON.stringify(v)}`);
		return n;
	};
	const args = {
		port: num(process.env.N8N_PORT || 5678, 'N8N_PORT'),
		inboxPort: num(process.env.BEM_INBOX_PORT || 5680, 'BEM_INBOX_PORT'),
		hrisPort: num(process.env.BEM_HRIS_PORT || 5681, 'BEM_HRIS_PORT'),
		smtpPort: num(process.env.BEM_SMTP_PORT || 2525, 'BEM_SMTP_PORT'),
		reset: false,
	};
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--reset') args.reset = true;
		else if (argv[i] === '--port') args.port = num(argv[++i], '--port');
		else if (argv[i].startsWith('--port=')) args.port = num(argv[i].slice(7), '--port');
		else fail(`unknown argument ${argv[i]} (use --port N or --reset)`);
	}
	return args;
}

function reset() {
	fs.rmSync(DATA, { recursive: true, force: true });
	say(`deleted ${rel(DATA)} (n8n database and settings, BEM store, caught mail, keys)`);
	say(`the runtime in ${lib.CACHE} is kept. \`npm start\` sets up anew.`);
}

function build() {
	const t = Date.now();
	const res = spawnSync('npm', ['run', 'build', '--silent'], { cwd: lib.ROOT, encoding: 'utf8' });
	if (res.status !== 0)
		fail(
			`npm run build failed:\n${`${res.stdout}\n${res.stderr}`
				.split('\n')
				.filter((l) => l && !/^npm warn/.test(l))
				.slice(-30)
				.join('\n')}`,
		);
	say(`built the package (${secs(Date.now() - t)})`);
}

/** A secret generated once and kept in <data>/secrets.json (mode 600); never printed. */
function secret(name) {
	const file = path.join(DATA, 'secrets.json');
	const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	if (!all[name]) {
		all[name] = crypto.randomBytes(24).toString('base64url');
		fs.mkdirSync(DATA, { recursive: true });
		fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
	}
	return all[name];
}

/** A stamp file in <data>: run fn only when the value's hash differs from the last run's. */
function onceFor(name, value, fn) {
	const file = path.join(DATA, 'stamps.json');
	const stamps = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	const hash = crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');
	if (stamps[name] === hash) return false;
	fn();
	stamps[name] = hash;
	fs.writeFileSync(file, `${JSON.stringify(stamps, null, 2)}\n`);
	return true;
}

/** workflows/*.json, with a warning for what cannot work in a real n8n. */
function shippedWorkflows() {
	if (!fs.existsSync(WORKFLOWS)) return [];
	return fs
		.readdirSync(WORKFLOWS)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const file = path.join(WORKFLOWS, f);
			const text = fs.readFileSync(file, 'utf8');
			const wf = JSON.parse(text);
			if (!wf.id) say(`warning: ${f} has no "id": every changed import adds another copy`);
			const custom = (wf.nodes || []).filter((n) => String(n.type).startsWith('CUSTOM.'));
			if (custom.length)
				say(`warning: ${f} uses CUSTOM.* node types; installed packages register n8n-nodes-bem.*`);
			const types = new Set((wf.nodes || []).map((n) => n.type));
			const manual = types.has('n8n-nodes-base.manualTrigger');
			const publish = demo.needsPublishing(wf);
			return {
				file,
				name: wf.name || f,
				id: wf.id,
				manual,
				publish,
				hash: crypto.createHash('sha256').update(text).digest('hex'),
			};
		});
}

/** Imports the workflows whose content changed since the last import (edits made in the editor to
 * unchanged files are kept). One CLI call for all of them. */
function importWorkflows(runtime, env, workflows) {
	const stampFile = path.join(DATA, 'imported-workflows.json');
	const stamps = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, 'utf8')) : {};
	const changed = workflows.filter((w) => stamps[path.basename(w.file)] !== w.hash);
	if (changed.length === 0) {
		say(`workflows: ${workflows.length} shipped, none changed since the last import`);
		return;
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-import-'));
	for (const w of changed) fs.copyFileSync(w.file, path.join(dir, path.basename(w.file)));
	const res = lib.runCli(runtime, env, ['import:workflow', '--separate', `--input=${dir}`]);
	fs.rmSync(dir, { recursive: true, force: true });
	if (res.status !== 0) fail(`n8n import:workflow failed:\n${res.stdout}\n${res.stderr}`);
	say(
		`workflows: imported ${changed.map((w) => path.basename(w.file)).join(', ')} (${secs(res.ms)})`,
	);
	// published once n8n runs (REST, milliseconds each; the CLI's publish:workflow takes ~9 s a workflow)
	const pending = new Set(readJson(PENDING_PUBLISH, []));
	for (const w of changed) if (w.publish && w.id) pending.add(w.id);
	fs.writeFileSync(PENDING_PUBLISH, `${JSON.stringify([...pending])}\n`);
	for (const w of changed) stamps[path.basename(w.file)] = w.hash;
	fs.writeFileSync(stampFile, `${JSON.stringify(stamps, null, 2)}\n`);
}

const PENDING_PUBLISH = path.join(DATA, 'pending-publish.json');
function readJson(file, fallback) {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : fallback;
}

/** Publishes the imported workflows that must be live, through the running n8n (it registers their triggers). */
async function publishPending(baseUrl, owner, workflows) {
	const pending = demo.publishOrder(readJson(PENDING_PUBLISH, []));
	if (pending.length === 0) return;
	const t = Date.now();
	const cookie = await lib.login(baseUrl, owner.email, owner.password);
	const done = [];
	for (const id of pending) {
		try {
			if (!(await demo.publishWorkflow(baseUrl, cookie, id)))
				say(`warning: workflow ${id} to publish is not there`);
			done.push(id);
		} catch (e) {
			say(`warning: ${e.message}`);
		}
	}
	fs.writeFileSync(
		PENDING_PUBLISH,
		`${JSON.stringify(pending.filter((id) => !done.includes(id)))}\n`,
	);
	const names = done.map((id) => workflows.find((w) => w.id === id)?.name ?? id);
	if (names.length)
		say(
			`workflows: published ${names.join(', ')} (sub-workflows, forms, webhooks, error alert, the daily Deadline Sweep and Detect; ${secs(Date.now() - t)})`,
		);
}

/** A local owner account, created once through n8n's REST API, with a public-API key. */
async function ensureOwner(baseUrl) {
	const file = path.join(DATA, 'owner.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
	const owner = {
		email: 'bem-admin@example.com',
		firstName: 'BEM',
		lastName: 'Admin',
		password: `Bem-${crypto.randomBytes(9).toString('base64url')}1`,
	};
	const cookie = await lib.setupOwner(baseUrl, owner);
	let apiKey;
	try {
		apiKey = await lib.createApiKey(baseUrl, cookie, 'n8n-nodes-bem local');
	} catch (e) {
		say(`warning: no public-API key (${e.message})`);
	}
	const saved = { ...owner, apiKey };
	fs.writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
	return saved;
}

async function checkPorts(args) {
	const wanted = [
		[args.port, 'n8n editor', '--port N (or N8N_PORT)'],
		[args.inboxPort, 'demo mail inbox', 'BEM_INBOX_PORT'],
		[args.hrisPort, 'demo HRIS', 'BEM_HRIS_PORT'],
		[args.smtpPort, 'demo SMTP', 'BEM_SMTP_PORT'],
	];
	const taken = [];
	for (const [port, what, how] of wanted)
		if (await lib.portInUse(port)) taken.push(`  ${port} (${what}; choose another with ${how})`);
	if (taken.length) {
		fail(
			`port(s) taken — another n8n, or an earlier \`npm start\` still running?\n${taken.join('\n')}\nStop it, or e.g. \`npm start -- --port ${args.port + 10}\`.`,
		);
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.reset) return reset();
	await checkPorts(args);

	build();
	let runtime;
	try {
		runtime = lib.ensureRuntime();
	} catch (e) {
		fail(e.message);
	}
	fs.mkdirSync(DATA, { recursive: true });
	if (!fs.existsSync(path.join(DATA, '.n8n', 'database.sqlite'))) {
		// n8n's database is new (first start, or deleted by hand): what the stamps say was done is gone with it
		for (const f of [
			'stamps.json',
			'imported-workflows.json',
			'owner.json',
			'pending-publish.json',
		])
			fs.rmSync(path.join(DATA, f), { force: true });
	}
	const inst = lib.installPackage({ runtime, userFolder: DATA, log: say });
	say(
		`package ${lib.PACKAGE_NAME} in ${rel(DATA)}/.n8n/nodes/node_modules: ${inst.action} (${secs(inst.ms)})`,
	);

	const brokerPort = (await lib.portInUse(args.port + 1)) ? await lib.freePort() : args.port + 1;
	const env = lib.n8nEnv({
		runtime,
		userFolder: DATA,
		port: args.port,
		brokerPort,
		maxAgeHours: MAX_AGE_HOURS,
	});
	const cliEnv = { ...env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()) };

	const storeFile = path.join(DATA, 'bem-store.sqlite');
	const hrisUrl = `http://127.0.0.1:${args.hrisPort}`;
	const storeKey = secret('bemStoreEncryptionKey');
	const cockpitPasswords = {
		officer: secret('cockpitOfficerPassword'),
		admin: secret('cockpitAdminPassword'),
	};
	const creds = demo.demoCredentials({
		hrisUrl,
		smtpPort: args.smtpPort,
		storeFile,
		storeKey,
		cockpitPasswords,
	});
	// re-imported only when what they point at changes (ports, paths); edits in the editor survive restarts
	if (
		onceFor('credentials', creds, () =>
			say(
				`credentials: imported ${creds.map((c) => `"${c.name}"`).join(', ')} (${secs(demo.importCredentials(runtime, cliEnv, creds))})`,
			),
		) === false
	) {
		say('credentials: unchanged since the last start');
	}
	try {
		const seeded = fs.existsSync(storeFile)
			? false
			: (await demo.seedClosedBems({ storeFile, storeKey }), true);
		if (seeded) say(`demo BEM store: ${rel(storeFile)} with one closed case (employee 2007)`);
		// opening grants the two credentials' principals their roles (idempotent; a store from before too)
		else await (await demo.openDemoStore({ storeFile, storeKey })).close();
	} catch (e) {
		say(`warning: could not seed the demo BEM store (${e.message})`);
	}
	const workflows = shippedWorkflows();
	importWorkflows(runtime, cliEnv, workflows);

	const { startDemoHris } = require('./demo/hris');
	const { startMailCatcher } = require('./demo/mail');
	const hris = await startDemoHris({ port: args.hrisPort });
	const mail = await startMailCatcher({
		smtpPort: args.smtpPort,
		httpPort: args.inboxPort,
		dir: path.join(DATA, 'mail'),
	});

	const baseUrl = `http://localhost:${args.port}`;
	const logFile = path.join(DATA, 'n8n.log');
	say(
		`starting n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion} at ${baseUrl} (log: ${rel(logFile)})`,
	);
	const child = lib.startServer(runtime, env, { logFile });
	let stopping = false;
	const stopAll = async (code, why) => {
		if (stopping) return;
		stopping = true;
		if (why) say(`${why}: stopping n8n and the demo services…`);
		await lib.stopServer(child);
		await Promise.all([hris.close(), mail.close()]);
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0, 'SIGINT'));
	process.on('SIGTERM', () => void stopAll(0, 'SIGTERM'));
	try {
		await lib.waitForHttp(`${baseUrl}/healthz/readiness`, { child, timeoutMs: 180000 });
	} catch (e) {
		const tail = fs.existsSync(logFile)
			? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')
			: '';
		stopping = true;
		await lib.stopServer(child);
		await Promise.all([hris.close(), mail.close()]);
		fail(`${e.message}\n${tail}`);
	}
	const owner = await ensureOwner(baseUrl);
	await publishPending(baseUrl, owner, workflows);
	const first =
		workflows.find((w) => w.manual && /detect|personio/i.test(w.name)) ??
		workflows.find((w) => w.manual);

	console.log(`
n8n ${runtime.n8nVersion} is running with ${lib.PACKAGE_NAME} (ready in ${secs(Date.now() - T0)}).

  Editor:      ${baseUrl}
  Sign in:     ${owner.email} / ${CI ? '(password in owner.json)' : owner.password}   (local account, kept in ${rel(DATA)}/owner.json)
  Mail inbox:  ${mail.inboxUrl}   (SMTP 127.0.0.1:${mail.smtpPort}; every mail the workflows send lands here)
  Demo HRIS:   ${hris.url}   (Personio v2 compatible, 12 sample employees; ${hris.url}/ lists them)
  Cockpit:     ${baseUrl}/webhook/bem-cockpit   (BEM officer: cases, deadlines, KPIs; login ${demo.COCKPIT_USERS.officer} / ${CI ? '(in secrets.json)' : cockpitPasswords.officer})
               ${baseUrl}/webhook/bem-cockpit-admin   (HR admin: counts and KPIs only; login ${demo.COCKPIT_USERS.admin} / ${CI ? '(in secrets.json)' : cockpitPasswords.admin})
               add ?lang=en for English; the logins are the credentials "BEM Cockpit Login (…)"
  Credentials: "BEM Store (process / BEM officer / HR admin)" (SQLite ${rel(storeFile)}), "BEM Mail (SMTP)", "Personio" (demo HRIS)
${workflows.length ? `  Workflows:${workflows.map((w) => `\n    ${w.name}: ${baseUrl}/workflow/${w.id ?? ''}${w.publish ? '  (published)' : ''}`).join('')}\n` : ''}
First: ${
		first
			? `open "${first.name}" (${baseUrl}/workflow/${first.id}) and click "Execute workflow"; click a node to see what it produced, then look at the mail inbox.`
			: workflows.length
				? `open a workflow above; the ones on a schedule run by themselves once activated.`
				: `create a workflow: Manual Trigger → "Personio" (credential "Personio") → "BEM Threshold", and click "Execute workflow".`
	}

Execution data (BEM data is health-related): EXECUTIONS_DATA_SAVE_ON_SUCCESS=none,
  EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS=false, EXECUTIONS_DATA_SAVE_ON_ERROR=all, EXECUTIONS_DATA_PRUNE=true,
  EXECUTIONS_DATA_MAX_AGE=${MAX_AGE_HOURS} (hours): successful and manual runs keep nothing, failed runs at most 7 days.
Data: ${rel(DATA)} (git-ignored). Stop with Ctrl+C; \`npm start\` again reuses everything; \`npm run reset\` starts over.
`);
	child.on('exit', (code) => {
		if (!stopping) {
			void Promise.all([hris.close(), mail.close()]).finally(() =>
				fail(`n8n stopped unexpectedly (exit ${code}); see ${logFile}`),
			);
		}
	});
	if (CI) {
		// nothing interactive in CI: prove it came up, then stop
		const health = await fetch(`${baseUrl}/healthz`).then((r) => r.status);
		say(`CI: /healthz answered ${health}; stopping`);
		await stopAll(health === 200 ? 0 : 1);
	}
}

main().catch((e) => fail(e instanceof lib.N8nSetupError ? e.message : e.stack || String(e)));

// Our package installed into an n8n user folder as users install a community package: `npm pack`, then
// `npm install` of the tarball into <user folder>/.n8n/nodes under n8n's Node 24 (better-sqlite3 is
// compiled for that Node). Compiled installs are kept in the cache per package content.
'use strict';
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { ROOT, CACHE, N8nSetupError, node24Env } = require('./runtime');
const { withLock } = require('./lock');

const PACK_DIR = path.join(CACHE, 'pack');
/** The package's nodes dir built once per package content; copied into fresh user folders (tests). */
const NODES_TEMPLATES = path.join(CACHE, 'bem-nodes');
const PACKAGE_NAME = 'n8n-nodes-bem';

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

module.exports = { PACKAGE_NAME, packPackage, installPackage };

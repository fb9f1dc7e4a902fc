// PostgreSQL and Redis for n8n's queue mode: fresh databases on a server, and (for the fault tests, which
// restart them) a PostgreSQL cluster and a redis-server of their own in a temp folder on free ports.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { freePort, poll } = require('../n8n/server');
const { pgQuery } = require('../n8n/db');

const PG_BIN = process.env.BEM_PG_BIN || '/usr/lib/postgresql/15/bin';

/** postgres://user:password@host:port/database */
const pgUrl = ({ host, port, user, password, database }) =>
	`postgres://${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@${host}:${port}/${database}`;

/** Drops and creates the databases (names are ours: [a-z0-9_]); returns their URLs. */
async function freshDatabases(server, names) {
	const admin = pgUrl({ ...server, database: server.adminDatabase ?? 'postgres' });
	const urls = {};
	for (const name of names) {
		if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name of ours: ${name}`);
		await pgQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await pgQuery(admin, `CREATE DATABASE ${name}`);
		urls[name] = pgUrl({ ...server, database: name });
	}
	return urls;
}

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root). */
function pgRun(bin, args) {
	const asRoot = process.getuid?.() === 0;
	const cmd = asRoot ? 'runuser' : path.join(PG_BIN, bin);
	const full = asRoot ? ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args] : args;
	const res = spawnSync(cmd, full, { encoding: 'utf8' });
	if (res.status !== 0)
		throw new Error(`${bin} ${args.join(' ')} failed (exit ${res.status}):\n${res.stderr}`);
	return res.stdout;
}

/** A PostgreSQL cluster of our own (trust auth, 127.0.0.1, a free port) that a test may restart. */
async function ownPostgres() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-pg-'));
	const data = path.join(dir, 'data');
	const log = path.join(dir, 'postgres.log');
	if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres', dir]);
	pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
	const port = await freePort();
	const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
	const ctl = (...args) => pgRun('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', ...args]);
	ctl('start');
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password: '',
		log,
		/** Stops the server (every connection cut), keeps it down for downMs, starts it again. */
		async restart(downMs = 0) {
			ctl('stop', '-m', 'fast');
			await new Promise((r) => setTimeout(r, downMs));
			ctl('start');
		},
		async stop() {
			try {
				ctl('stop', '-m', 'immediate');
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}

/** A redis-server of our own on a free port (nothing kept on disk, as the machine's Redis). */
async function ownRedis() {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-redis-'));
	let child;
	const start = async () => {
		child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ cwd: dir, stdio: ['ignore', fs.openSync(path.join(dir, 'redis.log'), 'a'), 'inherit'] },
		);
		await poll(`redis-server on port ${port}`, () => {
			const r = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
			return r.stdout.trim() === 'PONG' ? true : undefined;
		});
	};
	const stop = () =>
		new Promise((resolve) => {
			if (!child || child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	await start();
	return {
		host: '127.0.0.1',
		port,
		async restart() {
			await stop();
			await start();
		},
		async stop() {
			await stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { pgUrl, freshDatabases, ownPostgres, ownRedis };

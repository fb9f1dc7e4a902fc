// A PostgreSQL cluster the test owns: initdb in a temporary folder, run as the postgres user (initdb
// refuses root), on a free port chosen now. Restarting it disturbs nobody else's tests.
import { execFileSync } from 'child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../../scripts/lib/n8n';

const BIN = '/usr/lib/postgresql/15/bin';
export const INITDB_ABSENT = existsSync(join(BIN, 'initdb'))
	? null
	: `PostgreSQL's initdb is absent (${BIN}/initdb): install the postgresql-15 server package to run this test`;

export interface OwnCluster {
	connectionString: string;
	stop(): void;
	start(): void;
	destroy(): void;
}

export async function startOwnCluster(): Promise<OwnCluster> {
	const dir = mkdtempSync(join(tmpdir(), 'bem-pg-cluster-'));
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	chownSync(dir, uid, gid); // the cluster's folder must be the postgres user's
	const data = join(dir, 'data');
	const asPostgres = (cmd: string, args: string[]) =>
		execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { stdio: 'pipe' });
	asPostgres('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
	const port = await freePort();
	const pgCtl = (...args: string[]) =>
		asPostgres('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_prepared_transactions=4`;
	const start = () => pgCtl('-l', join(dir, 'log'), '-o', options, 'start');
	start();
	return {
		connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
		// fast: the server ends every connection with 57P01, as a restart by the administrator does
		stop: () => pgCtl('-m', 'fast', 'stop'),
		start,
		destroy() {
			try {
				pgCtl('-m', 'immediate', 'stop');
			} catch {
				// already stopped
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

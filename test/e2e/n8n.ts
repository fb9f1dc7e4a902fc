// A real n8n for end-to-end tests: the cached runtime (scripts/n8n-runtime.sh), our built package
// installed as users install it, a temp user folder, a free port. CLI commands run beside the server
// on the same SQLite database; n8n's own execution records are read from that database directly.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { parse as parseFlatted } from 'flatted';

import * as lib from '../../scripts/lib/n8n';

export type { ExecutionRecord, Runtime } from '../../scripts/lib/n8n';

export interface N8n {
	runtime: lib.Runtime;
	userFolder: string;
	port: number;
	baseUrl: string;
	logFile: string;
	/** The environment `n8n start` runs with (a CLI command beside it needs a task-broker port of its own). */
	env: Record<string, string>;
	/** Any n8n CLI command against this instance's user folder (own task-runner port). */
	cli(args: string[], timeoutMs?: number, env?: Record<string, string>): Promise<lib.CliResult>;
	importWorkflow(file: string): Promise<void>;
	/** `n8n execute --id --rawOutput`: the run (IRun JSON); throws with n8n's output when it fails. */
	execute(workflowId: string): Promise<any>;
	/** Node type names from `n8n export:nodes`, e.g. 'n8n-nodes-bem.bemThreshold'. */
	exportNodeTypes(): Promise<string[]>;
	executions(workflowId?: string): lib.ExecutionRecord[];
	/** The stored run data of an execution (n8n keeps it flatted), or undefined when none is stored. */
	executionData(id: string): { raw: string; data: unknown } | undefined;
	/** Starts `n8n start` (again, e.g. after stop()) and waits for /healthz. */
	start(): Promise<void>;
	stop(): Promise<void>;
	/** stop() and delete the temp user folder. */
	dispose(): Promise<void>;
}

/**
 * Prepares n8n in a fresh temp user folder with our package installed, and (unless server: false)
 * starts it on a free port. The package must be built (npm run test:e2e builds it first).
 */
export async function createN8n(
	opts: { server?: boolean; env?: Record<string, string> } = {},
): Promise<N8n> {
	const runtime = lib.ensureRuntime({ quiet: true });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-n8n-'));
	lib.installPackage({ runtime, userFolder });
	const port = await lib.freePort();
	const baseUrl = `http://localhost:${port}`;
	const logFile = path.join(userFolder, 'n8n.log');
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	let child: ChildProcess | undefined;

	const envFor = async (p: number) =>
		lib.n8nEnv({ runtime, userFolder, port: p, brokerPort: await lib.freePort(), extra: opts.env });
	const serverEnv = await envFor(port);

	const n8n: N8n = {
		runtime,
		userFolder,
		port,
		baseUrl,
		logFile,
		env: serverEnv as Record<string, string>,
		async cli(args, timeoutMs, env) {
			// CLI commands start their own task broker: give each a port of its own
			const cliEnv = {
				...serverEnv,
				N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()),
				...env,
			};
			return lib.runCli(runtime, cliEnv, args, { timeoutMs });
		},
		async importWorkflow(file) {
			const res = await n8n.cli(['import:workflow', `--input=${file}`]);
			if (res.status !== 0) {
				throw new Error(
					`n8n import:workflow ${file} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`,
				);
			}
		},
		async execute(workflowId) {
			// the run JSON is printed at log level info
			const res = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput'], 300000, {
				N8N_LOG_LEVEL: 'info',
			});
			if (res.status !== 0) {
				throw new Error(
					`n8n execute --id=${workflowId} failed (exit ${res.status}):\n${res.stdout.slice(-4000)}\n${res.stderr.slice(-4000)}`,
				);
			}
			return lib.parseExecuteOutput(res.stdout);
		},
		async exportNodeTypes() {
			const out = path.join(userFolder, 'nodes-export.json');
			const res = await n8n.cli(['export:nodes', `--output=${out}`]);
			if (res.status !== 0)
				throw new Error(`n8n export:nodes failed (exit ${res.status}):\n${res.stderr}`);
			return (JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ name: string }>).map(
				(n) => n.name,
			);
		},
		executions(workflowId) {
			return lib.executionRecords(dbFile, workflowId);
		},
		executionData(id) {
			const raw = lib.executionDataText(dbFile, id);
			return raw === undefined ? undefined : { raw, data: parseFlatted(raw) };
		},
		async start() {
			if (child && child.exitCode === null) return;
			// a task-broker port chosen now for each start: one chosen at creation may be taken by then
			const brokerPort = String(await lib.freePort());
			child = lib.startServer(
				runtime,
				{ ...serverEnv, N8N_RUNNERS_BROKER_PORT: brokerPort },
				{ logFile },
			);
			// a server that dies mid-test says how (a native crash prints nothing itself)
			child.once('exit', (code, signal) =>
				fs.appendFileSync(logFile, `\n[e2e] n8n exited: code ${code}, signal ${signal}\n`),
			);
			try {
				await lib.waitForHttp(`${baseUrl}/healthz/readiness`, { child, timeoutMs: 120000 });
			} catch (e) {
				const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
				throw new Error(`${(e as Error).message}\n--- n8n log (${logFile}) ---\n${log}`);
			}
		},
		async stop() {
			await lib.stopServer(child);
			child = undefined;
		},
		async dispose() {
			await n8n.stop();
			if (!process.env.BEM_KEEP_N8N) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	if (opts.server !== false) await n8n.start();
	return n8n;
}

// Types for scripts/lib/n8n (used from test/e2e).
import type { ChildProcess } from 'child_process';

export interface Runtime {
	nodeVersion: string;
	n8nVersion: string;
	nodeDir: string;
	nodeBin: string;
	n8nDir: string;
	n8nBin: string;
}
export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export const ROOT: string;
export const CACHE: string;
export const RUNTIME_DIR: string;
export const PACKAGE_NAME: string;
export class N8nSetupError extends Error {}
export function ensureRuntime(opts?: { quiet?: boolean }): Runtime;
export function encryptionKey(userFolder: string): string;
/** process.env with Node 24 first on PATH, minus npm's and jest's variables. */
export function node24Env(runtime: Runtime): NodeJS.ProcessEnv;
export function n8nEnv(opts: {
	runtime: Runtime;
	userFolder: string;
	port?: number;
	brokerPort?: number;
	maxAgeHours?: number;
	extra?: Record<string, string>;
}): NodeJS.ProcessEnv;
export function packPackage(): { tarball: string; hash: string };
export function installPackage(opts: {
	runtime: Runtime;
	userFolder: string;
	log?: (msg: string) => void;
}): { hash: string; action: 'unchanged' | 'copied' | 'npm-installed'; ms: number };
export function runCli(
	runtime: Runtime,
	env: NodeJS.ProcessEnv,
	args: string[],
	opts?: { timeoutMs?: number },
): CliResult;
export function parseExecuteOutput(stdout: string): any;
export function startServer(
	runtime: Runtime,
	env: NodeJS.ProcessEnv,
	opts?: { logFile?: string; inherit?: boolean },
): ChildProcess;
export function waitForHttp(
	url: string,
	opts?: { timeoutMs?: number; child?: ChildProcess },
): Promise<void>;
export function portInUse(port: number): Promise<boolean>;
export function freePort(): Promise<number>;
export function stopServer(child: ChildProcess | undefined, graceMs?: number): Promise<void>;
/** One row of n8n's execution_entity (the columns the tests need). */
export interface ExecutionRecord {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: number;
	waitTill: string | null;
	startedAt: string | null;
	stoppedAt: string | null;
	deletedAt: string | null;
}
export function poll<T>(
	what: string,
	fn: () => Promise<T | undefined> | T | undefined,
	opts?: { timeoutMs?: number; everyMs?: number; detail?: () => string },
): Promise<T>;
export function executionRecords(dbFile: string, workflowId?: string): ExecutionRecord[];
export function executionDataText(dbFile: string, id: string): string | undefined;
export function executionEnded(record: ExecutionRecord): boolean;
export function setupOwner(
	baseUrl: string,
	owner: { email: string; firstName: string; lastName: string; password: string },
): Promise<string>;
export function login(baseUrl: string, email: string, password: string): Promise<string>;
export function createApiKey(baseUrl: string, cookie: string, label: string): Promise<string>;

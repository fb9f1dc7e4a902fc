// Types for cluster.js (used from test/e2e-queue).
import type { ChildProcess } from 'child_process';

import type { CliResult, Runtime } from '../n8n';

export interface QueueProcess {
	name: string;
	args: string[];
	userFolder: string;
	logFile: string;
	ports: { port: number; healthPort: number; brokerPort: number };
	env: Record<string, string>;
	child: ChildProcess | undefined;
}
export interface QueueCluster {
	dir: string;
	key: string;
	processes: QueueProcess[];
	main: QueueProcess;
	webhook: QueueProcess;
	workers: QueueProcess[];
	mainUrl: string;
	webhookUrl: string;
	cookie: string;
	cli(
		args: string[],
		opts?: { timeoutMs?: number; env?: Record<string, string> },
	): Promise<CliResult>;
	start(p: QueueProcess): Promise<void>;
	kill(p: QueueProcess): Promise<void>;
	ready(timeoutMs?: number): Promise<void>;
	stop(): Promise<void>;
}
export function startQueueCluster(opts: {
	runtime: Runtime;
	dir: string;
	postgres: { host: string; port: number; user: string; password?: string; database: string };
	redis: { host: string; port: number };
	credentials: unknown[];
	workflowsDir: string;
	owner: {
		email: string;
		firstName: string;
		lastName: string;
		password: string;
		existing?: boolean;
	};
	extraEnv?: Record<string, string>;
	log?: (msg: string) => void;
	mainPort?: number;
	webhookPort?: number;
}): Promise<QueueCluster>;
export function ownerPassword(): string;
export function tail(file: string, lines?: number): string;

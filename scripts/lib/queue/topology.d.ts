// Types for topology.js (used from test/e2e-queue and test/docker).
export const MAX_AGE_HOURS: number;
export const PROCESSES: Array<{ name: string; args: string[] }>;
export const QUEUE_ENV: Record<string, string>;
export const SHARED_PER_INSTALLATION: string[];
export const PER_PROCESS_PORTS: string[];
export function queueProcessEnv(
	installation: {
		key: string;
		postgres: { host: string; port: number; database: string; user: string; password?: string };
		redis: { host: string; port: number };
		webhookUrl: string;
	},
	ports: { port: number; healthPort: number; brokerPort: number },
): Record<string, string>;

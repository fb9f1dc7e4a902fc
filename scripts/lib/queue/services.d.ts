// Types for services.js (used from test/e2e-queue).
export interface PgServer {
	host: string;
	port: number;
	user: string;
	password: string;
	adminDatabase?: string;
}
export function pgUrl(o: PgServer & { database: string }): string;
export function freshDatabases<N extends string>(
	server: PgServer,
	names: N[],
): Promise<Record<N, string>>;
export function ownPostgres(): Promise<
	PgServer & { log: string; restart(downMs?: number): Promise<void>; stop(): Promise<void> }
>;
export function ownRedis(): Promise<{
	host: string;
	port: number;
	restart(): Promise<void>;
	stop(): Promise<void>;
}>;

// In-memory access-token cache, one entry per credential (keyed by a hash — the secret itself is never
// a key, never logged). Concurrent callers share one token request. Tokens are renewed a minute
// before they expire, or on demand after a 401.
import { createHash } from 'node:crypto';

interface Entry {
	token: string;
	expiresAt: number;
}

const EARLY_RENEWAL_MS = 60_000;

export class TokenCache {
	private readonly entries = new Map<string, Entry>();
	private readonly pending = new Map<string, Promise<Entry>>();

	constructor(private readonly now: () => number = Date.now) {}

	/** A stable, non-reversible key for a credential (base URL, client id, secret). */
	static keyOf(...parts: string[]): string {
		return createHash('sha256').update(parts.join('\u0000')).digest('hex');
	}

	/** A valid token: cached, or fetched via `mint` (which returns the token and its lifetime in seconds). */
	async get(
		key: string,
		mint: () => Promise<{ token: string; expiresInSeconds: number }>,
	): Promise<string> {
		const cached = this.entries.get(key);
		if (cached && cached.expiresAt - EARLY_RENEWAL_MS > this.now()) return cached.token;
		return (await this.fetch(key, mint)).token;
	}

	/** Drops the cached token (after a 401), so the next get() mints a new one. */
	invalidate(key: string, token?: string): void {
		const cached = this.entries.get(key);
		if (cached && (token === undefined || cached.token === token)) this.entries.delete(key);
	}

	private fetch(
		key: string,
		mint: () => Promise<{ token: string; expiresInSeconds: number }>,
	): Promise<Entry> {
		let running = this.pending.get(key);
		if (!running) {
			running = mint()
				.then(({ token, expiresInSeconds }) => {
					const entry = { token, expiresAt: this.now() + Math.max(0, expiresInSeconds) * 1000 };
					this.entries.set(key, entry);
					return entry;
				})
				.finally(() => this.pending.delete(key));
			this.pending.set(key, running);
		}
		return running;
	}
}

/** The process-wide cache the nodes share (n8n keeps one process per worker). */
export const sharedTokenCache = new TokenCache();

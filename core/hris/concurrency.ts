// Bounded concurrency for per-record vendor calls (one employments call per Personio person, …):
// a few requests in flight instead of one after another, results in input order whatever order they
// finish in; and a gate a client uses to fall back to one call at a time on a rate-limited endpoint.

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; resolves with the results in input order.
 * On the first failure no further item is started; the calls already running are waited for (so none
 * outlives this promise), then that first error is thrown.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const errors: unknown[] = [];
	const worker = async () => {
		while (errors.length === 0 && next < items.length) {
			const index = next++;
			try {
				results[index] = await fn(items[index], index);
			} catch (error) {
				errors.push(error);
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (errors.length > 0) throw errors[0];
	return results;
}

/**
 * Lets at most `limit` callers run at once, first come first served; `narrow()` lowers the limit for the
 * callers still to come (those running finish). A client narrows an endpoint to one caller once the
 * server rate-limits it: concurrent callers woken together by a RatePacer would race for the one token
 * the bucket gets back, and a request losing that race ten times runs out of attempts. One at a time,
 * the pacer spaces the calls at the server's rate, which is all the throughput there is then anyway.
 */
export class Gate {
	private active = 0;
	private readonly waiting: Array<() => void> = [];
	constructor(private limit = Number.POSITIVE_INFINITY) {}

	narrow(limit: number): void {
		this.limit = Math.max(1, Math.min(this.limit, limit));
	}

	async run<T>(fn: () => Promise<T>): Promise<T> {
		if (this.active < this.limit) this.active++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over in release()
		try {
			return await fn();
		} finally {
			this.release();
		}
	}

	private release(): void {
		const next = this.active <= this.limit ? this.waiting.shift() : undefined;
		if (next) next();
		else this.active--;
	}
}

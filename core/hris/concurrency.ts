// Bounded concurrency for per-record vendor calls (one employments call per Personio person, …):
// a few requests in flight instead of one after another, results in input order whatever order they
// finish in. A rate-limited endpoint falls back to one call at a time in its RatePacer (http.ts).

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; resolves with the results in input order.
 * On the first failure no further item is started; the calls already running are waited for (so none
 * outlives this promise), then that first error is thrown.
 */
export async function mapConcurrent<T, R>(
	items: readonly T[],
	limit: number,
	fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
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

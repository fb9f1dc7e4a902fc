// v2 cursor paging: follow `_meta.links.next.href` (absolute or relative) until it is missing or a page is empty.
import { z } from 'zod';

import { HrisHttpError, paginate, type QueryValue } from '../http';
import type { PersonioClient } from './client';

const envelope = z.object({
	_data: z.array(z.unknown()),
	_meta: z
		.object({
			links: z
				.object({ next: z.object({ href: z.string() }).nullish() })
				.passthrough()
				.nullish(),
		})
		.passthrough()
		.nullish(),
});

export async function* cursorPages(
	client: PersonioClient,
	path: string,
	qs: Record<string, QueryValue | undefined>,
): AsyncGenerator<unknown[]> {
	const call = `Personio GET ${path}`;
	yield* paginate<unknown, string>(
		client.resolveLink(path),
		async (url, index) => {
			const body = await client.get(url, index === 0 ? qs : undefined);
			const parsed = envelope.safeParse(body);
			if (!parsed.success)
				throw new HrisHttpError(
					`${call}: unexpected answer (${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message})`,
					call,
					'bad_response',
					200,
					1,
				);
			const href = parsed.data._meta?.links?.next?.href;
			return { items: parsed.data._data, next: href ? client.resolveLink(href, call) : null };
		},
		// the first page is keyed by its path + query, later ones by their link
		{ call, key: (url) => url, ...client.paging },
	);
}

export async function collectCursor(
	client: PersonioClient,
	path: string,
	qs: Record<string, QueryValue | undefined>,
): Promise<unknown[]> {
	const all: unknown[] = [];
	for await (const items of cursorPages(client, path, qs)) all.push(...items);
	return all;
}

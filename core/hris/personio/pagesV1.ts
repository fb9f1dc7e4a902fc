// v1 paging. /company/employees counts `offset` in items; /company/time-offs and
// /company/absence-periods count it in pages ("which page number you are requesting").
import { z } from 'zod';

import { HrisHttpError, paginate, type QueryValue } from '../http';
import type { PersonioClient } from './client';

const envelope = z.object({
	success: z.literal(true),
	data: z.array(z.unknown()),
	metadata: z
		.object({
			total_elements: z.number().optional(),
			total_pages: z.number().optional(),
			current_page: z.number().optional(),
		})
		.optional(),
});

function readEnvelope(body: unknown, call: string) {
	const parsed = envelope.safeParse(body);
	if (!parsed.success)
		throw new HrisHttpError(
			`${call}: unexpected answer (${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message})`,
			call,
			'bad_response',
			200,
			1,
		);
	return parsed.data;
}

type Qs = Record<string, QueryValue | undefined>;

/** Item-offset paging (/company/employees, max limit 100). */
export async function* itemOffsetPages(
	client: PersonioClient,
	path: string,
	qs: Qs,
	limit = 100,
): AsyncGenerator<unknown[]> {
	const call = `Personio GET /v1${path}`;
	yield* paginate<unknown, number>(
		0,
		async (offset) => {
			const page = readEnvelope(await client.get(`/v1${path}`, { ...qs, limit, offset }), call);
			const total = page.metadata?.total_elements;
			const next = offset + page.data.length;
			const more = page.data.length === limit && (total === undefined || next < total);
			return { items: page.data, next: more ? next : null };
		},
		{ call, ...client.paging },
	);
}

/** Page-index paging (/company/time-offs, /company/absence-periods; limit 200). */
export async function* pageIndexPages(
	client: PersonioClient,
	path: string,
	qs: Qs,
	limit = 200,
): AsyncGenerator<unknown[]> {
	const call = `Personio GET /v1${path}`;
	yield* paginate<unknown, number>(
		0,
		async (pageIndex) => {
			const page = readEnvelope(
				await client.get(`/v1${path}`, { ...qs, limit, offset: pageIndex }),
				call,
			);
			const totalPages = page.metadata?.total_pages;
			const more =
				page.data.length === limit && (totalPages === undefined || pageIndex + 1 < totalPages);
			return { items: page.data, next: more ? pageIndex + 1 : null };
		},
		{ call, ...client.paging },
	);
}

// SAP HCM contact details for the invitation letter, from the customer's contact entity set (infotype
// 0002 names, 0006 permanent address, 0105 e-mail) through the configurable field mapping. Only the
// mapped fields are requested ($select); the record valid on the given day is used. A personnel number
// the service does not return is reported as a problem, never dropped silently.
import { SapODataClient } from '../odataClient';
import { anyOf, sapDay, sapText } from '../odataValues';
import { problem } from '../../records';
import { contactOf, sliceAt } from '../records';
import type { SapContact, SapRecordProblem } from '../types';
import { DEFAULT_CONTACT_FIELDS, type ContactFields } from './fields';
import { chunks } from './read';

const SOURCE_CONTACT = 'SAP HCM Contact' as const;

export interface HcmContactQuery {
	/** only these personnel numbers (all if empty) */
	employeeIds?: string[];
	/** 'YYYY-MM-DD': the record valid on this day is used */
	on: string;
	fields?: ContactFields;
	/** $top/$skip page size when the service sends no __next (default 500) */
	pageSize?: number;
	/** send the personnel numbers as $filter (default true) */
	serverFilter?: boolean;
}

export async function readHcmContacts(
	client: SapODataClient,
	query: HcmContactQuery,
): Promise<{ contacts: SapContact[]; problems: SapRecordProblem[] }> {
	const f = query.fields ?? DEFAULT_CONTACT_FIELDS;
	const read = await readContactSet(
		client,
		query,
		[f.firstName, f.lastName, f.email, f.street, f.zipCode, f.city],
		(employeeId, r) =>
			contactOf({
				employeeId,
				firstName: sapText(r[f.firstName]),
				lastName: sapText(r[f.lastName]),
				email: sapText(r[f.email]),
				addressLine1: sapText(r[f.street]),
				zipCode: sapText(r[f.zipCode]),
				city: sapText(r[f.city]),
			}),
	);
	const problems = [...read.problems];
	for (const id of read.missing)
		problems.push(
			problem(
				SOURCE_CONTACT,
				id,
				id,
				f.employeeId,
				'the service returned no contact record for this personnel number',
			).problem,
		);
	return { contacts: [...read.valid.values()], problems };
}

/**
 * The contact set's record valid on the day per personnel number, asking for the number, the validity
 * and `fields` only; `build` reads the rest. `missing`: the wanted numbers the service did not return.
 */
export async function readContactSet<T>(
	client: SapODataClient,
	query: HcmContactQuery,
	fields: string[],
	build: (pernr: string, record: Record<string, unknown>) => T,
): Promise<{ valid: Map<string, T>; problems: SapRecordProblem[]; missing: string[] }> {
	const f = query.fields ?? DEFAULT_CONTACT_FIELDS;
	const serverFilter = query.serverFilter ?? true;
	const only =
		query.employeeIds && query.employeeIds.length > 0 ? new Set(query.employeeIds) : null;
	const select = [f.employeeId, f.start, f.end, ...fields];
	const problems: SapRecordProblem[] = [];
	const slices = new Map<
		string,
		Array<{ validFrom: string | null; validTo: string | null; value: T }>
	>();
	for (const ids of serverFilter ? chunks(query.employeeIds) : [undefined]) {
		const filter = ids ? anyOf(f.employeeId, ids, 'or') : undefined;
		for await (const page of client.pages(f.entitySet, {
			filter,
			select,
			pageSize: query.pageSize ?? 500,
		})) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const pernr = sapText(r[f.employeeId]);
				if (pernr === null) {
					problems.push(
						problem(
							SOURCE_CONTACT,
							null,
							null,
							f.employeeId,
							'the contact record has no personnel number',
						).problem,
					);
					continue;
				}
				if (only && !only.has(pernr)) continue;
				const list = slices.get(pernr) ?? [];
				list.push({
					validFrom: sapDay(r[f.start]),
					validTo: sapDay(r[f.end]),
					value: build(pernr, r),
				});
				slices.set(pernr, list);
			}
		}
	}
	const valid = new Map<string, T>();
	for (const [pernr, list] of slices) {
		const slice = sliceAt(list, query.on);
		if (slice) valid.set(pernr, slice.value);
	}
	const missing = (query.employeeIds ?? []).filter((id) => !slices.has(id));
	return { valid, problems, missing };
}

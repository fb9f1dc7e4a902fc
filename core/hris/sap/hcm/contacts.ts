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
	const serverFilter = query.serverFilter ?? true;
	const only =
		query.employeeIds && query.employeeIds.length > 0 ? new Set(query.employeeIds) : null;
	const select = [
		f.employeeId,
		f.start,
		f.end,
		f.firstName,
		f.lastName,
		f.email,
		f.street,
		f.zipCode,
		f.city,
	];
	const problems: SapRecordProblem[] = [];
	const slices = new Map<
		string,
		Array<{ validFrom: string | null; validTo: string | null; contact: SapContact }>
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
				const contact = contactOf({
					employeeId: pernr,
					firstName: sapText(r[f.firstName]),
					lastName: sapText(r[f.lastName]),
					email: sapText(r[f.email]),
					addressLine1: sapText(r[f.street]),
					zipCode: sapText(r[f.zipCode]),
					city: sapText(r[f.city]),
				});
				const list = slices.get(pernr) ?? [];
				list.push({ validFrom: sapDay(r[f.start]), validTo: sapDay(r[f.end]), contact });
				slices.set(pernr, list);
			}
		}
	}
	const contacts: SapContact[] = [];
	for (const [, list] of slices) {
		const slice = sliceAt(list, query.on);
		if (slice) contacts.push(slice.contact);
	}
	for (const id of query.employeeIds ?? [])
		if (!slices.has(id))
			problems.push(
				problem(
					SOURCE_CONTACT,
					id,
					id,
					f.employeeId,
					'the service returned no contact record for this personnel number',
				).problem,
			);
	return { contacts, problems };
}

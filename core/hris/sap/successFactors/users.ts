// SuccessFactors `User` → the contact details an invitation letter needs: name, e-mail, postal address.
// Only these fields are requested ($select); ids go into `userId in (…)`, __next paging to the end.
// A requested user SuccessFactors does not return is reported as a problem, never dropped silently.
import { SapODataClient } from '../odataClient';
import { anyOf, sapText } from '../odataValues';
import { problem } from '../../records';
import { contactOf } from '../records';
import type { SapContact, SapRecordProblem } from '../types';
import { chunks } from './read';

const SOURCE_USER = 'SuccessFactors User' as const;
const SELECT = ['userId', 'firstName', 'lastName', 'email', 'addressLine1', 'zipCode', 'city'];

export type SfUser = SapContact;

/** The users with these ids (everyone the API user may see if none are given), in SuccessFactors' order. */
export async function readSfUsers(
	client: SapODataClient,
	userIds?: string[],
): Promise<{ users: SfUser[]; problems: SapRecordProblem[] }> {
	const users: SfUser[] = [];
	const problems: SapRecordProblem[] = [];
	const seen = new Set<string>();
	for (const ids of chunks(userIds)) {
		for await (const page of client.pages('User', {
			filter: ids ? anyOf('userId', ids, 'in') : undefined,
			select: SELECT,
		})) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const employeeId = sapText(r.userId);
				if (employeeId === null) {
					problems.push(
						problem(SOURCE_USER, null, null, 'userId', 'the record has no userId').problem,
					);
					continue;
				}
				if (seen.has(employeeId)) continue;
				seen.add(employeeId);
				users.push(
					contactOf({
						employeeId,
						firstName: sapText(r.firstName),
						lastName: sapText(r.lastName),
						email: sapText(r.email),
						addressLine1: sapText(r.addressLine1),
						zipCode: sapText(r.zipCode),
						city: sapText(r.city),
					}),
				);
			}
		}
	}
	for (const id of userIds ?? [])
		if (!seen.has(id))
			problems.push(
				problem(SOURCE_USER, id, id, 'userId', 'SuccessFactors returned no User with this id')
					.problem,
			);
	return { users, problems };
}

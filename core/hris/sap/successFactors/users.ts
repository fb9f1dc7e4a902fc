// SuccessFactors `User` → the contact details an invitation letter needs (name, e-mail, postal address),
// or a line manager's e-mail alone. Only the fields asked for are requested ($select); ids go into
// `userId in (…)`, __next paging to the end. A requested user SuccessFactors does not return is reported
// as a problem, never dropped silently.
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
	const read = await eachUser(client, userIds, SELECT, (employeeId, r) =>
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
		),
	);
	const problems = [...read.problems];
	for (const id of read.missing)
		problems.push(
			problem(SOURCE_USER, id, id, 'userId', 'SuccessFactors returned no User with this id')
				.problem,
		);
	return { users, problems };
}

/**
 * Each user's e-mail address (null: none), asking for userId and email only. Ids SuccessFactors does not
 * return are left out of the map (the caller tells whom they concern).
 */
export async function readSfUserEmails(
	client: SapODataClient,
	userIds: string[],
): Promise<{ emails: Map<string, string | null>; problems: SapRecordProblem[] }> {
	const emails = new Map<string, string | null>();
	const read = await eachUser(client, userIds, ['userId', 'email'], (userId, r) =>
		emails.set(userId, sapText(r.email)),
	);
	return { emails, problems: read.problems };
}

/** Each User with these ids once, with the `select` fields; the wanted ids SuccessFactors did not return. */
async function eachUser(
	client: SapODataClient,
	userIds: string[] | undefined,
	select: string[],
	take: (userId: string, record: Record<string, unknown>) => void,
): Promise<{ problems: SapRecordProblem[]; missing: string[] }> {
	const problems: SapRecordProblem[] = [];
	const seen = new Set<string>();
	for (const ids of chunks(userIds)) {
		for await (const page of client.pages('User', {
			filter: ids ? anyOf('userId', ids, 'in') : undefined,
			select,
		})) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const userId = sapText(r.userId);
				if (userId === null) {
					problems.push(
						problem(SOURCE_USER, null, null, 'userId', 'the record has no userId').problem,
					);
					continue;
				}
				if (seen.has(userId)) continue;
				seen.add(userId);
				take(userId, r);
			}
		}
	}
	return { problems, missing: (userIds ?? []).filter((id) => !seen.has(id)) };
}

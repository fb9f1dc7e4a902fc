// SuccessFactors' side of the line-manager rule (core/hris/lineManagers.ts): the manager is EmpJob's
// managerId on the job valid today, the address the manager's own User email. Only userId and managerId,
// then userId and email are requested; ids go into `userId in (…)` in chunks.
import type { LineManagerSource } from '../../lineManagers';
import { problem } from '../../records';
import { SapODataClient } from '../odataClient';
import { anyOf, sapText } from '../odataValues';
import type { SapRecordProblem, SapSource } from '../types';
import { chunks } from './read';
import { readSfUserEmails } from './users';

const SOURCE = 'SuccessFactors line manager' as const;
const SOURCE_JOB = 'SuccessFactors EmpJob' as const;
/** what SuccessFactors puts in managerId when a job has no manager (the top of the org chart) */
const NO_MANAGER = 'NO_MANAGER';

export function sfLineManagerSource(client: SapODataClient): LineManagerSource<SapSource> {
	return {
		source: SOURCE,
		managerIds: (userIds) => readManagerIds(client, userIds),
		emails: (managerIds) => readSfUserEmails(client, managerIds),
	};
}

/** managerId per user of the EmpJob record valid today (EmpJob's default without fromDate/toDate). */
async function readManagerIds(
	client: SapODataClient,
	userIds: string[],
): Promise<{ managers: Map<string, string | null>; problems: SapRecordProblem[] }> {
	const managers = new Map<string, string | null>();
	const problems: SapRecordProblem[] = [];
	for (const ids of chunks(userIds)) {
		if (!ids) continue;
		for await (const page of client.pages('EmpJob', {
			filter: anyOf('userId', ids, 'in'),
			select: ['userId', 'managerId'],
		})) {
			for (const raw of page) {
				const r = (raw ?? {}) as Record<string, unknown>;
				const userId = sapText(r.userId);
				if (userId === null) {
					problems.push(
						problem(SOURCE_JOB, null, null, 'userId', 'the job record has no user id').problem,
					);
					continue;
				}
				const managerId = sapText(r.managerId);
				// several records valid today (sequence numbers): the last one naming a manager wins
				if (managerId !== null && managerId !== NO_MANAGER) managers.set(userId, managerId);
				else if (!managers.has(userId)) managers.set(userId, null);
			}
		}
	}
	return { managers, problems };
}

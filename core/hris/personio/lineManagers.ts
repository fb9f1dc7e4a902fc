// Personio's line managers: the employee's `supervisor` (v1 attribute, v2 employment), the supervisor's
// own record for the address. Both reads go through readEmployees (by id up to DIRECT_READ_MAX_IDS).
import { readLineManagers, type LineManagersResult } from '../lineManagers';
import type { PersonioClient } from './client';
import { readEmployees } from './readEmployees';
import type { PersonioSource } from './types';

export function readPersonioLineManagers(
	client: PersonioClient,
	employeeIds: string[],
): Promise<LineManagersResult<PersonioSource>> {
	return readLineManagers<PersonioSource>(
		{
			source: 'Personio line manager',
			async managerIds(ids) {
				const { employees, problems } = await readEmployees(client, { employeeIds: ids });
				return { managers: new Map(employees.map((e) => [e.id, e.supervisorId])), problems };
			},
			async emails(ids) {
				const { employees, problems } = await readEmployees(client, { employeeIds: ids });
				return { emails: new Map(employees.map((e) => [e.id, e.email])), problems };
			},
		},
		employeeIds,
	);
}

// Each employee's line manager and the address a notice reaches them at — read only where the works
// agreement provides for telling line managers (Detect's approaching notice). Vendors differ only in
// where the manager's id sits (Personio's supervisor, SuccessFactors' EmpJob managerId, a mapped field in
// SAP HCM); from there the rule is one: the manager's own record gives the address. An employee without
// a record, without a manager or whose manager has no address is a problem for HR, never dropped.
import { problem, type HrisRecordProblem } from './records';

/** Ids and one address only: no name, no case content. */
export interface LineManager {
	employeeId: string;
	lineManagerId: string;
	lineManagerEmail: string;
}

/** A vendor's two reads: each wanted employee's manager id, each manager's e-mail address. */
export interface LineManagerSource<S extends string> {
	/** the source of the problems found on the way (e.g. 'Personio line manager') */
	source: S;
	/** the manager's id (null: none recorded) per employee the HRIS returned */
	managerIds(
		employeeIds: string[],
	): Promise<{ managers: Map<string, string | null>; problems: HrisRecordProblem<S>[] }>;
	/** the address (null: none recorded) per manager the HRIS returned */
	emails(
		managerIds: string[],
	): Promise<{ emails: Map<string, string | null>; problems: HrisRecordProblem<S>[] }>;
}

export interface LineManagersResult<S extends string> {
	/** in the order of the wanted ids, each once */
	lineManagers: LineManager[];
	problems: HrisRecordProblem<S>[];
}

export async function readLineManagers<S extends string>(
	vendor: LineManagerSource<S>,
	employeeIds: string[],
): Promise<LineManagersResult<S>> {
	const wanted = [...new Set(employeeIds)];
	const problems: LineManagersResult<S>['problems'] = [];
	if (wanted.length === 0) return { lineManagers: [], problems };
	const read = await vendor.managerIds(wanted);
	problems.push(...read.problems);
	const managerIds = [
		...new Set([...read.managers.values()].filter((m): m is string => m !== null)),
	];
	const mail =
		managerIds.length > 0
			? await vendor.emails(managerIds)
			: { emails: new Map<string, string | null>(), problems: [] as HrisRecordProblem<S>[] };
	problems.push(...mail.problems);
	const lineManagers: LineManager[] = [];
	const report = (id: string, field: string, text: string) =>
		problems.push(problem(vendor.source, id, id, field, text).problem);
	for (const employeeId of wanted) {
		if (!read.managers.has(employeeId)) {
			report(employeeId, 'employeeId', 'the HRIS returned no record for this employee');
			continue;
		}
		const lineManagerId = read.managers.get(employeeId) ?? null;
		if (lineManagerId === null) {
			report(employeeId, 'lineManager', 'no line manager is recorded for this employee');
			continue;
		}
		const email = mail.emails.get(lineManagerId);
		if (email === undefined)
			report(employeeId, 'lineManager', 'the HRIS returned no record for the line manager');
		else if (email === null || !isAddress(email))
			report(employeeId, 'lineManager', 'the line manager has no usable e-mail address');
		else lineManagers.push({ employeeId, lineManagerId, lineManagerEmail: email.trim() });
	}
	return { lineManagers, problems };
}

// one '@' with something either side and no spaces: enough to keep a name or a blank out of the To field
function isAddress(email: string): boolean {
	return /^[^\s@]+@[^\s@]+$/.test(email.trim());
}

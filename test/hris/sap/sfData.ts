// A deterministic SuccessFactors tenant: jobs (some part-time, some with a mid-year change), work
// schedules, and Employee Time records of several types and statuses — plus malformed ones.
export interface SfTime {
	externalCode: string;
	userId: string | null;
	timeType: string;
	start: string | null;
	end: string | null;
	days: number | null;
	hours: number | null;
	approvalStatus: string;
	open: boolean;
	comment: string | null;
}
export interface SfJob {
	userId: string;
	start: string;
	end: string;
	daysPerWeek: number | null;
	weeklyHours: number | null;
	scheduleCode: string;
	/** EmpJob location (a FOLocation code; default none) */
	location?: string;
	/** EmpJob managerId (the manager's userId); default NO_MANAGER, what SuccessFactors sends for none */
	managerId?: string;
	/** lastModifiedDateTime (ISO instant); default SF_MODIFIED */
	modified?: string;
}
/** A User record: identity and contact details only (what the invitation letter needs). */
export interface SfUserRow {
	userId: string;
	firstName: string;
	lastName: string;
	email: string | null;
	addressLine1: string | null;
	zipCode: string | null;
	city: string | null;
}
/** An EmpEmployment record: the employment's start (hire date). */
export interface SfEmployment {
	userId: string;
	start: string | null;
	/** lastModifiedDateTime (ISO instant); default SF_MODIFIED */
	modified?: string;
}
export interface SfTenant {
	times: SfTime[];
	jobs: SfJob[];
	/** EmpEmployment rows (none if absent) */
	employments?: SfEmployment[];
	/** User entity rows (none if absent) */
	users?: SfUserRow[];
	schedules: Array<{ code: string; daysPerWeek: number; hoursPerDay: number; modified?: string }>;
}

/** When the tenant's records were last changed, unless a record says otherwise. */
export const SF_MODIFIED = '2025-06-01T10:00:00Z';

/** Which codes the tenant uses for what (the tests' own reading of the tenant, independent of the node's defaults). */
export const SF_CODE_KINDS: Record<string, string> = {
	SICK_DE: 'sick',
	HOSP_DE: 'hospital',
	REHA_DE: 'rehab',
};

function rng(seed: number) {
	let s = seed;
	return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** A user with a made-up name and address; every fifth has no e-mail, every seventh no address. */
export function sfUser(userId: string, extra: Partial<SfUserRow> = {}): SfUserRow {
	const n = Number(userId);
	return {
		userId,
		firstName: `Vorname${userId}`,
		lastName: `Nachname${userId}`,
		email: n % 5 === 0 ? null : `person${userId}@example.com`,
		addressLine1: n % 7 === 0 ? null : `Musterweg ${n % 100}`,
		zipCode: n % 7 === 0 ? null : `1${String(n % 10000).padStart(4, '0')}`,
		city: n % 7 === 0 ? null : 'Musterstadt',
		...extra,
	};
}

const addDays = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function sfTenant(employees: number, spells: number, seed = 7): SfTenant {
	const random = rng(seed);
	const tenant: SfTenant = {
		times: [],
		jobs: [],
		users: [],
		schedules: [
			{ code: 'FT_4', daysPerWeek: 4, hoursPerDay: 9.5 },
			{ code: 'TZ_24_MO_MI', daysPerWeek: 3, hoursPerDay: 8 },
			{ code: 'VZ_40', daysPerWeek: 5, hoursPerDay: 8 },
		],
	};
	const types = [
		'SICK_DE',
		'SICK_DE',
		'SICK_DE',
		'SICK_DE',
		'SICK_DE',
		'SICK_DE',
		'VAC_DE',
		'VAC_DE',
		'SICK_CHILD_DE',
		'HOSP_DE',
		'REHA_DE',
	];
	let code = 0;
	for (let i = 0; i < employees; i++) {
		const userId = String(100100 + i);
		tenant.users!.push(sfUser(userId));
		if (i % 3 === 0)
			tenant.jobs.push({
				userId,
				start: '2020-01-01',
				end: '9999-12-31',
				daysPerWeek: 3,
				weeklyHours: 24,
				scheduleCode: 'TZ_24_MO_MI',
			});
		else if (i % 3 === 1)
			tenant.jobs.push({
				userId,
				start: '2020-01-01',
				end: '9999-12-31',
				daysPerWeek: 5,
				weeklyHours: 40,
				scheduleCode: 'VZ_40',
			});
		else
			tenant.jobs.push({
				userId,
				start: '2020-01-01',
				end: '9999-12-31',
				daysPerWeek: null,
				weeklyHours: null,
				scheduleCode: 'FT_4',
			});
		if (i % 7 === 0) {
			// a change in the range: the slice valid at its end rules
			const last = tenant.jobs[tenant.jobs.length - 1];
			last.end = '2026-03-31';
			tenant.jobs.push({
				userId,
				start: '2026-04-01',
				end: '9999-12-31',
				daysPerWeek: 4,
				weeklyHours: 32,
				scheduleCode: 'FT_4',
			});
		}
		for (let s = 0; s < spells; s++) {
			const start = addDays('2025-09-01', Math.floor(random() * 470));
			const length = random() < 0.15 ? 1 : 1 + Math.floor(random() * (random() < 0.1 ? 50 : 12));
			const half = length === 1 && random() < 0.4;
			tenant.times.push({
				externalCode: `et${String(++code).padStart(6, '0')}`,
				userId,
				timeType: types[Math.floor(random() * types.length)],
				start,
				end: addDays(start, length - 1),
				days: half ? 0.5 : length,
				hours: half ? 4 : length * 8,
				approvalStatus: random() < 0.1 ? 'PENDING' : 'APPROVED',
				open: false,
				comment: random() < 0.3 ? 'Diagnose: Bandscheibenvorfall L4/L5' : null,
			});
		}
	}
	// teams of ten led by their second (100101, 100111 …, who all have an e-mail address); a lead has no manager
	for (const job of tenant.jobs) {
		const lead = String(100101 + 10 * Math.floor((Number(job.userId) - 100100) / 10));
		job.managerId = lead === job.userId ? 'NO_MANAGER' : lead;
	}
	return tenant;
}

/**
 * Adds malformed records every run must report: end before start, unknown user. (A record without
 * dates never passes SuccessFactors' own date $filter; the parser test and SAP HCM cover missing dates.)
 */
export function withMalformed(tenant: SfTenant): SfTenant {
	tenant.times.push(
		{
			externalCode: 'bad-end-before-start',
			userId: '100101',
			timeType: 'SICK_DE',
			start: '2026-03-10',
			end: '2026-03-02',
			days: 1,
			hours: 8,
			approvalStatus: 'APPROVED',
			open: false,
			comment: null,
		},
		{
			externalCode: 'bad-unknown-user',
			userId: '999999',
			timeType: 'SICK_DE',
			start: '2026-05-04',
			end: '2026-05-05',
			days: 2,
			hours: 16,
			approvalStatus: 'APPROVED',
			open: false,
			comment: null,
		},
	);
	return tenant;
}

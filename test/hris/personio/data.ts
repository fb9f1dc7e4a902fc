// The tenant the local Personio server serves: employees, absence types, absences.
export interface MockEmployee {
	id: number;
	firstName: string;
	lastName: string;
	email: string;
	status: string;
	weeklyHours: number;
	fullTimeHours: number;
	/** monday … sunday 'HH:MM' */
	schedule: [string, string, string, string, string, string, string] | null;
	department: { id: number; name: string } | null;
	supervisorId: number | null;
	/** v1 hire_date (default 2019-04-01) */
	hireDate?: string;
	/** v1 work_schedule valid_from (default null, as in Personio's own example) */
	scheduleValidFrom?: string | null;
	/** v2 employments, newest first (default: one from 2019-04-01 with weeklyHours) */
	employments?: MockEmployment[];
}

export interface MockEmployment {
	start: string | null;
	end: string | null;
	weeklyHours: number;
	status: 'ACTIVE' | 'INACTIVE';
}

export interface MockAbsenceType {
	id: number;
	uuid: string;
	name: string;
	category: string;
	unit: 'day' | 'hour';
}

export interface MockAbsence {
	/** integer for day-unit (v1 time-offs), uuid for hour-unit; v2 uses `uuid` */
	id: number;
	uuid: string;
	employeeId: number;
	typeId: number;
	start: string | null;
	end: string | null;
	startHalf: boolean;
	endHalf: boolean;
	/** hour-unit types: minutes per working day */
	minutesPerDay?: number;
	status: string;
	/** health detail that must never leave the connector */
	comment: string;
	certificate: string;
}

export interface MockTenant {
	employees: MockEmployee[];
	types: MockAbsenceType[];
	absences: MockAbsence[];
}

export const TYPES: MockAbsenceType[] = [
	{
		id: 2345,
		uuid: '2f6a3c7e-0d1b-4c6e-9a55-5b7f0d6c1a01',
		name: 'Krankheit (AU)',
		category: 'sick_leave',
		unit: 'day',
	},
	{
		id: 1234,
		uuid: '7c2b1f00-3f1e-4a44-8d8e-1f2a3b4c5d6e',
		name: 'Urlaub',
		category: 'paid_vacation',
		unit: 'day',
	},
	{
		id: 2346,
		uuid: '5d1e2f3a-4b5c-4d6e-8f70-819203a4b5c6',
		name: 'Kind krank',
		category: 'child_care',
		unit: 'day',
	},
	{
		id: 2347,
		uuid: '9bba303f-0fbc-4514-9958-0befa21923fb',
		name: 'Krankheit stundenweise',
		category: 'sick_leave',
		unit: 'hour',
	},
	{
		id: 2348,
		uuid: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
		name: 'Reha',
		category: 'other',
		unit: 'day',
	},
];

const FULL: MockEmployee['schedule'] = [
	'08:00',
	'08:00',
	'08:00',
	'08:00',
	'08:00',
	'00:00',
	'00:00',
];
const MO_WE: MockEmployee['schedule'] = [
	'08:00',
	'08:00',
	'08:00',
	'00:00',
	'00:00',
	'00:00',
	'00:00',
];

function uuidOf(n: number): string {
	const hex = n.toString(16).padStart(12, '0');
	return `00000000-0000-4000-8000-${hex}`;
}

let nextAbsenceId = 5_550_000;
export function absence(
	employeeId: number,
	typeId: number,
	start: string | null,
	end: string | null,
	extra: Partial<MockAbsence> = {},
): MockAbsence {
	const id = ++nextAbsenceId;
	return {
		id,
		uuid: uuidOf(id),
		employeeId,
		typeId,
		start,
		end,
		startHalf: false,
		endHalf: false,
		status: 'approved',
		comment: 'Diagnose: Bandscheibenvorfall L4/L5',
		certificate: 'uploaded',
		...extra,
	};
}

export function employee(id: number, extra: Partial<MockEmployee> = {}): MockEmployee {
	return {
		id,
		firstName: `Vorname${id}`,
		lastName: `Nachname${id}`,
		email: `person${id}@example.com`,
		status: 'active',
		weeklyHours: 40,
		fullTimeHours: 40,
		schedule: FULL,
		department: { id: 401, name: 'Produktion' },
		supervisorId: 1000,
		...extra,
	};
}

/** A small tenant with the cases the mapping must get right. */
export function smallTenant(): MockTenant {
	return {
		types: TYPES,
		employees: [
			employee(1001, { weeklyHours: 24, schedule: MO_WE }),
			employee(1002),
			employee(1003, { schedule: null, weeklyHours: 30 }),
		],
		absences: [
			// straddles the range start: v1 time-offs would not return it without widening
			absence(1001, 2345, '2025-11-10', '2025-12-05', { startHalf: true }),
			absence(1001, 2345, '2026-03-02', '2026-03-04', { endHalf: true }),
			absence(1001, 1234, '2026-05-04', '2026-05-15'),
			absence(1002, 2346, '2026-02-02', '2026-02-03'),
			absence(1002, 2345, '2026-06-01', '2026-07-31'),
			absence(1002, 2347, '2026-04-07', '2026-04-08', { minutesPerDay: 240 }),
			absence(1003, 2348, '2026-09-01', '2026-09-25'),
			// straddles the range end
			absence(1003, 2345, '2026-11-16', '2026-12-04'),
		],
	};
}

/** n employees on a mix of 5- and 3-day weeks with `perEmployee` sick spells each over 2025–2026. */
export function bigTenant(n: number, perEmployee: number): MockTenant {
	const employees: MockEmployee[] = [];
	const absences: MockAbsence[] = [];
	for (let i = 0; i < n; i++) {
		const id = 10_000 + i;
		employees.push(employee(id, i % 3 === 0 ? { weeklyHours: 24, schedule: MO_WE } : {}));
		for (let k = 0; k < perEmployee; k++) {
			const month = 1 + ((i + k * 4) % 12);
			const day = 1 + ((i * 7 + k) % 20);
			const start = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
			const end = `2026-${String(month).padStart(2, '0')}-${String(day + 1 + (i % 5)).padStart(2, '0')}`;
			absences.push(absence(id, k % 4 === 3 ? 1234 : 2345, start, end));
		}
	}
	return { employees, types: TYPES, absences };
}

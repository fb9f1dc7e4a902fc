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
	/** last change of the record (v1 updated_since, v2 updated_at; default 2025-02-01T12:00:00Z) */
	updatedAt?: string;
	/** the office (default none): v1 gives its name, v2 employments its id */
	office?: { id: number; name: string };
	/** v1 termination_date: a leaver's last day (default none) */
	terminationDate?: string;
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
	/** v2 updated_at (default 2026-01-05T07:02:11Z) */
	updatedAt?: string;
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

/** A small deterministic PRNG (mulberry32): the same tenant on every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const dayAt = (from: string, days: number) =>
	new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface RealisticShape {
	/** share of staff with at least one sick period in the twelve months (German AU quota ≈ 60 %) */
	sickShare: number;
	/** sick periods per employee and year over the whole staff (AOK: ≈ 2.25 AU cases per member) */
	sickPeriodsPerEmployeeYear: number;
	/** absence periods of every type per employee and year */
	periodsPerEmployeeYear: number;
}

export const REALISTIC: RealisticShape = {
	sickShare: 0.6,
	sickPeriodsPerEmployeeYear: 2.25,
	periodsPerEmployeeYear: 10,
};

/**
 * A tenant as a real one looks over the twelve months up to `asOf` (and one month before): `n`
 * employees (a third part time, Monday–Wednesday), `sickShare` of them with sick periods (1–14 days,
 * one in twenty 3–10 weeks), the rest of the ≈ 10 periods per person-year vacation and other types.
 */
export function realisticTenant(
	n: number,
	asOf: string,
	shape: RealisticShape = REALISTIC,
	seed = 16,
): MockTenant {
	const random = prng(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
	const span = 395; // days: the BEM year and a month before it
	const first = dayAt(asOf, -span);
	const years = span / 365;
	const employees: MockEmployee[] = [];
	const absences: MockAbsence[] = [];
	const sickPerSickEmployee = shape.sickPeriodsPerEmployeeYear / shape.sickShare;
	for (let i = 0; i < n; i++) {
		const id = 100_000 + i;
		employees.push(
			employee(
				id,
				i % 3 === 0
					? { weeklyHours: 24, schedule: MO_WE, hireDate: dayAt('2010-01-01', int(0, 5000)) }
					: { hireDate: dayAt('2010-01-01', int(0, 5000)) },
			),
		);
		const sick = random() < shape.sickShare;
		// 1 + a geometric tail: at least one, the mean as asked
		let sickCount = 0;
		if (sick) {
			const mean = sickPerSickEmployee * years;
			sickCount = 1;
			while (random() < 1 - 1 / mean) sickCount++;
		}
		const total = Math.max(sickCount, Math.round(shape.periodsPerEmployeeYear * years));
		for (let k = 0; k < total; k++) {
			const isSick = k < sickCount;
			const start = dayAt(first, int(0, span - 1));
			const length = isSick ? (random() < 0.05 ? int(21, 70) : int(1, 14)) : int(1, 10);
			const type = isSick ? 2345 : [1234, 1234, 1234, 2346, 2348][int(0, 4)];
			absences.push(absence(id, type, start, dayAt(start, length - 1)));
		}
	}
	return { employees, types: TYPES, absences };
}

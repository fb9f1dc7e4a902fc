export { PersonioClient, PERSONIO_DEFAULT_BASE_URL, type PersonioConfig } from './client';
export {
	DEFAULT_KIND_RULES,
	SICKNESS_ONLY,
	kindOf,
	type AbsenceSelection,
	type KindRule,
} from './kinds';
export { readEmployees, type EmployeeQuery, type EmployeesResult } from './readEmployees';
export { readPersonioLineManagers } from './lineManagers';
export { readAbsences, type AbsenceQuery, type AbsencesResult } from './readAbsences';
export {
	ABSENCE_FULL_REFRESH_DAYS,
	absenceSourceKey,
	absenceSourcePrefix,
	incrementalAbsences,
	type AbsenceCacheOptions,
} from './incrementalAbsences';
export {
	buildBemInputs,
	readBemInputs,
	type BemInputQuery,
	type BemInputsResult,
	type PersonioBemInput,
	type WorkPatternSource,
} from './bemInput';
export {
	patternFromSchedule,
	patternFromWeeklyHours,
	type WeeklyHoursRule,
	type WorkPattern,
} from './workPattern';
export type * from './types';

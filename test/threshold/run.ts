import {
	evaluateThreshold,
	type AbsenceRecord,
	type ThresholdInput,
	type ThresholdOptions,
} from '../../core';

/** The reference date of the rule tests and a one-employee call of the engine on it. */
export const REF = '2026-11-22';
export const run = (
	absences: AbsenceRecord[],
	options: Partial<ThresholdOptions> = {},
	extra: Partial<ThresholdInput> = {},
) => evaluateThreshold({ employeeId: 'E', absences, ...extra }, { referenceDate: REF, ...options });

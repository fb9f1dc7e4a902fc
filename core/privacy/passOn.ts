import { assertNoHealthDetail, HealthDetailError } from './health';

// Fields an item carries on next to a BEM result (BEM Threshold's Employee Fields to Keep, BEM Case's
// Pass Through Fields) leave the BEM process into the rest of the workflow and n8n's execution data:
// identifying fields only, never health detail and never the absence records themselves.

const PASS_ON_REASON = 'only identifying fields pass on with a BEM result, never health details';

/** field names of absence data: "absences", "Abwesenheiten", "Fehlzeiten", "sickDays", "AU-Tage" … */
const ABSENCE_FIELD = /absen|abwesen|fehlzeit|sick|arbeitsunf|^au\b|\bau[-_]?tage/i;
const START = /^(start|startDate|start_date|from|begin|beginn|von|startsOn)$/i;
const END = /^(end|endDate|end_date|to|until|bis|endsOn)$/i;
const ABSENCE_KEY =
	/^(kind|absenceType|typeName|timeOffType|startHalf|endHalf|halfDay\w*|certified)$/i;

/** An absence record anywhere in the value: a period with an absence's kind or half-day flags, or a list
 * of periods (a single start/end pair, such as a contract's, is no absence). */
function holdsAbsenceRecords(value: unknown, inList = false, depth = 0): boolean {
	if (depth > 5 || value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some((v) => holdsAbsenceRecords(v, true, depth + 1));
	const keys = Object.keys(value);
	if (
		keys.some((k) => START.test(k)) &&
		keys.some((k) => ABSENCE_KEY.test(k) || (inList && END.test(k)))
	)
		return true;
	return Object.values(value).some((v) => holdsAbsenceRecords(v, false, depth + 1));
}

/**
 * Why a field may not pass on with a BEM result, or null when it may: its name or value reads like health
 * detail, or it holds absence records. The answer names the field (and the path inside it), never a value.
 */
export function passOnProblem(field: string, value: unknown): string | null {
	if (ABSENCE_FIELD.test(field) || holdsAbsenceRecords(value))
		return `${field} holds absence records; ${PASS_ON_REASON} (the absences stay in the threshold's input)`;
	try {
		assertNoHealthDetail({ [field]: value }, '', PASS_ON_REASON);
	} catch (error) {
		if (error instanceof HealthDetailError) return error.message;
		throw error;
	}
	return null;
}

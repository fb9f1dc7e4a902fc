import type { State } from '../lifecycle/names';

// The HR forms of "BEM · 5 Case Steps" (scripts/workflows/caseSteps.js builds them with these paths),
// and which of them is the next step of a case in each state. The cockpit links into them with the
// case id filled in (the forms take `?caseId=` as the field's value).

export const CASE_STEP_FORMS = {
	firstTalk: 'bem-first-talk',
	caseConference: 'bem-case-conference',
	measure: 'bem-measure',
	review: 'bem-review',
	close: 'bem-close',
} as const;
export type CaseStepForm = keyof typeof CASE_STEP_FORMS;

/** What HR records next, first the usual step; states the process moves on its own have none. */
export const NEXT_STEPS: Record<State, readonly CaseStepForm[]> = {
	open: [],
	invited: [],
	reinvited: [],
	deferred: [],
	accepted: ['firstTalk', 'close'],
	in_progress: ['measure', 'caseConference', 'close'],
	review: ['review', 'close'],
	closed: [],
};

/** The form's address with the case filled in; `base` ends with '/' (checked by the caller). */
export const stepHref = (base: string, form: CaseStepForm, caseId: string): string =>
	`${base}${CASE_STEP_FORMS[form]}?caseId=${encodeURIComponent(caseId)}`;

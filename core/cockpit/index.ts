// The BEM cockpit (issue 15): a page HR looks at instead of logs, built from the store's logged reads.
export { buildCockpit, type CockpitOptions } from './model';
export { renderCockpit, renderDenied } from './render';
export { bandOf, nextDeadline } from './deadlines';
export { langOf, WORDS, QUOTAS } from './i18n';
export { quartersUpTo } from './quarters';
export { CASE_STEP_FORMS, NEXT_STEPS, stepHref, type CaseStepForm } from './steps';
export { esc, markup } from './html';
export type * from './types';

// The programmatic API of n8n-nodes-bem (re-exported by the package's index.js). Plain TypeScript with
// no n8n imports: integrators use it directly, the nodes are thin adapters over it.
export * from './threshold';
export {
	GERMAN_STATES,
	isGermanState,
	publicHolidays,
	publicHolidayNames,
	type GermanState,
} from './calendar/holidays';
export { todayInBerlin, toBerlinDate, BEM_TIME_ZONE } from './calendar/today';
export { deadlineAfter, isBusinessDay, rollForwardToBusinessDay } from './calendar/workingDays';
export { formatDay, parseDay, type DayNumber } from './calendar/days';
export { holidayStateAt, type LocationStates } from './calendar/locationStates';
export {
	createReplyToken,
	replyLink,
	replyToken,
	verifyReplyToken,
	type ReplyLinkCheck,
	type ReplyLinkClaims,
} from './replyLink';
export * from './hris';
export * from './letters';
export * from './lifecycle';
export { HealthDetailError, assertNoHealthDetail, looksLikeHealthDetail } from './privacy';
export * from './store';
export * from './process';
export {
	buildCockpit,
	renderCockpit,
	renderDenied,
	type CockpitModel,
	type CockpitOptions,
	type OverdueMeasureRow,
} from './cockpit';

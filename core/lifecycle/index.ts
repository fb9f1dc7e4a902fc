export * from './names';
export * from './facts';
export * from './deadlines';
export {
	ACCEPTED_EVENTS,
	decide,
	movesState,
	type CaseHistory,
	type Decision,
	type LifecycleEvent,
} from './machine';
export {
	eventsInForce,
	historyOf,
	replay,
	voidEvent,
	voidsOf,
	type RecordedEvent,
	type Replay,
} from './replay';
export { ROUTES, routeCase, type RoutableCase, type Route } from './route';
export {
	EMPTY_PLAN,
	MEASURE_EVENTS,
	MEASURE_STATES,
	nextPlan,
	openMeasures,
	type MeasurePlan,
	type MeasureState,
	type PlannedMeasure,
} from './measures';

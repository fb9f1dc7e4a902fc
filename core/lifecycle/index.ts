export * from './names';
export * from './facts';
export * from './deadlines';
export { ACCEPTED_EVENTS, decide, movesState, type Decision, type LifecycleEvent } from './machine';
export { ROUTES, routeCase, type RoutableCase, type Route } from './route';

export { openBemStore } from './open';
export {
	BemIdempotencyKeyReusedError,
	BemStoreError,
	BemTransitionRefusedError,
	type BemStoreErrorCode,
} from './errors';
export { SUBJECT_ACCESS_EXPORT_VERSION } from './export';
export { FREE_TEXT_KEYS } from './input';
export { MIN_CELL_FLOOR, MIN_PERSONS } from './kpis';
export { MIGRATION_VERSIONS, SCHEMA_VERSION } from './sql/migrations';
export { DEFAULT_PRINCIPAL, PARTICIPANT_ROLES, ROLES } from './roles';
export { BemAccessDeniedError } from './errors';
export { defaultSqlitePath, resolveSqlitePath } from './paths';
export { workPatternCacheAs } from './workPatterns';
export { auPeriodCacheAs } from './auPeriods';
export type * from './types';
export { MEASURE_CATEGORIES, parseCatalogueEntries } from './catalogue';

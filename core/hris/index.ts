// HRIS readers: shared HTTP plumbing and the vendor connectors.
export * from './http';
export { fetchTransport } from './fetchTransport';
export { TokenCache, sharedTokenCache } from './tokenCache';
export * as personio from './personio';
export * from './auPeriodCache';
export * as sap from './sap';
export * from './lineManagers';
export {
	clipToRange,
	datesProblem,
	toAbsenceRecord,
	type ClipRules,
	type DateRange,
	type HrisAbsence,
	type HrisRecordProblem,
} from './records';

// SAP connectors: SuccessFactors Employee Central and SAP HCM (Gateway OData), feeding the threshold engine.
export * from './types';
export {
	sapDay,
	sapDecimal,
	sapText,
	quote,
	anyOf,
	allOf,
	dateTimeLiteral,
	datsLiteral,
	isPropertyName,
} from './odataValues';
export { SapODataClient, queryString, type EntityQuery, type SapODataConfig } from './odataClient';
export {
	KindMapping,
	SF_DEFAULT_KIND_RULES,
	HCM_DEFAULT_KIND_RULES,
	CONTRACT_KINDS,
	IGNORE,
	type KindRule,
} from './kinds';
export { toAbsenceRecord } from '../records';
export { buildBemInputs, type SapBemInput, type SapBemInputsResult } from './bemInput';
export {
	workdaysFromDaysPerWeek,
	sliceAt,
	clipAbsence as clipToRange,
	postalAddressOf,
	contactOf,
} from './records';
export {
	SapCredentialError,
	readPrivateKey,
	readCertificate,
	signedAssertion,
	SF_AUDIENCE,
} from './successFactors/saml';
export {
	mintSfToken,
	sfAuthProvider,
	apiServerOf,
	SAML_BEARER_GRANT,
	type SfAuthConfig,
	type SfConnection,
} from './successFactors/auth';
export {
	sfClient,
	readEmployeeTimes,
	readWorkPatterns,
	readSfBemInputs,
	sfSourceKey,
	parseEmployeeTime,
	DEFAULT_APPROVAL_STATUSES,
	type SfAbsenceQuery,
} from './successFactors/read';
export { readSfUsers, readSfUserEmails, type SfUser } from './successFactors/users';
export { sfLineManagerSource } from './successFactors/lineManagers';
export {
	cachedSfWorkPatterns,
	FULL_REFRESH_DAYS,
	type SfPatternCache,
} from './successFactors/cachedPatterns';
export {
	hcmClient,
	hcmAuthHeader,
	readIt2001,
	readIt0007,
	readHcmBemInputs,
	parseIt2001,
	type HcmAuth,
	type HcmConnection,
	type HcmQuery,
} from './hcm/read';
export {
	DEFAULT_ABSENCE_FIELDS,
	DEFAULT_WORK_TIME_FIELDS,
	DEFAULT_CONTACT_FIELDS,
	badFieldName,
	type AbsenceFields,
	type WorkTimeFields,
	type ContactFields,
	type HcmDateType,
} from './hcm/fields';
export { readHcmContacts, readContactSet, type HcmContactQuery } from './hcm/contacts';
export { hcmLineManagerSource } from './hcm/lineManagers';

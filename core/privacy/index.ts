// What must never leave the BEM file: diagnoses and free health detail. One guard for the store, the
// letters, the HRIS connectors and the nodes, so every exit screens with the same list.
export {
	HealthDetailError,
	assertNoHealthDetail,
	assertNoHealthKeys,
	looksLikeHealthDetail,
} from './health';
export { passOnProblem } from './passOn';

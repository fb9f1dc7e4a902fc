export { evaluateThreshold, evaluateThresholdDetailed } from './engine';
export { ThresholdInputError, ThresholdOptionsError } from './errors';
export { DEFAULT_COUNTED_KINDS, resolveThresholdOptions, thresholdOptionsSchema } from './options';
export type * from './types';

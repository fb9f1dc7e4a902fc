import golden from '../fixtures/golden-cases.json';
import { evaluateThreshold, type ThresholdInput, type ThresholdOptions } from '../../core';

// The worked cases of ../shared/bem/golden-cases.json (copied into fixtures): a floor, all must pass.
describe('golden cases (threshold-contract.md)', () => {
	it('has the full set', () => {
		expect(golden.length).toBeGreaterThanOrEqual(32);
		expect(golden.filter((c) => c.id.startsWith('v2-')).length).toBeGreaterThanOrEqual(6);
	});
	it.each(golden.map((c) => [c.id, c] as const))('%s', (_id, c) => {
		const result = evaluateThreshold(c.input as ThresholdInput, c.options as ThresholdOptions);
		expect(result).toEqual(c.expected);
	});
});

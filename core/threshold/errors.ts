/**
 * Bad threshold input: names the employee, the record index and the field, so HR can find the record in
 * the HR system. Never a silent skip (threshold-contract.md, "Bad input").
 */
export class ThresholdInputError extends Error {
	readonly code = 'BEM_THRESHOLD_INPUT';

	constructor(
		readonly employeeId: string | undefined,
		readonly field: string,
		readonly problem: string,
		readonly recordIndex?: number,
	) {
		super(
			`Employee ${employeeId === undefined ? '(unknown)' : JSON.stringify(employeeId)}` +
				(recordIndex === undefined ? '' : `, absence #${recordIndex}`) +
				`, field "${field}": ${problem}`,
		);
		this.name = 'ThresholdInputError';
	}
}

export class ThresholdOptionsError extends Error {
	readonly code = 'BEM_THRESHOLD_OPTIONS';

	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`Threshold option "${field}": ${problem}`);
		this.name = 'ThresholdOptionsError';
	}
}

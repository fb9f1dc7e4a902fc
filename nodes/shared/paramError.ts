// Bad input at the node boundary, for every node: a parameter (BemParamError) or a field of an input
// item (ItemFieldError). Both name the field; their messages say what is wrong by kind or type, never
// the value, so nothing an item carried (a diagnosis typed into the wrong field) reaches an error.

/** A parameter that cannot be used; `field` names it (when the message does not already). */
export class BemParamError extends Error {
	constructor(
		message: string,
		public readonly field?: string,
	) {
		super(message);
		this.name = 'BemParamError';
	}
}

/** A field of an input item the node cannot read, before core sees the data. */
export class ItemFieldError extends Error {
	constructor(
		readonly field: string,
		problem: string,
		readonly employeeId?: string,
		readonly recordIndex?: number,
	) {
		super(problem);
		this.name = 'ItemFieldError';
	}
}

/** A value's type as errors name it instead of the value: text, number, list, object, … */
export function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

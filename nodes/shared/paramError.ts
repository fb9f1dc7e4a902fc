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

// one wording of a value's type for core and the nodes
export { typeOf } from '../../core/privacy/issueMessage';

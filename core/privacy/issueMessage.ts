import type { ZodIssue } from 'zod';

/**
 * A zod issue as a message that says what was expected, never the value received: zod's own wording of
 * a wrong enum value quotes it ("received 'F32.1 …'"), and error messages end up in n8n's execution data.
 */
export function issueMessage(issue: ZodIssue): string {
	// zod's default wording only: a schema's own errorMap message says what it means already
	if (issue.code === 'invalid_enum_value' && issue.message.startsWith('Invalid enum value'))
		return `must be one of ${issue.options.map((o) => `'${String(o)}'`).join(', ')}`;
	return issue.message;
}

/** A value's type as errors name it instead of the value: text, a number, a list, an object, … */
export function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return value.trim() === '' ? 'empty text' : 'text';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

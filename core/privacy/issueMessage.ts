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

// Shared by the case-steps, retention and KPI workflow tests: a real SQLite BEM store in a temp folder
// (set up through core's openBemStore, used by the workflow through the `bemStore` credential), the SMTP
// catcher, and a form submission shaped as n8n's Form Trigger emits it.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { closeBemStores } from '../../nodes/shared/bemStore';
import type { BemStore } from '../../core';
import { startSmtpCatcher, type SmtpCatcher } from '../harness/smtp';
import type { WorkflowJson } from '../harness/run';
import { KEY, sqliteBackend, TEST_ROLES, type Backend } from '../store/backends';
import { bemStoreCredentials, WORKFLOW_ROLES } from '../harness/credentials';

export interface BemWorld {
	backend: Backend;
	store: BemStore;
	smtp: SmtpCatcher;
	/** by type, and the HR forms' BEM Store credential by its id */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	close(): Promise<void>;
}

export async function bemWorld(): Promise<BemWorld> {
	const backend = sqliteBackend();
	// the test's actors, and the two principals the workflows' credentials act as
	const store = await backend.open({ roles: { ...TEST_ROLES, ...WORKFLOW_ROLES } as never });
	const smtp = await startSmtpCatcher();
	const { path } = backend.config() as { path: string };
	return {
		backend,
		store,
		smtp,
		credentials: {
			...bemStoreCredentials({
				backend: 'sqlite',
				sqlitePath: path,
				encryptionKey: KEY,
				state: 'DE',
				retentionYears: 3,
				reviewMonths: '3,6',
			}),
			smtp: smtp.credentials,
		},
		async close() {
			await closeBemStores();
			await store.close();
			await smtp.close();
			await backend.teardown();
		},
	};
}

/**
 * The item a Form Trigger of `wf` emits for a submission: each field under its name, as the form sends
 * it (dates 'YYYY-MM-DD', radio/dropdown the option's text), empty optional fields null, plus the
 * logged-in n8n user. Refuses names the form does not have, a missing required field, or a value that
 * is not one of a choice field's options, so the test follows the form.
 */
export function formSubmission(
	wf: WorkflowJson,
	formNode: string,
	/** a checkbox field takes a list of its options */
	values: Record<string, string | string[]>,
): { json: IDataObject } {
	const node = wf.nodes.find((n) => n.name === formNode);
	if (!node || node.type !== 'n8n-nodes-base.formTrigger')
		throw new Error(`${formNode} is not a form trigger`);
	const fields = ((node.parameters.formFields as IDataObject).values as IDataObject[]) ?? [];
	const names = fields.map((f) => String(f.fieldName));
	for (const name of Object.keys(values))
		if (!names.includes(name))
			throw new Error(`${formNode} has no field ${name} (fields: ${names.join(', ')})`);
	const json: IDataObject = {};
	for (const f of fields) {
		const name = String(f.fieldName);
		const value = values[name];
		if (value === undefined && f.requiredField) throw new Error(`${formNode}: ${name} is required`);
		const options = (
			(f.fieldOptions as IDataObject | undefined)?.values as IDataObject[] | undefined
		)?.map((o) => o.option);
		if (Array.isArray(value) && f.fieldType !== 'checkbox')
			throw new Error(`${formNode}: ${name} takes one option, not a list`);
		for (const v of value === undefined ? [] : [value].flat())
			if (options && !options.includes(v))
				throw new Error(`${formNode}: ${name} has no option ${v}`);
		json[name] = value ?? null;
	}
	return {
		json: {
			...json,
			submittedAt: '2026-01-01T09:00:00.000+01:00',
			formMode: 'production',
			user: { id: 'u1', email: 'hr@example.com', firstName: 'HR', lastName: 'Team' },
		},
	};
}

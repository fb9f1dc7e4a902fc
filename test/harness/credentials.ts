// A credentials helper for headless runs: returns test credential data by type and applies the
// credential type's own `authenticate` (generic headers/qs with {{$credentials.x}} or a function), as
// n8n's CLI does, so tests exercise the real credential definitions.
import * as path from 'path';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsHelper,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import pkg from '../../package.json';

const root = path.resolve(__dirname, '../..');

function credentialTypes(): Record<string, ICredentialType> {
	const types: Record<string, ICredentialType> = {};
	for (const distPath of pkg.n8n.credentials as string[]) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(
			path.join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
		) as Record<string, new () => ICredentialType>;
		const Cls = Object.values(mod).find((v) => typeof v === 'function');
		if (Cls) {
			const type = new Cls();
			types[type.name] = type;
		}
	}
	return types;
}

function resolveTemplate(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) =>
			String(credentials[key] ?? ''),
		);
}

export function makeCredentialsHelper(
	data: Record<string, ICredentialDataDecryptedObject>,
): ICredentialsHelper {
	const types = credentialTypes();
	const helper = {
		getParentTypes: () => [],
		isCredentialUsableByNode: () => true,
		runPreAuthentication: async () => undefined,
		getCredentialsProperties: (type: string) => types[type]?.properties ?? [],
		async getDecrypted(
			_additionalData: unknown,
			nodeCredentials: { id?: string | null; name?: string },
			type: string,
		) {
			// a credential by its id (two BEM Store credentials, one per principal), else the type's
			const found = (nodeCredentials.id ? data[nodeCredentials.id] : undefined) ?? data[type];
			if (!found) throw new Error(`test has no credentials of type ${type}`);
			return found;
		},
		async getCredentials() {
			throw new Error('not used in tests');
		},
		async updateCredentials() {},
		async updateCredentialsOauthTokenData() {},
		async preAuthentication() {
			return undefined;
		},
		async authenticate(
			credentials: ICredentialDataDecryptedObject,
			typeName: string,
			requestOptions: IHttpRequestOptions,
		) {
			const type = types[typeName];
			const auth = type?.authenticate;
			if (!auth) return requestOptions;
			if (typeof auth === 'function') return auth(credentials, requestOptions);
			const props = auth.properties as IDataObject;
			for (const where of ['headers', 'qs', 'body', 'auth'] as const) {
				const block = props[where] as IDataObject | undefined;
				if (!block) continue;
				const target = ((requestOptions as unknown as IDataObject)[where] ?? {}) as IDataObject;
				for (const [k, v] of Object.entries(block))
					target[k] = resolveTemplate(v, credentials) as IDataObject[string];
				(requestOptions as unknown as IDataObject)[where] = target;
			}
			return requestOptions;
		},
	};
	return helper as unknown as ICredentialsHelper;
}

/** The principals of the shipped workflows' two BEM Store credentials (scripts/workflows/common.js). */
export const WORKFLOW_ROLES = { process: ['process'], bem_officer: ['bem_officer'] } as const;
export const OFFICER_CREDENTIAL_ID = 'bemStoreOfficer1';

/**
 * The BEM Store credentials as `npm start` makes them: the same store, `bemStore` (the process
 * credential the shipped workflows use) acting as `process`, the HR forms' one as `bem_officer`.
 */
export function bemStoreCredentials(
	store: ICredentialDataDecryptedObject,
): Record<string, ICredentialDataDecryptedObject> {
	return {
		bemStore: { ...store, principal: 'process' },
		[OFFICER_CREDENTIAL_ID]: { ...store, principal: 'bem_officer' },
	};
}

// The SuccessFactors connection of the node's `sapSuccessFactorsApi` credential (SAML bearer or the
// legacy basic auth; the token cache is shared), and the credential's test.
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { fetchTransport, HrisHttpError, sharedTokenCache, type HttpTransport } from '../../core';
import {
	mintSfToken,
	SapCredentialError,
	sfClient,
	type SfAuthConfig,
	type SfConnection,
} from '../../core/hris/sap';

export function sfConnectionOf(credentials: IDataObject, transport: HttpTransport): SfConnection {
	const auth: SfAuthConfig =
		credentials.authentication === 'basicLegacy'
			? {
					type: 'basicLegacy',
					username: String(credentials.username ?? ''),
					password: String(credentials.password ?? ''),
				}
			: {
					type: 'samlBearer',
					clientId: String(credentials.clientId ?? ''),
					userId: String(credentials.userId ?? ''),
					privateKey: String(credentials.privateKey ?? ''),
					certificate: String(credentials.certificate ?? ''),
				};
	return {
		apiServer: String(credentials.apiServer ?? ''),
		companyId: String(credentials.companyId ?? ''),
		auth,
		transport,
		tokenCache: sharedTokenCache,
	};
}

// Signs an assertion, gets a token, reads one Employee Time record: proves key, client, user and permission.
// Credential tests get no httpRequest helper, so the core's fetch transport is used here.
export async function sapSuccessFactorsApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const conn = {
			...sfConnectionOf(credential.data ?? {}, fetchTransport),
			retry: { maxTotalMs: 20_000, maxAttempts: 3 },
		};
		if (conn.auth.type === 'samlBearer') await mintSfToken(conn);
		const client = sfClient({ ...conn, tokenCache: undefined });
		await client.get('EmployeeTime?$top=1&$select=externalCode');
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const message =
			error instanceof HrisHttpError || error instanceof SapCredentialError
				? error.message
				: 'The connection failed';
		return { status: 'Error', message };
	}
}

// A throwaway RSA key and self-signed X.509 certificate per test run (openssl), so no key sits in fixtures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKeyPair {
	privateKeyPem: string;
	certificatePem: string;
}

export function makeKeyPair(commonName = 'n8n-nodes-bem test'): TestKeyPair {
	const dir = mkdtempSync(join(tmpdir(), 'sap-keys-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
				'-subj',
				`/CN=${commonName}`,
				'-days',
				'2',
			],
			{ stdio: 'pipe' },
		);
	} catch (error) {
		throw new Error(
			`The SAP tests need the openssl command to make a test certificate: ${(error as Error).message}`,
		);
	}
	const pair = {
		privateKeyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
		certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
	};
	rmSync(dir, { recursive: true, force: true });
	return pair;
}

// The signed SAML 2.0 assertion SuccessFactors' OAuth 2.0 SAML-bearer grant expects (what SAP's
// deprecated /oauth/idp used to produce, and what its offline generator builds): NameID = the API user,
// audience www.successfactors.com, recipient = the token endpoint, attribute api_key = the client id,
// signed RSA-SHA256 with the key of the X.509 certificate registered in "Manage OAuth2 Client Applications".
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

export const SF_AUDIENCE = 'www.successfactors.com';

/** A credential value that cannot be used. The message never contains the key or certificate. */
export class SapCredentialError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SapCredentialError';
	}
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function pemBlocks(text: string): Array<{ label: string; pem: string }> {
	return [...text.replace(/\\n/g, '\n').matchAll(PEM_BLOCK)].map((m) => ({
		label: m[1],
		pem: m[0],
	}));
}

/**
 * The private key from what users paste: a PEM (PKCS#8 or PKCS#1, possibly together with the
 * certificate) or the bare Base64 that SuccessFactors shows when it generates the certificate.
 */
export function readPrivateKey(text: string): KeyObject {
	const block = pemBlocks(text).find((b) => /PRIVATE KEY/.test(b.label));
	const pem =
		block?.pem ??
		`-----BEGIN PRIVATE KEY-----\n${text.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----`;
	let key: KeyObject | null = null;
	try {
		key = createPrivateKey(pem);
	} catch {
		key = null; // the parser's message may quote the key: never pass it on
	}
	if (key === null || key.asymmetricKeyType !== 'rsa') {
		throw new SapCredentialError(
			'The private key could not be read: paste the RSA private key (PEM, or the Base64 text SuccessFactors generated) of the X.509 certificate registered for this OAuth client',
		);
	}
	return key;
}

/** The certificate PEM from the certificate field, or from the private-key field if both were pasted there. */
export function readCertificate(...texts: string[]): string | null {
	for (const text of texts) {
		const block = pemBlocks(text ?? '').find((b) => b.label === 'CERTIFICATE');
		if (block) return block.pem;
	}
	return null;
}

export interface AssertionInput {
	clientId: string;
	userId: string;
	/** https://<api-server>/oauth/token */
	tokenUrl: string;
	privateKey: KeyObject;
	certificatePem?: string | null;
	now: Date;
	/** validity of the assertion (default 10 minutes either side, as SAP's samples) */
	skewSeconds?: number;
}

const xmlText = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The signed assertion XML (the caller Base64-encodes it for the token request). */
export function signedAssertion(input: AssertionInput): string {
	const skew = (input.skewSeconds ?? 600) * 1000;
	const now = iso(input.now);
	const notBefore = iso(new Date(input.now.getTime() - skew));
	const notAfter = iso(new Date(input.now.getTime() + skew));
	const id = `_${randomUUID()}`;
	const xml =
		`<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${id}" IssueInstant="${now}" Version="2.0">` +
		`<saml2:Issuer>${xmlText(input.clientId)}</saml2:Issuer>` +
		`<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${xmlText(input.userId)}</saml2:NameID>` +
		`<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData NotOnOrAfter="${notAfter}" Recipient="${xmlText(input.tokenUrl)}"/></saml2:SubjectConfirmation></saml2:Subject>` +
		`<saml2:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notAfter}"><saml2:AudienceRestriction><saml2:Audience>${SF_AUDIENCE}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>` +
		`<saml2:AuthnStatement AuthnInstant="${now}" SessionIndex="${id}"><saml2:AuthnContext><saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>` +
		`<saml2:AttributeStatement><saml2:Attribute Name="api_key"><saml2:AttributeValue xsi:type="xs:string">${xmlText(input.clientId)}</saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement>` +
		`</saml2:Assertion>`;
	const signer = new SignedXml({
		privateKey: input.privateKey.export({ format: 'pem', type: 'pkcs8' }),
		publicCert: input.certificatePem ?? undefined,
		signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
		canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
	});
	signer.addReference({
		xpath: "/*[local-name(.)='Assertion']",
		transforms: [
			'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
			'http://www.w3.org/2001/10/xml-exc-c14n#',
		],
		digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
	});
	// SAML schema order: the Signature follows the Issuer
	signer.computeSignature(xml, {
		prefix: 'ds',
		location: {
			reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
			action: 'after',
		},
	});
	return signer.getSignedXml();
}

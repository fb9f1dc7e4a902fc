// n8n's REST API as the editor uses it: the instance owner, signing in, public-API keys.
'use strict';
const { N8nSetupError } = require('./runtime');

/** Sets up the instance owner through n8n's REST API (first start only); returns the session cookie. */
async function setupOwner(baseUrl, owner) {
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (res.status !== 200)
		throw new N8nSetupError(`owner setup failed: HTTP ${res.status} ${await res.text()}`);
	return cookieOf(res);
}

async function login(baseUrl, email, password) {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (res.status !== 200)
		throw new N8nSetupError(`login as ${email} failed: HTTP ${res.status} ${await res.text()}`);
	return cookieOf(res);
}

function cookieOf(res) {
	const cookies = res.headers.getSetCookie
		? res.headers.getSetCookie()
		: [res.headers.get('set-cookie')];
	return cookies
		.filter(Boolean)
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Creates a public-API key (all scopes the owner may have) with the session cookie; returns the raw key. */
async function createApiKey(baseUrl, cookie, label) {
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers: { cookie } });
	if (scopesRes.status !== 200)
		throw new N8nSetupError(`reading API key scopes failed: HTTP ${scopesRes.status}`);
	const scopes = (await scopesRes.json()).data;
	const res = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ label, scopes, expiresAt: null }),
	});
	if (res.status !== 200)
		throw new N8nSetupError(`creating an API key failed: HTTP ${res.status} ${await res.text()}`);
	return (await res.json()).data.rawApiKey;
}

module.exports = { setupOwner, login, createApiKey };

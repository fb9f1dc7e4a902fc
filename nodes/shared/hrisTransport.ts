import type { IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { HttpRequest, HttpResponse, HttpTransport } from '../../core';

/**
 * The core's HttpTransport over n8n's this.helpers.httpRequest: full response, no throwing on
 * 4xx/5xx (the core decides about retries), arrays in the query repeated (employees[]=1&employees[]=2).
 * n8n's `timeout` never fires while a server trickles its body, so the core's deadline signal goes in as
 * `abortSignal` (n8n hands it to axios, which stops reading); the core abandons the attempt regardless.
 * `tls` carries a credential's TLS settings (SAP HCM: self-signed certificates, own CA).
 */
export function n8nTransport(
	helpers: IExecuteFunctions['helpers'],
	tls: Pick<IHttpRequestOptions, 'skipSslCertificateValidation' | 'agentOptions'> = {},
): HttpTransport {
	return async (request: HttpRequest): Promise<HttpResponse> => {
		const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
		const options: IHttpRequestOptions = {
			method: request.method as IHttpRequestMethods,
			url: request.url,
			headers,
			qs: request.qs as IHttpRequestOptions['qs'],
			arrayFormat: 'repeat',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs ?? 60_000,
			abortSignal: request.signal,
			...tls,
		};
		if (request.body instanceof URLSearchParams) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			options.body = request.body.toString();
		} else if (request.body !== undefined) {
			options.body = request.body as IHttpRequestOptions['body'];
			options.json = true;
		}
		const res = (await helpers.httpRequest(options)) as {
			statusCode: number;
			headers: Record<string, unknown>;
			body: unknown;
		};
		let body = res.body;
		if (typeof body === 'string' && /^\s*[[{]/.test(body)) {
			try {
				body = JSON.parse(body);
			} catch {
				// not JSON after all: keep the text for the error message
			}
		}
		const out: Record<string, string | string[] | undefined> = {};
		for (const [name, value] of Object.entries(res.headers ?? {}))
			out[name.toLowerCase()] = Array.isArray(value)
				? value.map(String)
				: value === undefined
					? undefined
					: String(value);
		return { status: res.statusCode, headers: out, body };
	};
}

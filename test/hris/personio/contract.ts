// Holds the local Personio v1 server to Personio's own OpenAPI description (personio/api-docs @2f3707f,
// copied into test/fixtures/hris/personio-openapi/): every request and every response is validated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Request as OaRequest } from 'openapi-backend';
import YAML from 'yaml';

const DIR = join(__dirname, '../../fixtures/hris/personio-openapi');

function load(file: string): Record<string, any> {
	// the vendor file repeats a key (`required: false` twice on time-offs start_date): tolerate it
	const doc = YAML.parse(readFileSync(join(DIR, file), 'utf8'), { uniqueKeys: false });
	// the validator indexes operations by operationId, which Personio's file omits: name them "get /path"
	for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
		for (const method of ['get', 'post', 'patch', 'put', 'delete'])
			if (item[method] && !item[method].operationId) item[method].operationId = `${method} ${path}`;
	}
	// Known defect in the vendor file: every list response is allOf[Response, {data: array}] while
	// Response says data is an object, so no list could ever pass. Keep `data` required, drop its type.
	const base = doc.components?.schemas?.Response?.properties?.data;
	if (base) delete base.type;
	return doc;
}

export interface ContractViolation {
	direction: 'request' | 'response';
	operation: string;
	errors: string[];
}

export class PersonioV1Contract {
	private readonly apis: OpenAPIBackend[] = [];
	readonly violations: ContractViolation[] = [];

	async init(): Promise<void> {
		const quiet = console.warn;
		for (const file of ['personio-personnel-data-api-oa3.yaml', 'personio-auth-api.yaml']) {
			// quick: the vendor file also fails the meta-schema ($ref with siblings), which would skip dereferencing
			const api = new OpenAPIBackend({
				definition: load(file) as any,
				quick: true,
				strict: false,
				validate: true,
				ajvOpts: { strict: false, allErrors: true, logger: false },
				customizeAjv: (ajv) => {
					addFormats(ajv as any);
					return ajv;
				},
			});
			console.warn = () => undefined;
			try {
				await api.init();
			} finally {
				console.warn = quiet;
			}
			this.apis.push(api);
		}
	}

	/** Validates a request (path relative to /v1). Returns the operation id, or null if the spec has no such operation. */
	checkRequest(req: OaRequest): string | null {
		for (const api of this.apis) {
			const op = api.matchOperation(req);
			if (!op) continue;
			const result = api.validateRequest(req, op);
			if (result.errors?.length)
				this.violations.push({
					direction: 'request',
					operation: op.operationId!,
					errors: result.errors.map((e) => `${e.instancePath} ${e.message}`),
				});
			return op.operationId!;
		}
		this.violations.push({
			direction: 'request',
			operation: `${req.method} ${req.path}`,
			errors: ['no such operation in Personio’s API description'],
		});
		return null;
	}

	checkResponse(operationId: string, status: number, body: unknown): void {
		for (const api of this.apis) {
			const op = api.getOperation(operationId);
			if (!op) continue;
			const result = api.validateResponse(body, op, status);
			if (result.errors?.length)
				this.violations.push({
					direction: 'response',
					operation: operationId,
					errors: result.errors.map((e) => `${e.instancePath} ${e.message}`),
				});
			return;
		}
	}
}

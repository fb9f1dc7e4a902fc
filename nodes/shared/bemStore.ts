// The BEM store behind the `bemStore` credential, shared by the BEM nodes: the credential's fields turned
// into a store config (checked with zod), one open store per config per process (opening migrates the
// schema once; PostgreSQL keeps one pool), the credential test, and the workflow/execution context every
// store call carries into the audit and access logs.
import { createHash } from 'crypto';
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
} from 'n8n-workflow';
import { z } from 'zod';

import { isGermanState } from '../../core/calendar/holidays';
import {
	BemStoreError,
	MIN_CELL_FLOOR,
	MIN_PERSONS,
	openBemStore,
	resolveSqlitePath,
	workPatternCacheAs,
	auPeriodCacheAs,
	type BemStore,
	type BemStoreConfig,
	type CallContext,
	type PostgresStoreConfig,
} from '../../core/store';
import { issueMessage } from '../../core/privacy/issueMessage';
import { DEFAULT_PRINCIPAL } from '../../core/store/roles';

export const BEM_STORE_CREDENTIAL = 'bemStore';

/** A credential that cannot become a store config; the message names the credential field. */
export class BemStoreCredentialError extends Error {
	constructor(
		message: string,
		public readonly field: string,
	) {
		super(message);
		this.name = 'BemStoreCredentialError';
	}
}

const credentialSchema = z.object({
	principal: z
		.string()
		.trim()
		.min(1, 'must not be empty')
		.max(200, 'must be at most 200 characters')
		.default(DEFAULT_PRINCIPAL),
	backend: z
		.enum(['sqlite', 'postgres'], {
			errorMap: () => ({ message: "must be 'sqlite' or 'postgres'" }),
		})
		.default('sqlite'),
	sqlitePath: z.string().trim().default(''),
	connectionString: z.string().trim().default(''),
	sslMode: z.enum(['disable', 'require', 'verify']).default('disable'),
	sslCa: z.string().default(''),
	sslCert: z.string().default(''),
	sslKey: z.string().default(''),
	poolSize: z.coerce
		.number()
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.max(100, 'must be at most 100')
		.default(10),
	encryptionKey: z
		.string({ required_error: 'is required' })
		.min(16, 'must be at least 16 characters'),
	state: z
		.string()
		.trim()
		.default('DE')
		.refine((s) => isGermanState(s), {
			message: 'is not a German state code such as DE, BY or NW',
		}),
	postalDays: z.coerce
		.number()
		.int('must be a whole number')
		.min(0, 'must be at least 0')
		.max(30, 'must be at most 30')
		.optional(),
	retentionYears: z.coerce
		.number()
		.int('must be a whole number')
		.min(1, 'must be at least 1')
		.max(30, 'must be at most 30')
		.default(3),
	reviewMonths: z
		.string()
		.trim()
		.default('3,6')
		.refine((s) => s === '' || /^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/.test(s), {
			message: 'must be months like "3,6"',
		}),
	minCell: z.coerce
		.number()
		.int('must be a whole number')
		.min(MIN_CELL_FLOOR, `must be at least ${MIN_CELL_FLOOR}`)
		.max(1000, 'must be at most 1000')
		.default(MIN_PERSONS),
	measureCatalogueFile: z.string().trim().max(4096, 'must be at most 4096 characters').default(''),
});

const emptyToUndefined = (data: IDataObject) =>
	Object.fromEntries(
		Object.entries(data).filter(([, v]) => v !== '' && v !== null && v !== undefined),
	);

export interface BemStoreSettings {
	config: BemStoreConfig;
	/** who the credential acts as: every store call's actor (the store's roles decide what it may do) */
	principal: string;
	retentionYears: number;
	encryptionKey: string;
}

/** The credential's fields → store config plus the settings the nodes read (retention, key). */
export function storeSettingsFromCredential(
	data: ICredentialDataDecryptedObject | IDataObject,
): BemStoreSettings {
	const parsed = credentialSchema.safeParse(emptyToUndefined(data as IDataObject));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.join('.') || 'credential';
		throw new BemStoreCredentialError(
			`BEM Store credential: ${field} ${issueMessage(issue)}`,
			field,
		);
	}
	const c = parsed.data;
	const reviewMonths =
		c.reviewMonths === '' ? undefined : c.reviewMonths.split(',').map((m) => Number(m.trim()));
	if (reviewMonths?.some((m) => m < 1))
		throw new BemStoreCredentialError(
			'BEM Store credential: reviewMonths must be months of at least 1',
			'reviewMonths',
		);
	const common = {
		encryptionKey: c.encryptionKey,
		state: c.state as BemStoreConfig['state'],
		// absent: the store's default (3 working days)
		...(c.postalDays !== undefined ? { postalDays: c.postalDays } : {}),
		...(reviewMonths ? { reviewMonths } : {}),
		minCell: c.minCell,
		// the works agreement's catalogue file, resolved like the SQLite file (inside n8n's user folder)
		...(c.measureCatalogueFile
			? { measureCatalogue: resolveSqlitePath(c.measureCatalogueFile) }
			: {}),
	};
	let config: BemStoreConfig;
	if (c.backend === 'sqlite') {
		config = { kind: 'sqlite', path: resolveSqlitePath(c.sqlitePath), ...common };
	} else {
		if (!c.connectionString)
			throw new BemStoreCredentialError(
				'BEM Store credential: connectionString is required for PostgreSQL',
				'connectionString',
			);
		let ssl: PostgresStoreConfig['ssl'] = false;
		if (c.sslMode !== 'disable') {
			ssl = { rejectUnauthorized: c.sslMode === 'verify' };
			if (c.sslCa) ssl.ca = c.sslCa;
			if (c.sslCert) ssl.cert = c.sslCert;
			if (c.sslKey) ssl.key = c.sslKey;
		}
		config = {
			kind: 'postgres',
			connectionString: c.connectionString,
			ssl,
			poolSize: c.poolSize,
			...common,
		};
	}
	return {
		config,
		principal: c.principal,
		retentionYears: c.retentionYears,
		encryptionKey: c.encryptionKey,
	};
}

/** The credential's fields → the config `openBemStore` takes. */
export function storeConfigFromCredential(
	data: ICredentialDataDecryptedObject | IDataObject,
): BemStoreConfig {
	return storeSettingsFromCredential(data).config;
}

// One store per config per process: opening migrates once, PostgreSQL keeps one pool. Keyed by a hash
// of the config, so the map holds no connection string or key as a key.
const stores = new Map<string, Promise<BemStore>>();

function keyOf(config: BemStoreConfig): string {
	return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

export function openCachedStore(config: BemStoreConfig): Promise<BemStore> {
	const key = keyOf(config);
	let store = stores.get(key);
	if (!store) {
		store = openBemStore(config);
		stores.set(key, store);
		// a failed open is not cached: the next run tries again (database down, wrong path fixed)
		store.catch(() => {
			if (stores.get(key) === store) stores.delete(key);
		});
	}
	return store;
}

type StoreContext = Pick<IExecuteFunctions, 'getCredentials'>;

export interface BemStoreHandle extends BemStoreSettings {
	store: BemStore;
}

/** The store of the node's `bemStore` credential, opened once per process. */
export async function getBemStore(ctx: StoreContext, itemIndex?: number): Promise<BemStoreHandle> {
	const settings = storeSettingsFromCredential(
		await ctx.getCredentials(BEM_STORE_CREDENTIAL, itemIndex),
	);
	return { ...settings, store: await openCachedStore(settings.config) };
}

export async function withBemStore<T>(
	ctx: StoreContext,
	fn: (handle: BemStoreHandle) => Promise<T>,
	itemIndex?: number,
): Promise<T> {
	return fn(await getBemStore(ctx, itemIndex));
}

/** Closes every cached store (tests, shutdown). */
export async function closeBemStores(): Promise<void> {
	const all = [...stores.values()];
	stores.clear();
	await Promise.all(all.map((s) => s.then((store) => store.close()).catch(() => undefined)));
}

/** The workflow and execution a store call comes from, for the audit and access logs. */
export function callContext(
	ctx: Pick<IExecuteFunctions, 'getWorkflow' | 'getExecutionId'>,
): CallContext {
	const context: CallContext = {};
	const workflowId = ctx.getWorkflow()?.id;
	if (workflowId !== undefined && workflowId !== null && String(workflowId) !== '')
		context.workflowId = String(workflowId).slice(0, 200);
	const executionId = ctx.getExecutionId?.();
	if (executionId) context.executionId = String(executionId).slice(0, 200);
	return context;
}

/** Credential test (the nodes' `bemStoreApiTest`): opens the store, migrating its schema, and closes it again. */
export async function testBemStoreCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	let config: BemStoreConfig;
	try {
		config = storeConfigFromCredential(credential.data ?? {});
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	try {
		const store = await openBemStore(config);
		await store.close();
		return {
			status: 'OK',
			message: `Connection successful: the BEM file is ready (${config.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
		};
	} catch (error) {
		const message =
			error instanceof BemStoreError
				? error.message
				: `The BEM store could not be opened: ${(error as Error).message}`;
		return { status: 'Error', message: redact(message, config) };
	}
}

/** Keeps the connection string and key out of error messages. */
function redact(message: string, config: BemStoreConfig): string {
	let out = message.split(config.encryptionKey).join('***');
	if (config.kind === 'postgres') out = out.split(config.connectionString).join('***');
	return out;
}

export const BEM_STORE_TEST = 'bemStoreApiTest';

/** A BEM node's `methods`: the credential test its `testedBy: 'bemStoreApiTest'` names (the community lint wants that literal in each node). */
export const bemStoreMethods = { credentialTest: { [BEM_STORE_TEST]: testBemStoreCredential } };

/** The node's store, or a NodeOperationError that says what to check in the credential. */
export async function getBemStoreOrFail(
	ctx: Pick<IExecuteFunctions, 'getCredentials' | 'getNode'>,
): Promise<BemStoreHandle> {
	return getBemStore(ctx).catch((error: unknown) => {
		const message =
			error instanceof BemStoreCredentialError
				? error.message
				: `The BEM store could not be opened: ${(error as Error).message}`;
		return Promise.reject(
			new NodeOperationError(ctx.getNode(), message, {
				description:
					'Check the BEM Store credential (backend, path or connection, encryption key).',
			}),
		);
	});
}

/** The store's work-pattern cache for the HRIS readers, acting as the credential's principal. */
export const workPatternCacheOf = (
	ctx: Pick<IExecuteFunctions, 'getWorkflow' | 'getExecutionId'>,
	handle: BemStoreHandle,
) =>
	workPatternCacheAs(handle.store, {
		actor: handle.principal,
		purpose: 'HRIS work-pattern cache',
		context: callContext(ctx),
	});

/** The store's AU period cache (the incremental absence mode), acting as the credential's principal. */
export const auPeriodCacheOf = (
	ctx: Pick<IExecuteFunctions, 'getWorkflow' | 'getExecutionId'>,
	handle: BemStoreHandle,
) =>
	auPeriodCacheAs(handle.store, {
		actor: handle.principal,
		purpose: 'HRIS AU period cache (incremental absence mode)',
		context: callContext(ctx),
	});

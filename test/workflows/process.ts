// Shared setup of the process-workflow tests (detect, invitation cycle, reply, sweep): a real SQLite
// BEM file, the local Personio server, the SMTP catcher, a business clock (only Date is faked, so
// sockets and timers run for real) and a recorder for Execute Workflow calls.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { BemCase, BemStore } from '../../core/store';
import { grantTestActor } from '../store/backends';
import { bemStoreCredentials, WORKFLOW_ROLES } from '../harness/credentials';
import {
	closeBemStores,
	openCachedStore,
	storeConfigFromCredential,
} from '../../nodes/shared/bemStore';
import { runWorkflow, resumeWorkflow, type RunResult, type WorkflowJson } from '../harness/run';
import { startSmtpCatcher, type SmtpCatcher } from '../harness/smtp';
import { absence, employee, TYPES, type MockTenant } from '../hris/personio/data';
import { CLIENT_ID, CLIENT_SECRET, PersonioServer } from '../hris/personio/server';
import { buildWorkflow, SHIPPED_WORKFLOWS } from './load';

export const ENCRYPTION_KEY = 'test-only-bem-store-key-0123456789';

/** 3001 and 3003 reach the threshold (3003 has no e-mail: letters go to HR for posting); 3002 is close; 3004 is far below. */
export function processTenant(): MockTenant {
	return {
		types: TYPES,
		employees: [employee(3001), employee(3002), employee(3003, { email: '' }), employee(3004)],
		absences: [
			absence(3001, 2345, '2026-01-05', '2026-03-06'),
			absence(3002, 2345, '2026-04-13', '2026-05-15'),
			absence(3003, 2345, '2026-02-02', '2026-03-27'),
			absence(3004, 2345, '2026-05-04', '2026-05-06'),
		],
	};
}

export interface ExecuteCall {
	workflowId: string;
	items: INodeExecutionData[];
	waitForSubWorkflow: boolean;
}

export interface SubRun {
	file: string;
	result: RunResult;
}

export interface ProcessEnv {
	dir: string;
	smtp: SmtpCatcher;
	personio: PersonioServer;
	store: BemStore;
	credentials: Record<string, IDataObject>;
	calls: ExecuteCall[];
	/** the sub-workflows run to the end for a caller that waits for them, in call order */
	subRuns: SubRun[];
	/** sets the business date (Europe/Berlin, 10:00) */
	setToday(day: string): void;
	run(
		file: string,
		options?: {
			items?: IDataObject[];
			startNode?: string;
			executionId?: string;
			n8nBaseUrl?: string;
		},
	): Promise<RunResult>;
	resume(file: string, previous: RunResult, options?: { executionId?: string }): Promise<RunResult>;
	close(): Promise<void>;
}

/** `workflows`: the folder the runs and their sub-workflows are read from (default: the shipped ones). */
export async function startProcessEnv(
	tenant: MockTenant = processTenant(),
	workflows = SHIPPED_WORKFLOWS,
): Promise<ProcessEnv> {
	jest.useFakeTimers({
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-process-'));
	const smtp = await startSmtpCatcher();
	const personio = await new PersonioServer(tenant).start();
	const bemStore = {
		backend: 'sqlite',
		sqlitePath: path.join(dir, 'bem.sqlite'),
		encryptionKey: ENCRYPTION_KEY,
		state: 'DE',
		retentionYears: 3,
		reviewMonths: '3,6',
	};
	const store = await openCachedStore(storeConfigFromCredential(bemStore));
	await grantTestActor(store);
	// the principals the workflows' two credentials act as (scripts/workflows/common.js)
	for (const [principal, [role]] of Object.entries(WORKFLOW_ROLES))
		await store.grantRole({ principal, role, by: 'test', on: '2026-01-01' });
	const credentials = {
		...bemStoreCredentials(bemStore),
		smtp: smtp.credentials,
		personioApi: {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			apiVersion: 'v1',
			baseUrl: personio.url,
			appId: '',
			partnerId: '',
		},
	};
	const calls: ExecuteCall[] = [];
	const subRuns: SubRun[] = [];
	const cache = new Map<string, WorkflowJson>();
	const wf = (file: string) => {
		if (!cache.has(file)) cache.set(file, buildWorkflow(file, workflows));
		return cache.get(file) as WorkflowJson;
	};
	// n8n-core calls additionalData.executeWorkflow(workflowInfo, additionalData, { inputData, doNotWaitToFinish, … }).
	// Not waited for (Detect → cycle): recorded only. Waited for (→ 2a): run to the end, as n8n does, and
	// hand back the last node's output; a failed sub-workflow fails the calling node.
	const executeWorkflow = async (
		info: { id?: string },
		_additionalData: unknown,
		options: { inputData?: INodeExecutionData[]; doNotWaitToFinish?: boolean },
	) => {
		const call = {
			workflowId: String(info.id),
			items: options.inputData ?? [],
			waitForSubWorkflow: !options.doNotWaitToFinish,
		};
		calls.push(call);
		const executionId = `sub-${calls.length}`;
		if (!call.waitForSubWorkflow) return { data: [[]], executionId };
		const file = fs
			.readdirSync(workflows)
			.find((f) => f.endsWith('.json') && wf(f).id === call.workflowId);
		if (!file) throw new Error(`no shipped workflow with id ${call.workflowId}`);
		const result = await runWorkflow(wf(file), {
			credentials,
			executeWorkflow: executeWorkflow as never,
			executionId,
			items: call.items.map((item) => ({ json: item.json })),
		});
		subRuns.push({ file, result });
		const error = runError(result);
		if (error) throw new Error(`sub-workflow ${file} failed: ${error}`);
		const last = result.run.data.resultData.lastNodeExecuted;
		const runs = last ? result.run.data.resultData.runData[last] : undefined;
		return { data: runs?.[runs.length - 1].data?.main ?? [[]], executionId };
	};
	return {
		dir,
		smtp,
		personio,
		store,
		credentials,
		calls,
		subRuns,
		setToday(day) {
			jest.setSystemTime(new Date(`${day}T10:00:00+02:00`));
		},
		run(file, options = {}) {
			return runWorkflow(wf(file), {
				credentials,
				executeWorkflow: executeWorkflow as never,
				startNode: options.startNode,
				executionId: options.executionId,
				n8nBaseUrl: options.n8nBaseUrl,
				items: options.items?.map((json) => ({ json })),
			});
		},
		resume(file, previous, options = {}) {
			return resumeWorkflow(wf(file), previous, undefined, {
				credentials,
				executeWorkflow: executeWorkflow as never,
				executionId: options.executionId,
			});
		},
		async close() {
			await closeBemStores();
			await smtp.close();
			await personio.stop();
			fs.rmSync(dir, { recursive: true, force: true });
			jest.useRealTimers();
		},
	};
}

/**
 * A case invited with its first letter on 2026-06-01, recorded as 2a does (with the waiting cycle's
 * resume link, if any). Returns the case after the letter (its version is the letter's seq).
 */
export async function caseWithFirstLetter(
	store: BemStore,
	employeeId: string,
	resumeUrl?: string,
): Promise<BemCase> {
	const { case: c } = await store.openCase({
		employeeId,
		reachedOn: '2026-05-20',
		reason: 'continuous',
		on: '2026-06-01',
		actor: 'test',
	});
	return store.recordEvent(c.id, {
		type: 'invitation_sent',
		on: '2026-06-01',
		actor: 'test',
		data: { letter: 'first', ...(resumeUrl ? { resumeUrl } : {}) },
	});
}

/** The run's error, if any, as text (for readable failures). */
export function runError(result: RunResult): string | undefined {
	const error = result.run.data.resultData.error;
	return error
		? `${error.message} (${(error as { node?: { name: string } }).node?.name ?? '?'}): ${(error as { description?: string }).description ?? ''}`
		: undefined;
}

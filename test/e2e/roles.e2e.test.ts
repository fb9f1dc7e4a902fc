// Issue 14: roles in a real n8n. The HR form "Consent & First Talk" (BEM · 5 Case Steps) submitted as a
// logged-in browser does, once by a copy of the workflow whose BEM Store credential names a principal
// without a role: the run ends in error naming the access denial, the case is unchanged and the store's
// access log holds the refusal. The shipped workflow (credential "BEM Store (BEM officer)") records the
// same step on the same case: the control that the refusal is the role's, not a broken form or store.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import { IDS, SHIPPED, addDays, demo, hrisDemo, submitForm, withDemoStore } from './demo';
import { seedAcceptedCase, startWithForms } from './hrForms';
import { createN8n, type N8n } from './n8n';

const { CREDENTIALS } = require('../../scripts/workflows/common') as {
	CREDENTIALS: Record<string, Record<string, { id: string; name: string }>>;
};
const OFFICER_CREDENTIAL = CREDENTIALS.bemStoreOfficer.bemStore;
const NO_ROLE = { id: 'bemStoreNoRole01', name: 'BEM Store (no role)', principal: 'e2e-no-role' };
const NO_ROLE_WORKFLOW = 'bemCaseStepsNoRl';
const FORM_TITLE = 'BEM: written consent and first talk';
const today = hrisDemo.berlinToday();
const asTest = { actor: 'e2e-test', purpose: 'e2e test assertions' };

describe('roles in a real n8n: an HR form run by a principal without the role', () => {
	let n8n: N8n;
	let storeFile: string;
	let storeKey: string;
	let cookie: string;
	let caseId: string;
	const withStore = <T>(fn: (store: BemStore) => Promise<T>) =>
		withDemoStore({ storeFile, storeKey }, fn);
	const caseNow = () =>
		withStore(async (s) => {
			const c = await s.getCase(caseId, asTest);
			return { state: c?.state, version: c?.version };
		});
	const firstTalk = (prefix: string) =>
		submitForm(`${n8n.baseUrl}/form/${prefix}bem-first-talk`, {
			title: FORM_TITLE,
			// case id, consent date, participants ticked (the form's script sends a checkbox as a JSON list), talk
			// date, the talk's checklist, its participants, agreed measures, next meeting, note
			fields: [
				caseId,
				today,
				JSON.stringify(['Betriebsrat']),
				today,
				JSON.stringify(['Datenschutz erklärt']),
				JSON.stringify(['Betriebsrat']),
				'',
				'',
				'',
			],
			cookie,
		});

	beforeAll(async () => {
		n8n = await createN8n({ server: false });
		storeFile = path.join(n8n.userFolder, 'bem-store.sqlite');
		storeKey = crypto.randomBytes(24).toString('base64url');
		// a case that accepted the BEM, opened as an officer (the demo's roles are granted at this open)
		caseId = await withStore((s) =>
			seedAcceptedCase(s, today, {
				employeeId: '3001',
				reason: 'cumulative',
				reachedAgo: 10,
				openedAgo: 9,
				acceptedAgo: 2,
			}),
		);

		// the demo's BEM Store credentials and a third on the same store whose principal holds no role
		const stores = (
			demo.demoCredentials({
				hrisUrl: 'http://127.0.0.1:9',
				smtpPort: 25,
				storeFile,
				storeKey,
			}) as Array<{
				type: string;
				id: string;
				data: Record<string, unknown>;
			}>
		).filter((c) => c.type === 'bemStore');
		const officer = stores.find((c) => c.id === OFFICER_CREDENTIAL.id)!;
		const noRole = {
			type: 'bemStore',
			id: NO_ROLE.id,
			name: NO_ROLE.name,
			data: { ...officer.data, principal: NO_ROLE.principal },
		};
		demo.importCredentials(
			n8n.runtime,
			{ ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()) },
			[...stores, noRole],
		);

		// the shipped Case Steps, and a copy on the no-role credential: its own id, form paths and webhook ids;
		// it keeps its failed runs (the shipped one drops them) so the refusal can be read from n8n's records
		const shippedFile = path.join(SHIPPED, 'bem-5-case-steps.json');
		const text = fs.readFileSync(shippedFile, 'utf8');
		const copy = JSON.parse(text.split(OFFICER_CREDENTIAL.id).join(NO_ROLE.id)) as {
			id: string;
			name: string;
			versionId?: string;
			nodes: Array<{
				id: string;
				type: string;
				webhookId?: string;
				parameters: { options?: { path?: string } };
			}>;
			settings: Record<string, unknown>;
		};
		expect(copy.id).toBe(IDS.caseSteps);
		copy.id = NO_ROLE_WORKFLOW;
		// its own version too: n8n publishes the workflow_history row of that versionId
		copy.versionId = crypto.randomUUID();
		copy.name = `${copy.name} (no role)`;
		for (const node of copy.nodes) node.id = crypto.randomUUID();
		for (const node of copy.nodes.filter((n) => n.type === 'n8n-nodes-base.formTrigger')) {
			node.webhookId = crypto.randomUUID();
			node.parameters.options!.path = `norole-${node.parameters.options!.path}`;
		}
		delete copy.settings.errorWorkflow;
		copy.settings.saveDataErrorExecution = 'all';
		const copyFile = path.join(n8n.userFolder, 'case-steps-no-role.json');
		fs.writeFileSync(copyFile, JSON.stringify(copy));
		await n8n.importWorkflow(shippedFile);
		await n8n.importWorkflow(copyFile);

		cookie = await startWithForms(n8n, {
			owner: 'Roles',
			publish: [IDS.caseSteps, NO_ROLE_WORKFLOW],
			formPaths: ['bem-first-talk', 'norole-bem-first-talk'],
		});
	}, 1800000);

	afterAll(async () => {
		await n8n?.dispose();
	});

	it('the form run with the no-role credential ends in error naming the denial; the case is unchanged; the refusal is logged', async () => {
		const before = await caseNow();
		expect(before.state).toBe('accepted');
		// only the submit's run counts: a GET that failed while n8n was starting is an execution too
		const earlier = new Set(n8n.executions(NO_ROLE_WORKFLOW).map((e) => e.id));
		const posted = await firstTalk('norole-');
		// the form answers when the run ends: a refused step is n8n's "Problem submitting response"
		expect(posted.status).toBe(500);
		const run = await lib.poll('the no-role form run to end', () =>
			n8n.executions(NO_ROLE_WORKFLOW).find((e) => !earlier.has(e.id) && lib.executionEnded(e)),
		);
		expect(run.status).toBe('error');
		const raw = n8n.executionData(run.id)?.raw ?? '';
		expect(raw).toContain('Access denied');
		expect(raw).toContain('needs one of the roles bem_officer, deputy');
		expect(await caseNow()).toEqual(before);
		const log = await withStore((s) => s.accessLog(caseId, asTest));
		expect(
			log
				.filter((e) => e.actor === NO_ROLE.principal)
				.map((e) => ({ caseId: e.caseId, outcome: e.outcome })),
		).toEqual([{ caseId, outcome: 'denied' }]);
	});

	it('the same form with the BEM officer credential records the step (the control)', async () => {
		const before = await caseNow();
		const posted = await firstTalk('');
		expect(posted.status).toBe(200);
		const after = await lib.poll('the officer form run to record the first talk', async () => {
			const c = await caseNow();
			return c.state === 'in_progress' ? c : undefined;
		});
		expect(after.version).toBeGreaterThan(before.version!);
		// the form answered when the run ended (HR's page is the form's static text): nothing waits
		expect(n8n.executions(IDS.caseSteps).filter((e) => e.status === 'waiting')).toEqual([]);
		expect(
			(await withStore((s) => s.auditTrail(caseId, asTest))).find(
				(e) => e.type === 'first_talk_held',
			)?.data,
		).toMatchObject({
			privacyExplained: true,
			goalsExplained: false,
			participants: ['works_council'],
		});
		const log = await withStore((s) => s.accessLog(caseId, asTest));
		expect(log.filter((e) => e.outcome === 'denied').map((e) => e.actor)).toEqual([
			NO_ROLE.principal,
		]);
	});
});

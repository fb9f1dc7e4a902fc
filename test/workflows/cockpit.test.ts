// 8 · BEM cockpit through n8n-core: the officer's webhook answers with the page (cases, links into the
// forms, English on ?lang=en) as text/html, uncached; the HR admin's with counts and KPIs only; a BEM
// Store credential whose principal holds no cockpit role gets the 403 page and its refusal is logged.
import { buildWorkflow } from './load';
import { bemWorld, type BemWorld } from './bemRun';
import { runWorkflow, type RunResult } from '../harness/run';
import { TEST_READER } from '../store/backends';

const wf = buildWorkflow('bem-8-cockpit.json');
const OFFICER_PAGE = 'Cockpit Page (BEM Officer Login)';
const ADMIN_PAGE = 'Cockpit Page (HR Admin Login)';
const ADMIN_CREDENTIAL = 'bemStoreHrAdmin1';
const request = (query: Record<string, string> = {}) => [
	{ json: { headers: { host: 'localhost:5678' }, params: {}, query, body: {} } },
];

describe('BEM · 8 Cockpit', () => {
	let world: BemWorld;
	let caseId: string;
	const run = (startNode: string, query?: Record<string, string>, principal = 'hr_admin') =>
		runWorkflow(wf, {
			startNode,
			items: request(query),
			credentials: {
				...world.credentials,
				[ADMIN_CREDENTIAL]: { ...world.credentials.bemStore, principal },
			},
		});
	const answer = (r: RunResult) => {
		expect(r.run.data.resultData.error).toBeUndefined();
		expect(r.responses).toHaveLength(1);
		return r.responses[0] as { body: string; headers: Record<string, string>; statusCode: number };
	};

	beforeAll(async () => {
		world = await bemWorld();
		await world.store.grantRole({
			principal: 'hr_admin',
			role: 'hr_admin',
			by: 'test',
			on: '2026-01-01',
		});
		const { case: c } = await world.store.openCase({
			employeeId: 'E-8001',
			reachedOn: '2026-05-01',
			reason: 'cumulative',
			on: '2026-05-02',
			actor: 'test',
		});
		caseId = c.id;
		for (const [type, data] of [
			['invitation_sent'],
			['reply_accepted'],
			['consent_given', { scopes: ['bem', 'data_processing'], participants: [] }],
		] as const)
			await world.store.recordEvent(caseId, { type, on: '2026-05-04', actor: 'test', data });
	});
	afterAll(() => world.close());

	it("the officer's address answers with the page: the case, its next step into the HR form, as uncached HTML", async () => {
		const res = answer(await run(OFFICER_PAGE));
		expect(res.statusCode).toBe(200);
		expect(res.headers).toMatchObject({
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
		});
		expect(res.body).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
		expect(res.body).toContain('Angemeldet als <strong>bem_officer</strong>');
		expect(res.body).toContain('E-8001');
		// this n8n's own forms (the base URL of its resume links), with the case filled in
		expect(res.body).toContain(
			`<a href="http://localhost:5678/form/bem-first-talk?caseId=${caseId}">Einwilligung &amp; Erstgespräch erfassen</a>`,
		);
		expect(res.body).toContain('Kennzahlen je Quartal');
		// every read as the officer's credential, logged with this workflow
		const log = await world.store.accessLog(null, TEST_READER);
		expect(log.filter((l) => l.actor === 'bem_officer' && l.action === 'cockpit')).toEqual([
			expect.objectContaining({ outcome: 'allowed', workflowId: wf.id, purpose: 'BEM cockpit' }),
		]);
	});

	it('?lang=en gives the English page', async () => {
		const res = answer(await run(OFFICER_PAGE, { lang: 'en' }));
		expect(res.body).toContain('<html lang="en">');
		expect(res.body).toContain('Record consent &amp; first talk');
	});

	it("the HR admin's address shows counts and KPIs only; the node's item carries them without names", async () => {
		const r = await run(ADMIN_PAGE);
		const res = answer(r);
		expect(res.statusCode).toBe(200);
		expect(res.body).toContain('Sicht: nur Kennzahlen');
		expect(res.body).not.toContain('E-8001');
		expect(res.body).not.toContain(caseId);
		const [item] = r.output('Cockpit as HR Admin');
		expect(item.model).toMatchObject({
			scope: { cases: false, figures: true },
			cases: null,
			openTotal: 1,
		});
		expect(JSON.stringify(item.model)).not.toMatch(new RegExp(`E-8001|${caseId}`));
		// a figures-only view never asks for the measure plan (nor is logged as refused it)
		const log = await world.store.accessLog(null, TEST_READER);
		expect(
			log.filter((l) => l.actor === 'hr_admin' && ['findMeasures', 'owners'].includes(l.action)),
		).toEqual([]);
	});

	it('a credential whose principal holds no cockpit role gets the 403 page; the refusal is logged', async () => {
		const res = answer(await run(ADMIN_PAGE, {}, 'process'));
		expect(res.statusCode).toBe(403);
		expect(res.body).toContain('Kein Zugriff auf das BEM-Cockpit');
		expect(res.body).not.toContain('E-8001');
		const log = await world.store.accessLog(null, TEST_READER);
		expect(log.filter((l) => l.actor === 'process' && l.action === 'cockpit')).toEqual([
			expect.objectContaining({ outcome: 'denied' }),
		]);
		// refused before anything else is read: not the measure plan either
		expect(log.filter((l) => l.actor === 'process' && l.action === 'findMeasures')).toEqual([]);
	});

	it('a Form Base URL that is no http(s) URL or path fails the item naming the field, never the value', async () => {
		const bad = JSON.parse(JSON.stringify(wf)) as typeof wf;
		const node = bad.nodes.find((n) => n.name === 'Cockpit as BEM Officer')!;
		node.parameters.formBaseUrl = 'javascript:alert(1)//';
		const r = await runWorkflow(bad, {
			startNode: OFFICER_PAGE,
			items: request(),
			credentials: world.credentials,
		});
		const error = r.run.data.resultData.error;
		expect(error?.message).toBe(
			'Item 0: field "formBaseUrl": must be an http(s) URL or a path, e.g. https://n8n.example.com/form/',
		);
		expect(`${error?.message} ${(error as { description?: string }).description}`).not.toContain(
			'alert(1)',
		);
		expect(r.responses).toHaveLength(0);
	});
});

// The BEM cockpit in a real n8n and a real browser: the demo set-up of `npm start` (demo HRIS, mail
// catcher, the credentials and the shipped workflows, published), "BEM · 1 Detect (Personio)" run, one
// invited employee's acceptance recorded. Headless Chromium (Debian's, driven by playwright-core) opens
// /webhook/bem-cockpit with the officer's Basic Auth login and /webhook/bem-cockpit-admin with the HR
// admin's: what each sees, English on ?lang=en, a link followed into the HR form with the case filled
// in, the overdue measure of a case in progress under its owner's name, keyboard focus, and axe-core finds no serious or critical violation. Screenshots go to
// test-artifacts/cockpit/ (git-ignored).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import type { BemStore } from '../../core/store';
import * as lib from '../../scripts/lib/n8n';
import {
	ROOT,
	IDS,
	addDays,
	allCases,
	demo,
	dueOf,
	e2eOwner,
	hrisDemo,
	importShipped,
	mailDemo,
	publishShipped,
	withDemoStore,
} from './demo';
import { seedAcceptedCase } from './hrForms';
import { createN8n, type N8n } from './n8n';

const CHROMIUM = process.env.BEM_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
];
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'cockpit');
const AXE = require.resolve('axe-core/axe.min.js');
const DUE = dueOf(hrisDemo.STAFF).map((s) => String(s.id));
const { COCKPIT_USERS } = require(path.join(ROOT, 'scripts/lib/demoSetup')) as {
	COCKPIT_USERS: { officer: string; admin: string };
};

describe('the BEM cockpit in a real n8n and a real browser', () => {
	let n8n: N8n;
	let hris: { url: string; close(): Promise<void> };
	let mail: { smtpPort: number; close(): Promise<unknown> };
	let storeFile: string;
	let storeKey: string;
	let cookie: string;
	let browser: Browser;
	let accepted: string;
	/** a case in progress with a measure 10 days overdue, owned by "Leitung Lager" */
	let planned: string;
	let plannedRef: string;
	const today = hrisDemo.berlinToday();
	const passwords = {
		officer: crypto.randomBytes(12).toString('base64url'),
		admin: crypto.randomBytes(12).toString('base64url'),
	};
	const owner = e2eOwner('bem-cockpit-e2e@example.com', 'Cockpit');
	const withStore = <T>(fn: (store: BemStore) => Promise<T>) =>
		withDemoStore({ storeFile, storeKey }, fn);

	/** a browser context signed in with one of the cockpit's Basic Auth logins */
	const contextAs = (view: 'officer' | 'admin'): Promise<BrowserContext> =>
		browser.newContext({
			httpCredentials: { username: COCKPIT_USERS[view], password: passwords[view] },
			viewport: { width: 1280, height: 900 },
		});
	const shot = (page: Page, name: string) =>
		page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

	/** axe-core from node_modules, run in the page: the serious and critical violations */
	async function axeViolations(page: Page): Promise<string[]> {
		await page.evaluate(fs.readFileSync(AXE, 'utf8'));
		// a string: the test is compiled without the DOM's types
		const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
			violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
		};
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	}

	beforeAll(async () => {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		n8n = await createN8n({ server: false });
		storeFile = path.join(n8n.userFolder, 'bem-store.sqlite');
		storeKey = crypto.randomBytes(24).toString('base64url');
		hris = await hrisDemo.startDemoHris({ port: 0 });
		mail = await mailDemo.startMailCatcher({
			smtpPort: 0,
			httpPort: 0,
			dir: path.join(n8n.userFolder, 'mail'),
		});
		await demo.seedClosedBems({ storeFile, storeKey, actor: 'e2e-seed' });
		[planned, plannedRef] = await withStore(async (s) => {
			const id = await seedAcceptedCase(s, today, {
				employeeId: '9001',
				reason: 'continuous',
				reachedAgo: 45,
				openedAgo: 40,
				acceptedAgo: 35,
			});
			const ev = (type: string, ago: number, data?: Record<string, unknown>) =>
				s.recordEvent(id, {
					type: type as never,
					on: addDays(today, -ago),
					actor: 'e2e-seed',
					data,
				});
			await s.setOwner({
				principal: 'lead-lager',
				displayName: 'Leitung Lager',
				email: 'lead-lager@example.com',
				by: 'e2e-seed',
				on: addDays(today, -40),
			});
			await ev('consent_given', 34, { scopes: ['bem', 'data_processing'], participants: [] });
			await ev('first_talk_held', 33);
			await ev('measure_planned', 33, {
				measureId: 'M1',
				code: 'working_time',
				owner: 'lead-lager',
				dueOn: addDays(today, -10),
				details: 'E2E-DETAIL',
			});
			return [id, (await s.getCase(id, { actor: 'e2e-seed', purpose: 'e2e seed' }))!.reference!];
		});
		const creds = demo.demoCredentials({
			hrisUrl: hris.url,
			smtpPort: mail.smtpPort,
			storeFile,
			storeKey,
			appId: 'n8n-nodes-bem-e2e',
			cockpitPasswords: passwords,
		});
		demo.importCredentials(
			n8n.runtime,
			{ ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(await lib.freePort()) },
			creds,
		);
		await importShipped(n8n);
		await n8n.start();
		cookie = await lib.setupOwner(n8n.baseUrl, owner);
		await publishShipped(n8n.baseUrl, cookie);
		// the demo data after Detect: one invited case per due employee
		await demo.runInServer(n8n.baseUrl, cookie, IDS.detectPersonio);
		const invited = await lib.poll('the invited cases after Detect', async () => {
			const cases = (await withStore(allCases)).filter((c) => c.state === 'invited');
			return cases.length >= DUE.length ? cases : undefined;
		});
		// one employee said yes (as through the reply form): HR's next step is the first talk
		const first = invited.find((c) => c.employeeId === DUE[0])!;
		accepted = first.id;
		await withStore((s) =>
			s.recordEvent(first.id, { type: 'reply_accepted', on: first.openedOn, actor: 'e2e-seed' }),
		);
		browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
		await Promise.all([hris?.close(), mail?.close()]);
	});

	it('the BEM officer sees the open cases with deadlines, bands and next steps, the timelines and the KPIs', async () => {
		const context = await contextAs('officer');
		const page = await context.newPage();
		const res = await page.goto(`${n8n.baseUrl}/webhook/bem-cockpit`);
		expect(res?.status()).toBe(200);
		expect(res?.headers()['cache-control']).toBe('no-store');
		await expect(page.locator('h1').textContent()).resolves.toBe('BEM-Cockpit');
		expect(await page.locator('html').getAttribute('lang')).toBe('de');
		expect(await page.locator('header').textContent()).toContain('Angemeldet als bem_officer');
		// headings in order: one h1, sections h2, states h3
		const levels = await page.$$eval('h1, h2, h3', (hs) => hs.map((h) => Number(h.tagName[1])));
		expect(levels[0]).toBe(1);
		levels.forEach((l, i) => expect(l - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
		const main = (await page.locator('main').textContent()) ?? '';
		for (const id of DUE) expect([id, main.includes(id)]).toEqual([id, true]);
		expect(await page.locator('h3', { hasText: /^Eingeladen \(3\)$/ }).count()).toBe(1);
		expect(await page.locator('h3', { hasText: /^Angenommen \(1\)$/ }).count()).toBe(1);
		// the invited ones' reply deadline 14+ days out, the accepted one's next step a form link
		expect(await page.locator('td', { hasText: /^Antwortfrist: / }).count()).toBe(3);
		expect(await page.locator('.band-later, .band-fortnight').count()).toBe(3);
		expect(await page.locator('details[id^="case-"]').count()).toBe(DUE.length + 1);
		// the case in progress: its overdue measure under the owner's name, by catalogue label, no detail
		expect(await page.locator('h3', { hasText: /^In Bearbeitung \(1\)$/ }).count()).toBe(1);
		const owner = page.locator('h3', { hasText: 'Verantwortlich: Leitung Lager (lead-lager) (1)' });
		expect(await owner.count()).toBe(1);
		const measureRow = page.locator('#measures ~ table tr, section:has(#measures) tr', {
			hasText: 'Anpassung der Arbeitszeit',
		});
		expect(await measureRow.first().textContent()).toContain(plannedRef);
		expect(await measureRow.first().textContent()).toContain('seit 10 Tagen überfällig');
		expect(main).not.toContain('E2E-DETAIL');
		// the five KPI charts, this quarter's cohort too small a group: suppressed, hatched, named
		expect(await page.locator('svg[role="img"]').count()).toBe(5);
		expect(await page.locator('svg desc').first().textContent()).toMatch(/unterdrückt \(< 5\)/);
		await shot(page, 'officer');
		expect(await axeViolations(page)).toEqual([]);

		// keyboard: the first Tab lands on the skip link, visibly
		await page.keyboard.press('Tab');
		const focused = (await page.evaluate(`(() => {
			const el = document.activeElement;
			return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, left: el.getBoundingClientRect().left };
		})()`)) as { text: string; outline: string; left: number };
		expect(focused).toMatchObject({ text: 'Zum Inhalt springen', outline: 'solid' });
		expect(focused.left).toBeGreaterThanOrEqual(0);
		await shot(page, 'officer-focus');
		await context.close();
	});

	it('?lang=en is the English page', async () => {
		const context = await contextAs('officer');
		const page = await context.newPage();
		await page.goto(`${n8n.baseUrl}/webhook/bem-cockpit`);
		await page.getByRole('link', { name: 'English' }).click();
		await page.waitForURL(/lang=en/);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await expect(page.locator('h1').textContent()).resolves.toBe('BEM cockpit');
		expect(await page.locator('svg desc').first().textContent()).toMatch(/suppressed \(< 5\)/);
		await shot(page, 'officer-en');
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});

	it('the HR admin sees counts and KPIs only; the admin login does not open the officer page', async () => {
		const context = await contextAs('admin');
		const page = await context.newPage();
		const res = await page.goto(`${n8n.baseUrl}/webhook/bem-cockpit-admin`);
		expect(res?.status()).toBe(200);
		const text = (await page.locator('body').textContent()) ?? '';
		expect(text).toContain('Sicht: nur Kennzahlen');
		expect(text).toContain('Angemeldet als hr_admin');
		for (const id of [...DUE, accepted, planned, plannedRef, '9001', 'Leitung Lager'])
			expect([id, text.includes(id)]).toEqual([id, false]);
		const invitedRow = page.locator('tr', { has: page.locator('th', { hasText: /^Eingeladen$/ }) });
		expect(await invitedRow.locator('td').first().textContent()).toBe('3');
		expect(await page.locator('details[id^="case-"]').count()).toBe(0);
		expect(await page.locator('svg[role="img"]').count()).toBe(5);
		await shot(page, 'admin');
		expect(await axeViolations(page)).toEqual([]);
		// n8n's Basic Auth refuses the admin's login there before the workflow runs
		const officerPage = await page.goto(`${n8n.baseUrl}/webhook/bem-cockpit`);
		expect(officerPage?.status()).toBe(401);
		expect(await officerPage?.text()).not.toContain('BEM-Cockpit');
		await context.close();
	});

	it("an officer follows the accepted case's next step into the HR form, the case id filled in", async () => {
		const context = await contextAs('officer');
		// the forms are behind n8n's user login: the officer is signed in to this n8n
		const [name, value] = cookie.split(';')[0].split('=');
		await context.addCookies([{ name, value, url: n8n.baseUrl }]);
		const page = await context.newPage();
		await page.goto(`${n8n.baseUrl}/webhook/bem-cockpit`);
		const link = page.getByRole('link', { name: 'Einwilligung & Erstgespräch erfassen' });
		expect(await link.getAttribute('href')).toBe(
			`${n8n.baseUrl}/form/bem-first-talk?caseId=${accepted}`,
		);
		await link.click();
		await page.waitForURL(/\/(form\/bem-first-talk|oauth\/consent)/, { timeout: 30000 });
		if (new URL(page.url()).pathname === '/oauth/consent') {
			// n8n asks once whether the form may use the n8n login
			await page.getByRole('button', { name: /allow|approve|erlauben|zulassen/i }).click();
		}
		await page.waitForURL(/\/form\/bem-first-talk/, { timeout: 30000 });
		await page.getByText('BEM: written consent and first talk').first().waitFor({ timeout: 30000 });
		expect(await page.locator('#field-0').inputValue()).toBe(accepted);
		await shot(page, 'form');
		await context.close();
	});
});

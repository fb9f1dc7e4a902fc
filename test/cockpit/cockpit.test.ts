// The BEM cockpit's view model and page (core/cockpit) over a real SQLite store: bands, the officer's
// and the hr_admin's view (decided by the store's roles), overdue measures from given rows, the KPI
// charts with suppressed cells, both languages, and escaping of everything that comes from the store.
import {
	bandOf,
	buildCockpit,
	esc,
	markup,
	langOf,
	quartersUpTo,
	renderCockpit,
	type CockpitModel,
	type CockpitOptions,
	type OverdueMeasureRow,
} from '../../core/cockpit';
import type { BemStore } from '../../core';
import { sqliteBackend, TEST_ROLES, type Backend } from '../store/backends';
import { buildKpiFixture, KPI_MIN_CELL } from '../store/kpiFixture';

const TODAY = '2026-12-03';
const OFFICER = { actor: 'cockpit:officer', purpose: 'BEM cockpit' };
const ADMIN = { actor: 'cockpit:admin', purpose: 'BEM cockpit' };
const HOSTILE = '<img src=x onerror=alert(1)>';
const CATALOGUE = [
	{ code: 'ergonomics', de: 'Ergonomische Anpassung', en: 'Ergonomic adaptation' },
];

describe('BEM cockpit', () => {
	let backend: Backend;
	let store: BemStore;
	const ids: Record<string, string> = {};
	const options = (extra: Partial<CockpitOptions> = {}): CockpitOptions => ({
		today: TODAY,
		lang: 'de',
		formBaseUrl: 'https://n8n.example/form/',
		quarters: 4,
		minCell: KPI_MIN_CELL,
		catalogue: CATALOGUE,
		...extra,
	});
	const step = (id: string, type: string, on: string, data?: Record<string, unknown>) =>
		store.recordEvent(id, { type: type as never, on, actor: 'test', data });
	const open = async (key: string, employeeId: string, on = '2026-11-02') => {
		const { case: c } = await store.openCase({
			employeeId,
			reachedOn: on,
			reason: 'cumulative',
			on,
			actor: 'test',
		});
		ids[key] = c.id;
		return c.id;
	};

	beforeAll(async () => {
		backend = sqliteBackend();
		store = await backend.open({
			minCell: KPI_MIN_CELL,
			roles: {
				...TEST_ROLES,
				'cockpit:officer': ['bem_officer'],
				'cockpit:admin': ['hr_admin'],
				'cockpit:process': ['process'],
			},
		});
		// reply deadlines 14 days after the letter, rolled to a working day
		await step(await open('overdue', 'E-overdue'), 'invitation_sent', '2026-11-09');
		await step(await open('week', 'E-week'), 'invitation_sent', '2026-11-23');
		await step(await open('fortnight', 'E-fortnight'), 'invitation_sent', '2026-11-30');
		await step(await open('later', 'E-later'), 'invitation_sent', '2026-12-10');
		const running = await open('running', 'E-running');
		await step(running, 'invitation_sent', '2026-11-03');
		await step(running, 'reply_accepted', '2026-11-05');
		await step(running, 'consent_given', '2026-11-06', {
			scopes: ['bem', 'data_processing'],
			participants: [],
		});
		await step(running, 'first_talk_held', '2026-11-06');
		await open('hostile', HOSTILE);
		const closed = await open('closed', 'E-closed');
		await step(closed, 'invitation_sent', '2026-11-03');
		await step(closed, 'reply_declined', '2026-11-04');
	});
	afterAll(async () => {
		await store?.close();
		await backend?.teardown();
	});

	const rows = (): OverdueMeasureRow[] => [
		{
			caseId: ids.running,
			measureId: 'm-1',
			code: 'ergonomics',
			owner: 'it-support',
			dueOn: '2026-11-30',
		},
		{
			caseId: ids.running,
			measureId: 'm-2',
			code: 'coaching',
			owner: 'hr-partner',
			dueOn: '2026-12-01',
		},
		// a case the principal does not list: left out
		{
			caseId: 'not-listed',
			measureId: 'm-3',
			code: 'ergonomics',
			owner: 'it-support',
			dueOn: '2026-11-01',
		},
	];

	it('bands: overdue after the day, ≤ 7 days from today on, ≤ 14 days, later', () => {
		expect([-1, 0, 7, 8, 14, 15].map(bandOf)).toEqual([
			'overdue',
			'week',
			'week',
			'fortnight',
			'fortnight',
			'later',
		]);
	});

	it('quarters: the current one and those before it, whole calendar quarters', () => {
		expect(quartersUpTo('2026-01-15', 2)).toEqual([
			{ label: 'Q4 2025', from: '2025-10-01', to: '2025-12-31', running: false },
			{ label: 'Q1 2026', from: '2026-01-01', to: '2026-03-31', running: true },
		]);
		expect(quartersUpTo(TODAY, 4).map((q) => [q.from, q.to])).toEqual([
			['2026-01-01', '2026-03-31'],
			['2026-04-01', '2026-06-30'],
			['2026-07-01', '2026-09-30'],
			['2026-10-01', '2026-12-31'],
		]);
	});

	it('lang: English for en…, German otherwise', () => {
		expect(['en', 'EN-gb', 'de', 'fr', '', undefined, ['en']].map(langOf)).toEqual([
			'en',
			'en',
			'de',
			'de',
			'de',
			'de',
			'de',
		]);
	});

	it('an officer sees the open cases by state with deadline, band, next step and timeline', async () => {
		const m = await buildCockpit(store, OFFICER, options({ overdueMeasures: async () => rows() }));
		expect(m.scope).toEqual({ cases: true, figures: true });
		const byKey = (key: string) => m.cases!.find((c) => c.id === ids[key])!;
		expect(m.cases!.map((c) => c.id)).not.toContain(ids.closed);
		expect(['overdue', 'week', 'fortnight', 'later'].map((k) => byKey(k).deadline?.band)).toEqual([
			'overdue',
			'week',
			'fortnight',
			'later',
		]);
		expect(byKey('week').deadline).toEqual({
			kind: 'reply',
			on: '2026-12-07',
			days: 4,
			band: 'week',
		});
		// in progress: the earliest overdue measure is its deadline; HR's next steps are links into the forms
		expect(byKey('running').deadline).toEqual({
			kind: 'measure',
			on: '2026-11-30',
			days: -3,
			band: 'overdue',
		});
		expect(byKey('running').steps).toEqual([
			{ form: 'measure', href: `https://n8n.example/form/bem-measure?caseId=${ids.running}` },
			{
				form: 'caseConference',
				href: `https://n8n.example/form/bem-case-conference?caseId=${ids.running}`,
			},
			{ form: 'close', href: `https://n8n.example/form/bem-close?caseId=${ids.running}` },
		]);
		expect(byKey('hostile')).toMatchObject({ state: 'open', deadline: null, steps: [] });
		// most urgent first, no deadline last
		expect(m.cases!.map((c) => c.deadline?.band ?? 'none').slice(0, 2)).toEqual([
			'overdue',
			'overdue',
		]);
		expect(m.cases!.at(-1)!.deadline).toBeNull();
		expect(byKey('running').timeline.map((e) => [e.type, e.kind])).toEqual([
			['case_opened', 'event'],
			['invitation_sent', 'letter'],
			['reply_accepted', 'event'],
			['consent_given', 'event'],
			['first_talk_held', 'event'],
		]);
		const invited = m.counts.find((c) => c.state === 'invited')!;
		expect(invited).toEqual({
			state: 'invited',
			total: 4,
			bands: { overdue: 1, week: 1, fortnight: 1, later: 1, none: 0 },
		});
		// overdue measures by owner, labelled from the catalogue (an unknown code shows as itself)
		expect(m.overdueMeasures).toEqual([
			{
				owner: 'hr-partner',
				measures: [
					expect.objectContaining({ measureId: 'm-2', label: 'coaching', daysOverdue: 2 }),
				],
			},
			{
				owner: 'it-support',
				measures: [
					expect.objectContaining({
						measureId: 'm-1',
						employeeId: 'E-running',
						label: 'Ergonomische Anpassung',
						daysOverdue: 3,
					}),
				],
			},
		]);
		const page = renderCockpit(m);
		expect(page).toContain('<html lang="de">');
		expect(page).toContain('<h2 id="open-cases">Offene Fälle nach Status</h2>');
		expect(page).toContain('E-overdue');
		expect(page).toContain(`href="https://n8n.example/form/bem-measure?caseId=${ids.running}"`);
		expect(page).toContain('Überfällige Maßnahmen nach Verantwortlichen');
		expect(page).toContain('Verantwortlich: it-support (1)');
		// every read was the officer's, logged: the view, the listing, each case's timeline
		const log = await backend.exec(
			`SELECT action, count(*) AS n FROM bem_access_log WHERE actor = 'cockpit:officer' GROUP BY action ORDER BY action`,
		);
		expect(log).toEqual([
			{ action: 'caseTimeline', n: 6 },
			{ action: 'cockpit', n: 1 },
			{ action: 'findCases', n: 7 }, // a row per case listed, the closed one too
		]);
	});

	it('shows cases by their Aktenzeichen and owners by their name in the directory', async () => {
		const m = await buildCockpit(
			store,
			OFFICER,
			options({
				overdueMeasures: async () => rows(),
				ownerNames: async (principals) => {
					expect(principals.sort()).toEqual(['hr-partner', 'it-support']);
					return { 'it-support': 'IT-Support <Team>' };
				},
			}),
		);
		const running = m.cases!.find((c) => c.id === ids.running)!;
		expect(running.reference).toMatch(/^BEM-\d{4}-\d{4}$/);
		expect(m.overdueMeasures!.map((o) => o.owner)).toEqual([
			'hr-partner',
			'IT-Support <Team> (it-support)',
		]);
		expect(m.overdueMeasures![1].measures[0].reference).toBe(running.reference);
		const page = renderCockpit(m);
		expect(page).toContain(`<code>${running.reference}</code>`);
		expect(page).toContain('Verantwortlich: IT-Support &lt;Team&gt; (it-support) (1)');
	});

	it('without the measure plan readable the section says so', async () => {
		const m = await buildCockpit(store, OFFICER, options());
		expect(m.overdueMeasures).toBeNull();
		expect(m.cases!.find((c) => c.id === ids.running)!.deadline).toBeNull();
		expect(renderCockpit(m)).toContain('sieht nur, wer ihn im ganzen BEM-File lesen darf');
	});

	it('an hr_admin sees counts and KPIs only: no case id, no employee, no measure read', async () => {
		let asked = 0;
		const m = await buildCockpit(
			store,
			ADMIN,
			options({
				overdueMeasures: async () => {
					asked++;
					return rows();
				},
			}),
		);
		expect(asked).toBe(0);
		expect(m).toMatchObject({
			scope: { cases: false, figures: true },
			cases: null,
			overdueMeasures: null,
		});
		expect(m.openTotal).toBe(6);
		expect(m.quarters).toHaveLength(4);
		const text = JSON.stringify(m) + renderCockpit(m);
		for (const [key, id] of Object.entries(ids)) {
			expect([key, text.includes(id)]).toEqual([key, false]);
		}
		expect(text).not.toMatch(/E-overdue|E-running|onerror/);
		const page = renderCockpit(m);
		expect(page).toContain('Ihre Rolle sieht nur Anzahlen und Kennzahlen');
		expect(page).not.toContain('Verlauf je Fall');
		expect(page).toContain('Kennzahlen je Quartal');
	});

	it('a principal without a cockpit role is refused, and the refusal is logged', async () => {
		for (const actor of ['cockpit:process', 'cockpit:nobody'])
			await expect(
				buildCockpit(store, { actor, purpose: 'BEM cockpit' }, options()),
			).rejects.toMatchObject({ code: 'BEM_ACCESS_DENIED' });
		const log = await backend.exec(
			`SELECT actor, action, outcome FROM bem_access_log WHERE actor IN ('cockpit:process', 'cockpit:nobody') ORDER BY id`,
		);
		expect(log).toEqual([
			{ actor: 'cockpit:process', action: 'cockpit', outcome: 'denied' },
			{ actor: 'cockpit:nobody', action: 'cockpit', outcome: 'denied' },
		]);
	});

	it('KPI charts: a bar per quarter, suppressed cells hatched and named, values as text for screen readers', async () => {
		// the fixture's 2025 cohort opened in March 2025 (groups of 3 persons, the store's minCell here)
		await buildKpiFixture(store, 'cockpit');
		const m = await buildCockpit(store, ADMIN, options({ today: '2025-05-10', quarters: 3 }));
		expect(m.quarters!.map((q) => [q.label, q.report.angebotsquote])).toEqual([
			['Q4 2024', null],
			['Q1 2025', 0.75],
			['Q2 2025', null],
		]);
		const page = renderCockpit(m);
		const chart = page.match(
			/<svg role="img" aria-labelledby="chart-angebotsquote-title[\s\S]*?<\/svg>/,
		)![0];
		expect(chart).toContain(
			'<desc id="chart-angebotsquote-desc">Q4 2024: unterdrückt (&lt; 3); Q1 2025: 75,0 %; Q2 2025: unterdrückt (&lt; 3)</desc>',
		);
		expect(chart.match(/fill="url\(#chart-angebotsquote-hatch\)"/g)).toHaveLength(2);
		expect(chart).toContain('>75,0 %</text>');
		expect(chart).toContain('(laufend)');
		expect(page.match(/<svg role="img"/g)).toHaveLength(5);
		expect(page).toContain('<td class="num">unterdrückt (&lt; 3)</td>');

		const en = renderCockpit(
			await buildCockpit(store, ADMIN, options({ today: '2025-05-10', quarters: 3, lang: 'en' })),
		);
		expect(en).toContain('<html lang="en">');
		expect(en).toContain('Q1 2025: 75.0%; Q2 2025: suppressed (&lt; 3)');
		expect(en).toContain('Key figures per quarter');
		expect(en).toContain('href="?lang=de"');
	});

	it('escapes everything from the store: employee ids, principals, owners, labels', async () => {
		expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
		expect(markup`<p title="${'"><script>'}">${['<b>', 1]}</p>`.value).toBe(
			'<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;1</p>',
		);
		const m: CockpitModel = await buildCockpit(
			store,
			OFFICER,
			options({
				overdueMeasures: async () => [
					{
						caseId: ids.hostile,
						measureId: '<m>',
						code: '<script>x</script>',
						owner: '"><script>alert(2)</script>',
						dueOn: '2026-12-01',
					},
				],
			}),
		);
		m.principal = '<script>alert(3)</script>';
		const page = renderCockpit(m);
		expect(page).not.toMatch(/<script|<img src=x/);
		expect(page).toContain(esc(HOSTILE));
		expect(page).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
	});
});

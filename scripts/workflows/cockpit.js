// 8 · BEM cockpit: the page HR looks at instead of logs. Two addresses behind n8n's webhook Basic Auth,
// one per view: /webhook/bem-cockpit acts through the BEM officer's BEM Store credential (cases,
// deadlines, overdue measures, timelines, KPIs), /webhook/bem-cockpit-admin through the HR admin's
// (counts and KPIs only). What each sees is the store's roles' decision; every read is logged.
'use strict';
const { WorkflowBuilder, stableId } = require('./builder');
const { BEM_NODE_VERSION, CREDENTIALS, IDS, manualTrigger } = require('./common');

/** the HR forms of this very n8n (BEM · 5 Case Steps): its public base URL + form/ */
const OWN_FORMS = "={{ $execution.resumeUrl.replace(/[^/]+\\/[^/]+$/, '') + 'form/' }}";

function page(b, name, at, { path, login }) {
	return b.add(
		name,
		'n8n-nodes-base.webhook',
		2.1,
		{
			httpMethod: 'GET',
			path,
			authentication: 'basicAuth',
			responseMode: 'responseNode',
			options: {},
		},
		at,
		{ webhookId: stableId('cockpit', path), credentials: login },
	);
}

function cockpit(b, name, at, credentials) {
	return b.add(
		name,
		'n8n-nodes-bem.bemCockpit',
		BEM_NODE_VERSION,
		{
			language: '={{ ($json.query || {}).lang }}',
			on: '',
			formBaseUrl: OWN_FORMS,
			quarters: 4,
			purpose: 'BEM cockpit',
		},
		at,
		{ credentials },
	);
}

module.exports = function cockpitWorkflow() {
	const b = new WorkflowBuilder({
		id: IDS.cockpit,
		name: 'BEM · 8 Cockpit (Web Page)',
		// the page names cases and employee ids
		failedRuns: 'drop',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const officerPage = page(b, 'Cockpit Page (BEM Officer Login)', [0, 1], {
		path: 'bem-cockpit',
		login: CREDENTIALS.cockpitLogin,
	});
	const run = manualTrigger(b, [0, 2]);
	const adminPage = page(b, 'Cockpit Page (HR Admin Login)', [0, 4], {
		path: 'bem-cockpit-admin',
		login: CREDENTIALS.cockpitAdminLogin,
	});
	const officer = cockpit(b, 'Cockpit as BEM Officer', [1, 1], CREDENTIALS.bemStoreOfficer);
	const admin = cockpit(b, 'Cockpit as HR Admin', [1, 4], CREDENTIALS.bemStoreHrAdmin);
	const answer = b.add(
		'Answer With the Page',
		'n8n-nodes-base.respondToWebhook',
		1.5,
		{
			respondWith: 'text',
			responseBody: '={{ $json.html }}',
			options: {
				responseCode: '={{ $json.statusCode }}',
				responseHeaders: {
					entries: [
						{ name: 'content-type', value: 'text/html; charset=utf-8' },
						// health-related data: no copy in a browser or proxy cache, no referrer to other sites
						{ name: 'cache-control', value: 'no-store' },
						{ name: 'referrer-policy', value: 'no-referrer' },
						{ name: 'x-content-type-options', value: 'nosniff' },
					],
				},
			},
		},
		[2, 2],
	);
	b.connect(officerPage, officer)
		.connect(run, officer)
		.connect(officer, answer)
		.connect(adminPage, admin)
		.connect(admin, answer);
	b.note(
		'BEM cockpit: one page, two views',
		'Open **/webhook/bem-cockpit** (login “BEM Cockpit Login (BEM officer)”): open cases by state with their next deadline and urgency, overdue measures by owner, each case’s timeline, the KPIs, and links into the HR forms of “BEM · 5 Case Steps”. **/webhook/bem-cockpit-admin** (login “BEM Cockpit Login (HR admin)”) acts as the HR admin: counts and KPIs only, no case, no employee. The BEM Store credential’s principal and its roles decide what shows; every read is logged. Add **?lang=en** for English. Run Now shows the officer’s page as the node’s output.',
		[0, 1],
		[2, 4],
		6,
	);
	return b.toJSON();
};

// The set-up that `npm start`, the end-to-end tests and the real-n8n bench share: the credentials the
// shipped workflows reference, pointed at the local demo services; the demo BEM store's closed case;
// publishing what must be live; starting a workflow inside the server as the editor does.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const lib = require('./n8n');
const { CREDENTIALS, IDS } = require('../workflows/common');

/**
 * Workflows with these triggers are published: n8n 2.x runs only published sub-workflows, and forms and
 * webhooks (the reply links) answer only when published.
 */
const PUBLISHED_TRIGGERS = [
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.formTrigger',
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.errorTrigger',
];
/**
 * Schedules the process needs running, published too: the daily Deadline Sweep (4a: second invitations,
 * no-reply closes, reminders) and Detect for the demo's HRIS (Personio). Detect for SAP stays
 * unpublished: the demo has no SAP system. README "What runs when".
 */
const PUBLISHED_SCHEDULES = [IDS.sweepSchedule, IDS.detectPersonio];
/** The manual trigger every shipped workflow with a "Run Now" has (scripts/workflows/common.js). */
const MANUAL_TRIGGER = 'Run Now (Manual / CLI)';

const needsPublishing = (workflow) =>
	PUBLISHED_SCHEDULES.includes(workflow.id) ||
	(workflow.nodes || []).some((n) => PUBLISHED_TRIGGERS.includes(n.type));

/**
 * Workflow ids in the order n8n accepts their publishing: it refuses a workflow that calls an unpublished
 * sub-workflow (Detect → Invitation Cycle, 4a → Deadline Sweep), so the schedules go last.
 */
const publishOrder = (ids) => [
	...ids.filter((id) => !PUBLISHED_SCHEDULES.includes(id)),
	...ids.filter((id) => PUBLISHED_SCHEDULES.includes(id)),
];

/** Publishes what `npm start` publishes of the workflow files in `dir`, in publishOrder. */
async function publishShipped(baseUrl, cookie, dir) {
	const workflows = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => ({ f, wf: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }))
		.filter(({ wf }) => needsPublishing(wf));
	const byId = new Map(workflows.map((w) => [w.wf.id, w.f]));
	for (const id of publishOrder([...byId.keys()]))
		if (!(await publishWorkflow(baseUrl, cookie, id)))
			throw new lib.N8nSetupError(`${byId.get(id)} (${id}) is not in n8n to publish`);
}

function only(ref) {
	const [[type, { id, name }]] = Object.entries(ref);
	return { type, id, name };
}

/** Where the demo BEM store is: an SQLite file (one n8n), or a PostgreSQL database (queue mode, storeUrl). */
const storeWhere = ({ storeFile, storeUrl }) =>
	storeUrl
		? { backend: 'postgres', connectionString: storeUrl, sslMode: 'disable' }
		: { backend: 'sqlite', sqlitePath: storeFile };

/** The demo store opened as the nodes open it (the built core: dist). */
function openDemoStore({ storeFile, storeUrl, storeKey }) {
	const { openBemStore } = require(path.join(lib.ROOT, 'dist/core/store'));
	const where = storeWhere({ storeFile, storeUrl });
	return openBemStore({
		kind: where.backend,
		...(storeUrl ? { connectionString: storeUrl } : { path: storeFile }),
		encryptionKey: storeKey,
		state: 'DE',
		retentionYears: 3,
		roles: DEMO_ROLES,
	});
}

/**
 * The demo's principals (the two BEM Store credentials start.js creates) and the scripts' own actors
 * (seeding, e2e assertions, benchmarks): store-wide roles, granted at every open (roles are deny by default).
 */
const DEMO_ROLES = {
	process: ['process'],
	bem_officer: ['bem_officer'],
	// the cockpit's figures-only view (credential "BEM Store (HR admin)")
	hr_admin: ['hr_admin'],
	'demo-seed': ['bem_officer'],
	'e2e-seed': ['bem_officer'],
	'e2e-test': ['bem_officer'],
	'bench-seed': ['bem_officer'],
	bench: ['bem_officer'],
};

/** The cockpit's two Basic Auth logins (n8n webhook authentication), one per view. */
const COCKPIT_USERS = { officer: 'bem-officer', admin: 'hr-admin' };

/**
 * The credentials the shipped workflows reference: three BEM Store (process, BEM officer, HR admin), SMTP
 * to the catcher, Personio (demo HRIS), the cockpit's two logins (passwords given, else random).
 */
function demoCredentials({
	hrisUrl,
	smtpPort,
	storeFile,
	storeUrl,
	storeKey,
	appId = 'n8n-nodes-bem-demo',
	cockpitPasswords = {},
}) {
	const { CLIENT_ID, CLIENT_SECRET } = require('../demo/hris');
	const store = {
		...storeWhere({ storeFile, storeUrl }),
		encryptionKey: storeKey,
		state: 'DE',
		retentionYears: 3,
		reviewMonths: '3,6',
	};
	return [
		// one store, two principals: the shipped workflows act as `process`, the HR forms as `bem_officer`
		{ ...only(CREDENTIALS.bemStore), data: { ...store, principal: 'process' } },
		{ ...only(CREDENTIALS.bemStoreOfficer), data: { ...store, principal: 'bem_officer' } },
		{ ...only(CREDENTIALS.bemStoreHrAdmin), data: { ...store, principal: 'hr_admin' } },
		...['officer', 'admin'].map((view) => ({
			...only(CREDENTIALS[view === 'officer' ? 'cockpitLogin' : 'cockpitAdminLogin']),
			data: {
				user: COCKPIT_USERS[view],
				password: cockpitPasswords[view] ?? crypto.randomBytes(18).toString('base64url'),
			},
		})),
		{
			...only(CREDENTIALS.smtp),
			data: {
				user: '',
				password: '',
				host: '127.0.0.1',
				port: smtpPort,
				secure: false,
				disableStartTls: true,
				hostName: '',
			},
		},
		{
			...only(CREDENTIALS.personio),
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				apiVersion: 'v2',
				baseUrl: hrisUrl,
				appId,
				partnerId: '',
			},
		},
	];
}

/** `n8n import:credentials` from a temp file (mode 600) that is deleted whatever happens; returns the ms it took. */
function importCredentials(runtime, env, creds) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bem-credentials-'));
	const file = path.join(dir, 'credentials.json');
	try {
		fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
		const res = lib.runCli(runtime, env, ['import:credentials', `--input=${file}`]);
		// n8n's output never contains the decrypted data; still, show only its last lines
		if (res.status !== 0)
			throw new lib.N8nSetupError(
				`n8n import:credentials failed (exit ${res.status}):\n${`${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-10).join('\n')}`,
			);
		return res.ms;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * The demo store's closed BEM cases (the demo staff with `closedBemDaysAgo`: 2007 declined a BEM 60 days
 * ago), so the demo shows a closed BEM restarting the 12-month count. Idempotent; uses the built store (dist).
 */
async function seedClosedBems({ storeFile, storeUrl, storeKey, today, actor = 'demo-seed' }) {
	const { STAFF, berlinToday } = require('../demo/hris');
	const t = Date.parse(`${today ?? berlinToday()}T00:00:00Z`);
	const ago = (d) => new Date(t - d * 86400000).toISOString().slice(0, 10);
	const store = await openDemoStore({ storeFile, storeUrl, storeKey });
	try {
		for (const p of STAFF.filter((s) => s.closedBemDaysAgo)) {
			const closed = p.closedBemDaysAgo;
			const employeeId = String(p.id);
			const { case: c } = await store.openCase({
				employeeId,
				reachedOn: ago(closed + 30),
				reason: 'cumulative',
				on: ago(closed + 29),
				actor,
			});
			if (c.state === 'open')
				await store.recordEvent(c.id, {
					type: 'invitation_sent',
					on: ago(closed + 28),
					actor,
					idempotencyKey: `${c.id}:first`,
				});
			const now = await store.findCases({ employeeId }, { actor, purpose: 'demo seed' });
			if (now.every((x) => x.state !== 'closed'))
				await store.recordEvent(c.id, { type: 'reply_declined', on: ago(closed), actor });
		}
	} finally {
		await store.close();
	}
}

/**
 * fetch, once more when the request met a keep-alive connection n8n was just closing (it closes idle
 * ones after 5 s): "other side closed" with no answer means n8n never read the request — it answers
 * every request it reads — so even a POST (run a workflow, submit a form) is safe to send again.
 */
async function request(url, init = {}) {
	try {
		return await fetch(url, init);
	} catch (e) {
		const code = e?.cause?.code;
		if (code !== 'UND_ERR_SOCKET') throw e;
		return fetch(url, init);
	}
}

/** Publishes a workflow through the running n8n (it registers the triggers); false when it is not there. */
async function publishWorkflow(baseUrl, cookie, id) {
	const got = await request(`${baseUrl}/rest/workflows/${id}`, { headers: { cookie } });
	if (got.status === 404) return false;
	if (got.status !== 200)
		throw new lib.N8nSetupError(`reading workflow ${id} failed: HTTP ${got.status}`);
	const { versionId } = (await got.json()).data;
	const res = await request(`${baseUrl}/rest/workflows/${id}/activate`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ versionId }),
	});
	if (res.status !== 200)
		throw new lib.N8nSetupError(
			`publishing ${id} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`,
		);
	return true;
}

/** Starts a workflow from a trigger inside the server as the editor's "Execute workflow" does; returns the execution id. */
async function runInServer(baseUrl, cookie, workflowId, trigger = MANUAL_TRIGGER) {
	const res = await request(`${baseUrl}/rest/workflows/${workflowId}/run`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ triggerToStartFrom: { name: trigger } }),
	});
	const body = await res.json().catch(() => ({}));
	if (res.status !== 200 || !body.data?.executionId)
		throw new lib.N8nSetupError(
			`running ${workflowId} in n8n failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 1000)}`,
		);
	return String(body.data.executionId);
}

module.exports = {
	COCKPIT_USERS,
	MANUAL_TRIGGER,
	needsPublishing,
	publishOrder,
	publishShipped,
	demoCredentials,
	openDemoStore,
	importCredentials,
	seedClosedBems,
	request,
	publishWorkflow,
	runInServer,
};

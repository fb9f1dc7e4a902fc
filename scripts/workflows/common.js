// Shared pieces of the shipped workflows: credential references (never credential data), the settings
// HR fills in once per workflow, and the base nodes with the versions the workflows are tested with.
'use strict';

/** The typeVersion of our nodes in the shipped workflows (nodes/shared/versions.ts LATEST_VERSION). */
const BEM_NODE_VERSION = 2;

/**
 * Credential references by id and name; `npm start` creates credentials with these ids, users pick their own.
 * Two BEM Store credentials on the same store, each naming its principal (README "Roles"): the shipped
 * workflows act as `process`, the HR forms as `bem_officer`.
 */
const CREDENTIALS = {
	bemStore: { bemStore: { id: 'bemStoreLocal001', name: 'BEM Store (process)' } },
	bemStoreOfficer: { bemStore: { id: 'bemStoreOfficer1', name: 'BEM Store (BEM officer)' } },
	// the cockpit's figures-only view: a principal holding hr_admin (counts and KPIs, no names)
	bemStoreHrAdmin: { bemStore: { id: 'bemStoreHrAdmin1', name: 'BEM Store (HR admin)' } },
	// n8n's webhook Basic Auth in front of the cockpit, one login per view
	cockpitLogin: {
		httpBasicAuth: { id: 'bemCockpitLogin1', name: 'BEM Cockpit Login (BEM officer)' },
	},
	cockpitAdminLogin: {
		httpBasicAuth: { id: 'bemCockpitAdmin1', name: 'BEM Cockpit Login (HR admin)' },
	},
	smtp: { smtp: { id: 'bemSmtpLocal0001', name: 'BEM Mail (SMTP)' } },
	personio: { personioApi: { id: 'bemPersonio00001', name: 'Personio' } },
	sapSuccessFactors: {
		sapSuccessFactorsApi: { id: 'bemSapSf00000001', name: 'SAP SuccessFactors' },
	},
	sapHcm: { sapHcmGatewayApi: { id: 'bemSapHcm0000001', name: 'SAP HCM Gateway' } },
};

/** Workflow ids (fixed, so Execute Workflow nodes and the error workflow setting find each other). */
const IDS = {
	detectPersonio: 'bemDetectPersnio',
	detectSuccessFactors: 'bemDetectSapSfac',
	detectSapHcm: 'bemDetectSapHcm0',
	invitationCycle: 'bemInviteCycle01',
	sendLetterPersonio: 'bemSendLetter001',
	sendLetterSapSuccessFactors: 'bemSendLetterSSF',
	sendLetterSapHcm: 'bemSendLetterHCM',
	advanceCase: 'bemAdvanceCase01',
	reply: 'bemReplyForm0001',
	sweep: 'bemDeadlineSweep',
	sweepSchedule: 'bemSweepSchedule',
	caseSteps: 'bemCaseSteps0001',
	retention: 'bemRetention0001',
	kpiReport: 'bemKpiReport0001',
	cockpit: 'bemCockpit000001',
	errorAlert: 'bemErrorAlert001',
};

/** A Set node holding what HR configures once (mail addresses, form URL), read by later nodes. */
function settingsNode(b, at, fields) {
	return b.add(
		'Settings',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([name, value], i) => ({
					id: `setting-${i}`,
					name,
					value,
					type: typeof value === 'number' ? 'number' : 'string',
				})),
			},
			includeOtherFields: true,
			options: {},
		},
		at,
	);
}

function manualTrigger(b, at, name = 'Run Now (Manual / CLI)') {
	return b.add(name, 'n8n-nodes-base.manualTrigger', 1, {}, at);
}

function scheduleTrigger(b, at, name, rule) {
	return b.add(name, 'n8n-nodes-base.scheduleTrigger', 1.2, { rule: { interval: [rule] } }, at);
}

function sendEmail(b, name, at, { from, to, subject, text, html, attachments }, extra = {}) {
	const parameters = {
		fromEmail: from,
		toEmail: to,
		subject,
		emailFormat: html ? 'both' : 'text',
		text,
		...(html ? { html } : {}),
		options: { appendAttribution: false, ...(attachments ? { attachments } : {}) },
	};
	return b.add(name, 'n8n-nodes-base.emailSend', 2.1, parameters, at, {
		credentials: CREDENTIALS.smtp,
		webhookId: undefined,
		...extra,
	});
}

module.exports = {
	BEM_NODE_VERSION,
	CREDENTIALS,
	IDS,
	settingsNode,
	manualTrigger,
	scheduleTrigger,
	sendEmail,
};

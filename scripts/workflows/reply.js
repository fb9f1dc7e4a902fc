// 3 · Reply form: the employee opens the signed, expiring link from the letter (or HR opens it with
// them) and answers. A valid link records the answer in the BEM file and wakes the waiting invitation
// cycle; a wrong or expired link gets a clear page and changes nothing.
'use strict';
const { WorkflowBuilder, stableId } = require('./builder');
const { IDS } = require('./common');
const P = require('./process');

const ANSWERS = {
	'Ja, ich möchte ein BEM / Yes, I accept the BEM offer': 'accept',
	'Nein, ich möchte kein BEM / No, I decline': 'decline',
	'Später, jetzt noch nicht / Later, not now': 'later',
	'Ich möchte zuerst mehr Informationen / I would like more information first': 'info',
};
const ANSWER_FIELD = 'Ihre Antwort / Your answer';

/**
 * An answer page: the form's own answer to its POST, sent when the workflow reaches it (Form Trigger
 * 2.1, "Using 'Respond to Webhook' Node"; the form's script shows the page it gets). The execution then
 * ends: no Form ending waits for the browser to fetch a page, so no waiting execution keeps the token,
 * the case id or the cycle's resume link (issue 13 item 8). Static text only, in the form's own card.
 */
function answerPage(b, name, at, title, message) {
	return b.add(
		name,
		'n8n-nodes-base.respondToWebhook',
		1.5,
		{
			respondWith: 'text',
			responseBody: `<div class="container"><section><div class="card"><div class="form-header"><h1>${title}</h1><p>${message}</p></div></div></section></div>`,
			options: {
				responseHeaders: {
					entries: [{ name: 'content-type', value: 'text/html; charset=utf-8' }],
				},
			},
		},
		at,
	);
}

module.exports = function reply() {
	const b = new WorkflowBuilder({
		id: IDS.reply,
		name: 'BEM · 3 Reply Form',
		failedRuns: 'drop',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	// 2.1: the last Form Trigger version that answers through Respond to Webhook (2.2 on answer with a
	// Form ending page, an execution that waits for the browser)
	const form = b.add(
		'Reply Form (Link From the Letter)',
		'n8n-nodes-base.formTrigger',
		2.1,
		{
			formTitle: 'Ihre Antwort zum BEM-Angebot / Your reply to the BEM offer',
			formDescription:
				'Die Teilnahme am Betrieblichen Eingliederungsmanagement ist freiwillig. / Taking part in the BEM is voluntary. Sie können Ihre Entscheidung jederzeit ändern. / You can change your mind at any time.',
			formFields: {
				values: [
					{
						fieldLabel: ANSWER_FIELD,
						fieldType: 'dropdown',
						fieldOptions: { values: Object.keys(ANSWERS).map((option) => ({ option })) },
						requiredField: true,
					},
					{ fieldLabel: 'token', fieldType: 'hiddenField', fieldName: 'token' },
				],
			},
			path: 'bem-reply',
			responseMode: 'responseNode',
			options: {
				appendAttribution: false,
				buttonLabel: 'Antwort senden / Send reply',
			},
		},
		[0, 1],
		{ webhookId: stableId(IDS.reply, 'form') },
	);
	const call = b.add(
		'Record Reply for HR (Execute Workflow)',
		'n8n-nodes-base.executeWorkflowTrigger',
		1.1,
		{ inputSource: 'passthrough' },
		[0, 3],
	);
	const input = P.shape(b, 'Reply Input', [1, 2], {
		token: ['string', '={{ $json.token }}'],
		answer: [
			'string',
			`={{ $json.answer || ${JSON.stringify(ANSWERS)}[$json[${JSON.stringify(ANSWER_FIELD)}]] || '' }}`,
		],
	});
	const record = P.bemCase(b, 'Record Reply', [2, 2], {
		operation: 'recordReply',
		token: '={{ $json.token }}',
		answer: '={{ $json.answer }}',
	});
	const valid = P.ifTrue(b, 'Link Valid?', [3, 2], '$json.valid === true');
	b.connect(form, input).connect(call, input).connect(input, record).connect(record, valid);
	b.note(
		'1 · Check the link and record the answer',
		'The letter links here with a signed token that names the case and expires two weeks after the reply deadline. A valid token records the answer in the BEM file (yes → accepted, no → closed as declined, later → follow-up, information → HR gets in touch). A forged, altered or expired token changes nothing. HR can run this too (Execute Workflow with token and answer).',
		[0, 1],
		[3, 3],
		4,
	);

	// the cycle's resume link comes from the BEM file (recorded with the letter), never from the request
	const answeredBefore = P.ifTrue(b, 'Answered Before?', [4, 1], '$json.alreadyAnswered === true');
	const ownResume = P.ifTrue(b, 'Invitation Cycle Waiting?', [5, 1], 'Boolean($json.resumeUrl)');
	const wake = b.add(
		'Wake the Invitation Cycle',
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'GET',
			url: "={{ $('Record Reply').item.json.resumeUrl }}",
			options: { response: { response: { neverError: true } }, timeout: 10000 },
		},
		[6, 0],
		{ onError: 'continueRegularOutput' },
	);
	const thanks = answerPage(
		b,
		'Thank You Page',
		[7, 1],
		'Vielen Dank / Thank you',
		'Ihre Antwort ist angekommen. Das BEM-Team meldet sich bei Ihnen. / Your reply has been received. The BEM team will be in touch.',
	);
	const already = answerPage(
		b,
		'Already Answered Page',
		[5, 2],
		'Antwort liegt bereits vor / Reply already received',
		'Auf dieses Schreiben haben Sie bereits geantwortet. Diese Eingabe hat nichts geändert. Möchten Sie Ihre Entscheidung ändern, wenden Sie sich bitte an die im Schreiben genannte Ansprechperson. / You have already replied to this letter. This submission changed nothing. To change your decision, please contact the person named in the letter.',
	);
	const invalid = answerPage(
		b,
		'Link Invalid or Expired Page',
		[4, 3],
		'Link ungültig oder abgelaufen / Link invalid or expired',
		'Dieser Link ist ungültig oder abgelaufen. Es wurde nichts gespeichert. Bitte wenden Sie sich an die im Schreiben genannte Ansprechperson. / This link is invalid or has expired. Nothing was recorded. Please contact the person named in the letter.',
	);
	b.connect(valid, answeredBefore, 0).connect(valid, invalid, 1);
	b.connect(answeredBefore, already, 0).connect(answeredBefore, ownResume, 1);
	b.connect(ownResume, wake, 0).connect(ownResume, thanks, 1).connect(wake, thanks);
	b.note(
		'2 · Answer page',
		'After a valid answer the waiting invitation cycle of this case is woken — only through the resume link the BEM file recorded with the letter, never one from the request — and the employee sees a thank-you page. Each link answers its letter once: a second submit, or the link of an earlier letter, changes nothing and says so. An invalid or expired link shows a clear page naming who to contact. The form gets its page as the answer to the submit and the execution ends there: nothing waits in n8n with the token, the case or the resume link.',
		[4, 0],
		[7, 3],
		5,
	);
	return b.toJSON();
};

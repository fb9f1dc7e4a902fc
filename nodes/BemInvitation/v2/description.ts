import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_LINK_GRACE_DAYS } from '../../../core/process';

export const invitationProperties: INodeProperties[] = [
	{
		displayName:
			'Claims the invitation in the BEM file (invitation_sent / second_invitation_sent, once per case and letter), renders the letter with the deadline the case keeps and a signed reply link, and archives a copy. "sent" is true only for the run that claimed the letter: send the mail only then.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Letter',
		name: 'letter',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'First Invitation',
				value: 'first',
				description: 'Records invitation_sent; the case must be open (or deferred)',
			},
			{
				name: 'Second Invitation',
				value: 'second',
				description:
					'Records second_invitation_sent; only after the first reply deadline has passed',
			},
		],
		default: 'first',
	},
	{
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '={{ $json.caseId }}',
		required: true,
		description: 'The BEM case the letter belongs to (from the BEM Case node)',
	},
	{
		displayName: 'Letter Date',
		name: 'on',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		description: 'The date of the letter and of the recorded event. Empty: today in Europe/Berlin.',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [
			{ name: 'German', value: 'de' },
			{ name: 'English', value: 'en' },
		],
		default: 'de',
	},
	{
		displayName: 'Employee',
		name: 'employee',
		type: 'json',
		default: '={{ $json.employee }}',
		required: true,
		description:
			'Who the letter goes to: name, lastName, salutation (Frau/Herr/…), email and address (lines: street, postcode and town). Identity only; health details are refused.',
	},
	{
		displayName: 'Salutation',
		name: 'salutation',
		type: 'options',
		options: [
			{
				name: 'Neutral',
				value: 'neutral',
				description: '"Guten Tag Vorname Nachname," for everyone ("Dear …" in English)',
			},
			{
				name: 'From HRIS',
				value: 'fromHris',
				description:
					'"Sehr geehrte Frau …" / "Sehr geehrter Herr …" from employee.salutation (Frau/Herr) or employee.gender (female/male); neutral when missing or diverse',
			},
		],
		default: 'neutral',
	},
	{
		displayName: 'Company',
		name: 'company',
		type: 'json',
		default: '={{ $json.company }}',
		required: true,
		description:
			'Company settings: name, letterhead, place, contact {name, role, phone, email}, dpoContact, controller, representation (worksCouncil/staffCouncil), employerParticipants (who takes part for the employer, e.g. ["die BEM-Beauftragte", "der Betriebsrat"]; default: the contact person). Holidays and retention come from the BEM Store credential.',
	},
	{
		displayName: 'Reply Form URL',
		name: 'replyFormUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/form/bem-reply',
		description:
			'The reply form the letter links to; a signed token naming the case is added, valid until after the deadline',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attach PDF',
				name: 'pdf',
				type: 'boolean',
				default: true,
				description: 'Whether to render the letter as a PDF (binary output and archive copy)',
			},
			{
				displayName: 'Delivered On',
				name: 'deliveredOn',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description:
					'The day the invitation was received, when known (e.g. handed over or a delivery receipt): the reply period runs from it',
			},
			{
				displayName: 'Delivery Channel',
				name: 'channel',
				type: 'options',
				options: [
					{
						name: 'Automatic (E-Mail if the Employee Has an Address, Else Letter)',
						value: 'auto',
					},
					{ name: 'E-Mail', value: 'email' },
					{ name: 'Letter by Post', value: 'letter' },
					{ name: 'By Hand', value: 'hand' },
				],
				default: 'auto',
				description:
					"How the invitation reaches the employee: the reply period runs from receipt, and a posted letter counts as received the credential's Postal Days working days after posting",
			},
			{
				displayName: 'Put PDF in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'letter',
				description: 'The binary field that holds the PDF',
			},
			{
				displayName: 'Reply Link Grace Days',
				name: 'linkGraceDays',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 365 },
				default: DEFAULT_LINK_GRACE_DAYS,
				description: 'Days after the reply deadline during which the reply link is still accepted',
			},
			{
				displayName: 'Resume URL of the Waiting Cycle',
				name: 'resumeUrl',
				type: 'string',
				default: '',
				placeholder: '={{ $execution.resumeUrl }}',
				description:
					'The resume link of the n8n execution that waits for the reply (.../webhook-waiting/ID). Recorded with the letter in the BEM file; the reply form wakes only the link recorded there, never one from the request.',
			},
			{
				displayName: 'Template Override',
				name: 'template',
				type: 'json',
				default: '{}',
				description:
					'Company wording: {subject, greeting, closing, sections: {key: {heading, text} | null}, order: [keys]}. Refused if it drops a mandatory element (offer, voluntariness, data protection, deadline, …).',
			},
		],
	},
];

import { dueReminderMails } from '../../../../core/process';
import {
	accessOf,
	BemParamError,
	businessDay,
	dayProperty,
	purposeProperty,
	textOf,
} from '../../../shared/bemCaseParams';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('dueReminders');

/** an address, roughly: the mail node checks it for real, this only catches a wrong field */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

// The Deadline Sweep's reminders (core/process/reminders.ts): one item per recipient with the mail to
// send. Each item (recipient, thing, day) is claimed in the reminder log first, so a rerun the same day
// gives no item for what was already mailed.
export const dueReminders: BemCaseOperation = {
	properties: [
		{
			displayName:
				'One item per recipient, each a mail to send: reviews due, cases with no step for 90 days and cases opened but not invited go to the BEM officer; each overdue measure to its owner. Each reminder is claimed once per day in the BEM file: run it again the same day and it gives only what is new.',
			name: 'dueRemindersNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		dayProperty(
			'on',
			'On',
			'Business date of the reminders (YYYY-MM-DD). Empty: today in Germany.',
			show,
		),
		{
			displayName: 'BEM Officer E-Mail',
			name: 'officerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: show,
			description: 'Who gets the escalations and the review reminders',
		},
		{
			displayName: 'BEM Officer Name',
			name: 'officerName',
			type: 'string',
			default: '',
			displayOptions: show,
			description: 'For the greeting; empty: a neutral one',
		},
		purposeProperty('deadline sweep: reminders', show),
	],
	async execute({ itemIndex, handle }) {
		const email = textOf(this, itemIndex, 'officerEmail');
		if (!EMAIL.test(email))
			throw new BemParamError('field "officerEmail": must be an e-mail address', 'officerEmail');
		const name = String(this.getNodeParameter('officerName', itemIndex, '') ?? '').trim();
		const mails = await dueReminderMails({
			store: handle.store,
			on: businessDay(this, itemIndex),
			officer: { email, ...(name ? { name } : {}) },
			access: accessOf(this, itemIndex, handle),
		});
		return mails.map((m) => ({ ...m, items: m.items.map((i) => ({ ...i })) }));
	},
};

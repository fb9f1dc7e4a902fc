// The BEM process's write protocols: the steps that must happen exactly once, whoever calls them (the
// nodes, or an integrator through the package's index.js).
export {
	DEFAULT_LINK_GRACE_DAYS,
	linkValidUntil,
	sendInvitation,
	type InvitationRequest,
	type InvitationResult,
	type InvitationStore,
} from './invitation';
export { recordOrConfirm, recordStepOnce } from './record';
export {
	composeReminderMail,
	dueReminderMails,
	reminderKey,
	REMINDER_SOURCES,
	reviewsDue,
	staleCases,
	uninvitedCases,
	type DueReminder,
	type ReminderContext,
	type ReminderItem,
	type ReminderMail,
	type ReminderSource,
} from './reminders';
export { overdueMeasures } from './measureReminders';

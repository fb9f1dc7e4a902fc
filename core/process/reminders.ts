import type { State } from '../lifecycle/names';
import type { Access, BemStore, ReminderClaim } from '../store/types';
import { overdueMeasures } from './measureReminders';

// The Deadline Sweep's reminders (issue 15 "Reminders"): each source lists what is due for whom; the
// reminder log claims each (recipient, item, day) once, so a rerun or a racing run the same day sends
// nothing twice; what this run claimed is grouped into one mail per recipient. Ids, dates and measure
// labels only: no case content, no health data.

export type ReminderKind = 'review' | 'stale' | 'uninvited' | 'measure';

export interface ReminderItem {
	kind: ReminderKind;
	caseId: string;
	/** the personnel number: in the BEM officer's mail only, never in a measure owner's */
	employeeId?: string;
	/** the case's state (stale cases), the day it fell due (reviews, measures), the day it opened */
	state?: State;
	dueOn?: string;
	openedOn?: string;
	measureId?: string;
	/** the measure's catalogue label */
	label?: string;
	/** a measure whose owner is not in the directory (a role name, or removed) goes to the officer, naming it */
	owner?: string;
}

export interface ReminderRecipient {
	email: string;
	name?: string;
}

export interface DueReminder {
	to: ReminderRecipient;
	item: ReminderItem;
}

export interface ReminderContext {
	store: BemStore;
	/** the sweep's business date */
	on: string;
	/** who gets the escalations and review reminders */
	officer: ReminderRecipient;
	access: Access;
}

/** One kind of due item: what it finds for whom on the day. */
export type ReminderSource = (ctx: ReminderContext) => Promise<DueReminder[]>;

const cases = (ctx: ReminderContext, q: Parameters<BemStore['findCases']>[0], purpose: string) =>
	ctx.store.findCases(q, { ...ctx.access, purpose: `deadline sweep: ${purpose}` });

/** Reviews due or overdue: the officer arranges them. */
export const reviewsDue: ReminderSource = async (ctx) =>
	(await cases(ctx, { reviewDueOn: ctx.on }, 'reviews due')).map((c) => ({
		to: ctx.officer,
		item: {
			kind: 'review',
			caseId: c.id,
			employeeId: c.employeeId,
			dueOn: c.reviewDueOn as string,
		},
	}));

/**
 * Cases not closed with no event in 90 days: escalated (case-file.md staleOn). Not a case whose review
 * is due (reviewsDue names it: the first review comes 3 months after the implementation, so such a case
 * is always quiet 90 days), nor a deferred one waiting for its follow-up day (the employee asked to wait).
 */
export const staleCases: ReminderSource = async (ctx) =>
	(await cases(ctx, { staleOn: ctx.on }, 'stale cases'))
		.filter((c) => !(c.reviewDueOn !== null && c.reviewDueOn <= ctx.on))
		.filter((c) => !(c.state === 'deferred' && c.followUpOn !== null && c.followUpOn > ctx.on))
		.map((c) => ({
			to: ctx.officer,
			item: { kind: 'stale', caseId: c.id, employeeId: c.employeeId, state: c.state },
		}));

/**
 * Cases opened before the day and still not invited (no contact data in the HRIS, or a cycle that never
 * ran and a letter that failed): the duty to offer the BEM stands, so the officer hears of them.
 */
export const uninvitedCases: ReminderSource = async (ctx) =>
	(await cases(ctx, { state: 'open' }, 'cases not invited'))
		.filter((c) => c.openedOn < ctx.on)
		.map((c) => ({
			to: ctx.officer,
			item: { kind: 'uninvited', caseId: c.id, employeeId: c.employeeId, openedOn: c.openedOn },
		}));

/** Every source the sweep asks, the officer's first. */
export const REMINDER_SOURCES: readonly ReminderSource[] = [
	reviewsDue,
	staleCases,
	uninvitedCases,
	overdueMeasures,
];

/** The item's key in the reminder log: the same item on the same day is claimed once. */
export function reminderKey(item: ReminderItem): string {
	const parts: string[] = [item.kind, item.caseId];
	if (item.measureId) parts.push(item.measureId);
	// a review due again after a failed one is a new reminder
	if (item.kind === 'review' && item.dueOn) parts.push(item.dueOn);
	return parts.join(':');
}

export interface ReminderMail {
	to: string;
	name?: string;
	subject: string;
	text: string;
	items: ReminderItem[];
}

/**
 * What the sources find due on the day, claimed in the reminder log, as one mail per recipient. Only
 * the items this call claimed are in the mails: send every mail returned, and nothing else.
 */
export async function dueReminderMails(
	ctx: ReminderContext,
	sources: readonly ReminderSource[] = REMINDER_SOURCES,
): Promise<ReminderMail[]> {
	const due = new Map<string, DueReminder>();
	for (const source of sources)
		for (const r of await source(ctx)) {
			const recipient = r.to.email.trim().toLowerCase();
			due.set(`${recipient} ${reminderKey(r.item)}`, { ...r, to: { ...r.to, email: recipient } });
		}
	if (due.size === 0) return [];
	const claims: ReminderClaim[] = [...due.values()].map((r) => ({
		recipient: r.to.email,
		item: reminderKey(r.item),
		caseId: r.item.caseId,
	}));
	const claimed = await ctx.store.claimReminders(ctx.on, claims, {
		...ctx.access,
		purpose: 'deadline sweep: reminder log',
	});
	const byRecipient = new Map<string, DueReminder[]>();
	for (const c of claimed) {
		const r = due.get(`${c.recipient} ${c.item}`) as DueReminder;
		byRecipient.set(c.recipient, [...(byRecipient.get(c.recipient) ?? []), r]);
	}
	return [...byRecipient.values()].map((list) =>
		composeReminderMail(
			list[0].to,
			ctx.on,
			list.map((r) => r.item),
		),
	);
}

const STATE_DE: Record<State, string> = {
	open: 'geöffnet',
	invited: 'eingeladen',
	reinvited: 'erneut eingeladen',
	deferred: 'zurückgestellt',
	accepted: 'zugestimmt',
	in_progress: 'in Bearbeitung',
	review: 'in Überprüfung',
	closed: 'abgeschlossen',
};

const who = (i: ReminderItem) =>
	`Fall ${i.caseId}${i.employeeId ? ` (Personalnummer ${i.employeeId})` : ''}`;

const SECTIONS: Record<
	ReminderKind,
	{ heading: string; count: (n: number) => string; line: (i: ReminderItem) => string }
> = {
	review: {
		heading:
			'Wirksamkeitsprüfung fällig (Gespräch vereinbaren und mit dem Formular "Fallschritte" festhalten):',
		count: (n) => `${n} Wirksamkeitsprüfung${n === 1 ? '' : 'en'} fällig`,
		line: (i) => `${who(i)}: fällig seit ${i.dueOn}`,
	},
	stale: {
		heading: 'Seit 90 Tagen ohne Schritt (Eskalation: bitte den Fall aufgreifen oder abschließen):',
		count: (n) => `${n} ${n === 1 ? 'Fall' : 'Fälle'} ohne Schritt seit 90 Tagen`,
		line: (i) => `${who(i)}: Stand ${STATE_DE[i.state as State] ?? i.state}`,
	},
	uninvited: {
		heading:
			'Geöffnet, aber noch nicht eingeladen (z. B. fehlen Kontaktdaten im HRIS; die Pflicht zum Angebot besteht):',
		count: (n) => `${n} ${n === 1 ? 'Fall' : 'Fälle'} nicht eingeladen`,
		line: (i) => `${who(i)}: geöffnet am ${i.openedOn}`,
	},
	measure: {
		heading: 'Überfällige Maßnahmen:',
		count: (n) => `${n} Maßnahme${n === 1 ? '' : 'n'} überfällig`,
		line: (i) =>
			`Fall ${i.caseId}, Maßnahme ${i.measureId}${i.label ? ` (${i.label})` : ''}: fällig seit ${i.dueOn}` +
			(i.owner ? ` — verantwortlich: ${i.owner} (keine E-Mail-Adresse im Verzeichnis)` : ''),
	},
};
const ORDER: readonly ReminderKind[] = ['review', 'stale', 'uninvited', 'measure'];

/** One recipient's mail of the day: a section per kind, ids, dates and labels only. */
export function composeReminderMail(
	to: ReminderRecipient,
	on: string,
	items: ReminderItem[],
): ReminderMail {
	const kinds = ORDER.filter((k) => items.some((i) => i.kind === k));
	const sections = kinds.map((k) =>
		[
			SECTIONS[k].heading,
			...items.filter((i) => i.kind === k).map((i) => `- ${SECTIONS[k].line(i)}`),
		].join('\n'),
	);
	const counts = kinds.map((k) => SECTIONS[k].count(items.filter((i) => i.kind === k).length));
	return {
		to: to.email,
		...(to.name ? { name: to.name } : {}),
		subject: `BEM-Erinnerung ${on}: ${counts.join(', ')}`,
		text: [
			`${to.name ? `Guten Tag ${to.name}` : 'Guten Tag'},`,
			`die BEM-Fristenkontrolle vom ${on} hat für Sie:`,
			...sections,
			`Nur ${items.some((i) => i.employeeId) ? 'Fall- und Personalnummern' : 'Fall- und Maßnahmennummern'}, Daten und Maßnahmenbezeichnungen; keine Gesundheitsdaten. Diese Erinnerung kommt je Punkt höchstens einmal am Tag.`,
		].join('\n\n'),
		items,
	};
}

import type { EventType, State } from '../lifecycle/names';
import type { KpiReport } from '../store/types';
import type { CaseStepForm } from './steps';
import type { Band, DeadlineKind, Lang } from './types';

// The cockpit's words, German first (HR reads it), English for `?lang=en`. One table per language
// with the same keys, so a missing translation is a type error.

export type Quota = Exclude<keyof KpiReport, 'counts'>;
export const QUOTAS: readonly Quota[] = [
	'angebotsquote',
	'annahmequote',
	'massnahmenquote',
	'stabilitaetsquote',
	'verbleibequote',
];

interface Words {
	title: string;
	skip: string;
	asOf: string;
	signedInAs: string;
	viewCases: string;
	viewFigures: string;
	otherLanguage: string;
	otherLanguageName: string;
	openCases: string;
	openNone: string;
	figuresOnly: string;
	summaryCaption: string;
	state: string;
	total: string;
	noDeadline: string;
	caseCol: string;
	employee: string;
	opened: string;
	deadline: string;
	urgency: string;
	nextStep: string;
	stepByProcess: string;
	timelineLink: string;
	measures: string;
	measuresNone: string;
	measuresUnavailable: string;
	owner: string;
	measure: string;
	dueOn: string;
	overdueBy: (days: number) => string;
	inDays: (days: number) => string;
	timelines: string;
	timelineOf: string;
	voided: string;
	kpis: string;
	kpiNote: (minCell: number) => string;
	suppressed: string;
	below: (minCell: number) => string;
	running: string;
	kpiTable: string;
	quarter: string;
	chartOf: (quota: string) => string;
	footer: string;
	denied: string;
	deniedText: string;
	number: (value: number) => string;
	date: (day: string) => string;
	bands: Record<Band | 'none', string>;
	states: Record<State, string>;
	deadlines: Record<DeadlineKind, string>;
	steps: Record<CaseStepForm, string>;
	waiting: Partial<Record<State, string>>;
	quotas: Record<Quota, [string, string]>;
	events: Record<EventType, string>;
	letters: Record<string, string>;
}

const percent = (decimal: string, space: string) => (value: number) =>
	`${(value * 100).toFixed(1).replace('.', decimal)}${space}%`;

const DE: Words = {
	title: 'BEM-Cockpit',
	skip: 'Zum Inhalt springen',
	asOf: 'Stand',
	signedInAs: 'Angemeldet als',
	viewCases: 'Sicht: Fälle und Kennzahlen',
	viewFigures: 'Sicht: nur Kennzahlen (keine Namen, keine Fälle)',
	otherLanguage: 'English',
	otherLanguageName: 'en',
	openCases: 'Offene Fälle nach Status',
	openNone: 'Keine offenen Fälle.',
	figuresOnly:
		'Ihre Rolle sieht nur Anzahlen und Kennzahlen. Fälle und Beschäftigte sehen die BEM-Beauftragten.',
	summaryCaption: 'Offene Fälle nach Status und Dringlichkeit der nächsten Frist',
	state: 'Status',
	total: 'Gesamt',
	noDeadline: 'ohne Frist',
	caseCol: 'Fall',
	employee: 'Beschäftigte/r (Personalnr.)',
	opened: 'Eröffnet',
	deadline: 'Nächste Frist',
	urgency: 'Dringlichkeit',
	nextStep: 'Nächster Schritt',
	stepByProcess: 'läuft im Prozess',
	timelineLink: 'Verlauf',
	measures: 'Überfällige Maßnahmen nach Verantwortlichen',
	measuresNone: 'Keine überfälligen Maßnahmen.',
	measuresUnavailable:
		'Den Maßnahmenplan aller Fälle sieht nur, wer ihn im ganzen BEM-File lesen darf (BEM-Beauftragte, Vertretung).',
	owner: 'Verantwortlich',
	measure: 'Maßnahme',
	dueOn: 'Fällig am',
	overdueBy: (d) => (d === 1 ? 'seit 1 Tag überfällig' : `seit ${d} Tagen überfällig`),
	inDays: (d) => (d === 0 ? 'heute' : d === 1 ? 'morgen' : `in ${d} Tagen`),
	timelines: 'Verlauf je Fall',
	timelineOf: 'Verlauf von Fall',
	voided: 'berichtigt (nicht mehr in Kraft)',
	kpis: 'Kennzahlen je Quartal',
	kpiNote: (n) =>
		`Nur zusammengefasste Zahlen. Eine Quote, deren Grundmenge, Zähler oder Rest weniger als ${n} Personen umfasst, wird unterdrückt (schraffiert), damit keine Zahl auf eine Person zeigt.`,
	suppressed: 'unterdrückt',
	below: (n) => `(< ${n})`,
	running: 'laufend',
	kpiTable: 'Kennzahlen als Tabelle',
	quarter: 'Quartal',
	chartOf: (q) => `${q} je Quartal`,
	footer:
		'Nur Metadaten: Fälle, Status, Fristen und Kennzahlen. Gesprächsinhalte, Notizen und Diagnosen stehen nicht im Cockpit. Jeder Aufruf wird im Zugriffsprotokoll der BEM-Akte vermerkt.',
	denied: 'Kein Zugriff auf das BEM-Cockpit',
	deniedText:
		'Die Rolle dieses Zugangs erlaubt das Cockpit nicht (BEM-Beauftragte sehen Fälle, die HR-Administration Kennzahlen). Die Ablehnung ist im Zugriffsprotokoll vermerkt; eine BEM-Beauftragte oder die HR-Administration kann die Rolle vergeben.',
	number: percent(',', ' '),
	date: (d) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`,
	bands: {
		overdue: 'überfällig',
		week: '≤ 7 Tage',
		fortnight: '≤ 14 Tage',
		later: 'später',
		none: 'ohne Frist',
	},
	states: {
		open: 'Eröffnet, noch nicht eingeladen',
		invited: 'Eingeladen',
		reinvited: 'Erneut eingeladen',
		deferred: 'Zurückgestellt',
		accepted: 'Angenommen',
		in_progress: 'In Bearbeitung',
		review: 'Wirksamkeitsprüfung',
		closed: 'Abgeschlossen',
	},
	deadlines: {
		reply: 'Antwortfrist',
		followUp: 'Wiedervorlage',
		review: 'Wirksamkeitsprüfung',
		measure: 'Maßnahme fällig',
	},
	steps: {
		firstTalk: 'Einwilligung & Erstgespräch erfassen',
		caseConference: 'Fallbesprechung erfassen',
		measure: 'Maßnahme erfassen',
		review: 'Wirksamkeitsprüfung erfassen',
		close: 'Fall abschließen',
	},
	waiting: {
		open: 'Einladung folgt (Prozess)',
		invited: 'Antwort abwarten',
		reinvited: 'Antwort abwarten',
		deferred: 'Wiedervorlage abwarten',
	},
	quotas: {
		angebotsquote: ['Angebotsquote', 'eingeladene / eröffnete Fälle'],
		annahmequote: ['Annahmequote', 'angenommene / eingeladene Fälle'],
		massnahmenquote: ['Maßnahmenquote', 'Fälle mit umgesetzter Maßnahme / angenommene Fälle'],
		stabilitaetsquote: ['Stabilitätsquote', 'ohne neuen Fall binnen 12 Monaten / abgeschlossen'],
		verbleibequote: ['Verbleibequote', 'nach 12 Monaten noch beschäftigt / abgeschlossen'],
	},
	events: {
		case_opened: 'Fall eröffnet',
		invitation_sent: 'Einladung versandt',
		second_invitation_sent: 'Erneute Einladung versandt',
		reply_accepted: 'BEM angenommen',
		reply_declined: 'BEM abgelehnt',
		reply_deadline_passed: 'Antwortfrist verstrichen',
		first_talk_held: 'Erstgespräch geführt',
		case_conference_held: 'Fallbesprechung',
		measure_planned: 'Maßnahme geplant',
		measure_implemented: 'Maßnahme umgesetzt',
		measure_started: 'Maßnahme begonnen',
		measure_dropped: 'Maßnahme verworfen',
		review_held: 'Wirksamkeitsprüfung',
		statement_period_started: 'Stellungnahmefrist begonnen',
		withdrawn: 'Von der/dem Beschäftigten beendet',
		case_closed: 'Fall abgeschlossen',
		employment_ended: 'Beschäftigung beendet',
		note_added: 'Notiz',
		reply_deferred: 'Auf später verschoben',
		consent_given: 'Einwilligung erteilt',
		consent_withdrawn: 'Einwilligung widerrufen',
		event_voided: 'Eintrag berichtigt',
	},
	letters: {
		first: 'erste Einladung',
		second: 'zweite Einladung',
		email: 'per E-Mail',
		letter: 'per Post',
		hand: 'persönlich übergeben',
		accept: 'Ja',
		decline: 'Nein',
		later: 'später',
		info: 'erst Informationen',
	},
};

const EN: Words = {
	title: 'BEM cockpit',
	skip: 'Skip to content',
	asOf: 'As of',
	signedInAs: 'Signed in as',
	viewCases: 'View: cases and figures',
	viewFigures: 'View: figures only (no names, no cases)',
	otherLanguage: 'Deutsch',
	otherLanguageName: 'de',
	openCases: 'Open cases by state',
	openNone: 'No open cases.',
	figuresOnly:
		'Your role sees counts and key figures only. Cases and employees are seen by the BEM officers.',
	summaryCaption: 'Open cases by state and urgency of their next deadline',
	state: 'State',
	total: 'Total',
	noDeadline: 'no deadline',
	caseCol: 'Case',
	employee: 'Employee (personnel no.)',
	opened: 'Opened',
	deadline: 'Next deadline',
	urgency: 'Urgency',
	nextStep: 'Next step',
	stepByProcess: 'run by the process',
	timelineLink: 'Timeline',
	measures: 'Overdue measures by owner',
	measuresNone: 'No overdue measures.',
	measuresUnavailable:
		'The measure plan of all cases is shown only to those who may read it store-wide (BEM officer, deputy).',
	owner: 'Owner',
	measure: 'Measure',
	dueOn: 'Due on',
	overdueBy: (d) => (d === 1 ? 'overdue by 1 day' : `overdue by ${d} days`),
	inDays: (d) => (d === 0 ? 'today' : d === 1 ? 'tomorrow' : `in ${d} days`),
	timelines: 'Timeline per case',
	timelineOf: 'Timeline of case',
	voided: 'corrected (no longer in force)',
	kpis: 'Key figures per quarter',
	kpiNote: (n) =>
		`Aggregated figures only. A quota whose base, numerator or rest covers fewer than ${n} persons is suppressed (hatched), so no figure points at one person.`,
	suppressed: 'suppressed',
	below: (n) => `(< ${n})`,
	running: 'running',
	kpiTable: 'Key figures as a table',
	quarter: 'Quarter',
	chartOf: (q) => `${q} per quarter`,
	footer:
		'Metadata only: cases, states, deadlines and figures. Talk contents, notes and diagnoses are never shown here. Every visit is recorded in the BEM file’s access log.',
	denied: 'No access to the BEM cockpit',
	deniedText:
		'The role of this login does not allow the cockpit (BEM officers see cases, HR administration the figures). The refusal is in the access log; a BEM officer or the HR administration can grant the role.',
	number: percent('.', ''),
	date: (d) => d,
	bands: {
		overdue: 'overdue',
		week: '≤ 7 days',
		fortnight: '≤ 14 days',
		later: 'later',
		none: 'no deadline',
	},
	states: {
		open: 'Opened, not yet invited',
		invited: 'Invited',
		reinvited: 'Invited again',
		deferred: 'Deferred',
		accepted: 'Accepted',
		in_progress: 'In progress',
		review: 'Effectiveness review',
		closed: 'Closed',
	},
	deadlines: {
		reply: 'Reply deadline',
		followUp: 'Follow-up',
		review: 'Effectiveness review',
		measure: 'Measure due',
	},
	steps: {
		firstTalk: 'Record consent & first talk',
		caseConference: 'Record case conference',
		measure: 'Record a measure',
		review: 'Record effectiveness review',
		close: 'Close the case',
	},
	waiting: {
		open: 'Invitation follows (process)',
		invited: 'Awaiting reply',
		reinvited: 'Awaiting reply',
		deferred: 'Awaiting follow-up',
	},
	quotas: {
		angebotsquote: ['Offer rate', 'cases invited / cases opened'],
		annahmequote: ['Acceptance rate', 'cases accepted / cases invited'],
		massnahmenquote: ['Measure rate', 'cases with a measure implemented / cases accepted'],
		stabilitaetsquote: ['Stability rate', 'no new case within 12 months / completed'],
		verbleibequote: ['Retention rate', 'still employed 12 months later / completed'],
	},
	events: {
		case_opened: 'Case opened',
		invitation_sent: 'Invitation sent',
		second_invitation_sent: 'Second invitation sent',
		reply_accepted: 'BEM accepted',
		reply_declined: 'BEM declined',
		reply_deadline_passed: 'Reply deadline passed',
		first_talk_held: 'First talk held',
		case_conference_held: 'Case conference',
		measure_planned: 'Measure planned',
		measure_implemented: 'Measure implemented',
		measure_started: 'Measure started',
		measure_dropped: 'Measure dropped',
		review_held: 'Effectiveness review',
		statement_period_started: 'Statement period started',
		withdrawn: 'Ended by the employee',
		case_closed: 'Case closed',
		employment_ended: 'Employment ended',
		note_added: 'Note',
		reply_deferred: 'Deferred until later',
		consent_given: 'Consent given',
		consent_withdrawn: 'Consent withdrawn',
		event_voided: 'Entry corrected',
	},
	letters: {
		first: 'first invitation',
		second: 'second invitation',
		email: 'by e-mail',
		letter: 'by post',
		hand: 'handed over',
		accept: 'yes',
		decline: 'no',
		later: 'later',
		info: 'information first',
	},
};

export const WORDS: Record<Lang, Words> = { de: DE, en: EN };

/** The page's language from a query value: English for 'en…', else German. */
export const langOf = (value: unknown): Lang =>
	typeof value === 'string' && /^en\b/i.test(value.trim()) ? 'en' : 'de';

// 7 · KPI report: on the 1st of every quarter the five BEM quotas of the last full calendar quarter (or
// month or year: Settings' period) go to HR as an HTML table. The store takes whole calendar periods only
// and withholds a quota whose base, numerator or rest is a group too small (case-file.md "KPIs").
'use strict';
const { WorkflowBuilder } = require('./builder');
const { IDS, settingsNode, sendEmail } = require('./common');
const { bemCase, startTriggers, TODAY } = require('./bemNodes');
const { TODAY: BERLIN_TODAY } = require('./process');

const SUPPRESSED = '– (group too small)';
const WITHHELD_NOTE =
	'A quota whose base, numerator or rest has fewer persons than the BEM Store credential’s KPI Minimum Group Size (default 5) is not shown, so no figure can point at one employee.';

/** The quotas as the table lists them: KpiReport key, name, what it measures. */
const QUOTAS = [
	['angebotsquote', 'Angebotsquote', 'cases invited / cases opened'],
	['annahmequote', 'Annahmequote', 'cases accepted / cases invited'],
	['massnahmenquote', 'Maßnahmenquote', 'cases with a measure implemented / cases accepted'],
	[
		'stabilitaetsquote',
		'Stabilitätsquote',
		'completed cases without a new case within 12 months / cases completed 12+ months ago',
	],
	[
		'verbleibequote',
		'Verbleibequote',
		'completed cases still employed 12 months later / cases completed 12+ months ago',
	],
];

/** the first day of the current calendar period of `today` (Luxon, in the Settings node) */
const periodStart = () =>
	`DateTime.fromISO($json.today || ${BERLIN_TODAY}).startOf($json.period || 'quarter')`;
/** one period back */
const PERIOD_LENGTH =
	"(($json.period || 'quarter') === 'year' ? { years: 1 } : ($json.period || 'quarter') === 'month' ? { months: 1 } : { months: 3 })";

const percent = (key) =>
	`{{ $json.${key} === null || $json.${key} === undefined ? '${SUPPRESSED}' : ($json.${key} * 100).toFixed(1).replace('.', ',') + ' %' }}`;

function table() {
	const cell = 'style="border:1px solid #ccc;padding:6px 10px;text-align:left"';
	const rows = QUOTAS.map(
		([key, name, what]) =>
			`<tr><td ${cell}><b>${name}</b></td><td ${cell}>${percent(key)}</td><td ${cell}>${what}</td></tr>`,
	).join('\n');
	return (
		"=<p>BEM key figures for {{ $('Settings').first().json.from }} to {{ $('Settings').first().json.to }}:</p>\n" +
		`<table style="border-collapse:collapse">\n<tr><th ${cell}>Quota</th><th ${cell}>Value</th><th ${cell}>Definition</th></tr>\n${rows}\n</table>\n` +
		`<p>Aggregated figures only. ${WITHHELD_NOTE}</p>`
	);
}

function text() {
	const lines = QUOTAS.map(([key, name]) => `${name}: ${percent(key)}`).join('\n');
	return `=BEM key figures for {{ $('Settings').first().json.from }} to {{ $('Settings').first().json.to }}:\n\n${lines}\n\n${WITHHELD_NOTE}`;
}

module.exports = function kpiReport() {
	const b = new WorkflowBuilder({
		id: IDS.kpiReport,
		name: 'BEM · 7 KPI Report (Quarterly)',
		failedRuns: 'keep',
		settings: { errorWorkflow: IDS.errorAlert },
	});
	const settings = settingsNode(b, [1, 2], {
		hrEmail: 'bem-team@example.com',
		senderEmail: 'bem@example.com',
		today: TODAY,
		// 'month', 'quarter' or 'year': the last full calendar one before `today` (the store refuses any other)
		period: `={{ $json.period || 'quarter' }}`,
		from: `={{ ${periodStart()}.minus(${PERIOD_LENGTH}).toFormat('yyyy-MM-dd') }}`,
		to: `={{ ${periodStart()}.minus({ days: 1 }).toFormat('yyyy-MM-dd') }}`,
	});
	startTriggers(
		b,
		[0, 1],
		'On the 1st of Every Quarter',
		{ field: 'months', monthsInterval: 3, triggerAtDayOfMonth: 1, triggerAtHour: 6 },
		settings,
	);
	const kpis = bemCase(b, 'Compute the Five Quotas', [2, 2], {
		operation: 'kpiReport',
		from: '={{ $json.from }}',
		to: '={{ $json.to }}',
	});
	const mail = sendEmail(b, 'Mail the KPI Report to HR', [3, 2], {
		from: "={{ $('Settings').first().json.senderEmail }}",
		to: "={{ $('Settings').first().json.hrEmail }}",
		subject:
			"=BEM key figures {{ $('Settings').first().json.from }} – {{ $('Settings').first().json.to }}",
		text: text(),
		html: table(),
	});
	b.connect(settings, kpis).connect(kpis, mail);
	b.note(
		'KPI report: the five quotas, quarterly',
		'On the 1st of each quarter HR gets the Angebots-, Annahme-, Maßnahmen-, Stabilitäts- and Verbleibequote of the last full calendar quarter as a table (set **period** in Settings to month or year for those; the store takes whole calendar periods only). Aggregates only: a quota whose base, numerator or rest is too small a group shows “– (group too small)”. Set the addresses in **Settings**.',
		[0, 1],
		[3, 3],
		6,
	);
	return b.toJSON();
};

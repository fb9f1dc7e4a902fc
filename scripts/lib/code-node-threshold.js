// What a competent user writes in an n8n Code node for the same §167 rules, as the benchmark's fair
// baselines (issue 12): epoch day numbers from Date.parse, the AU days as a Set, then either
//  - daySetThreshold: for each AU day, recount the AU working days of its window over the day list, or
//  - slidingWindowThreshold: one sort and a two-pointer sliding window.
// Scope: the contract's defaults (reaches, whole days, calendar-year window) with workdays or
// workPatterns (AU weeks in floats, 1e-9 tolerance), counted kinds and lastBemClosedOn. Both return
// reachedOn, countedWorkingDays and countedAuWeeks, which the benchmark checks against the engine.
'use strict';

const DAY = 86400000;
// the same counted kinds as the engine's defaults (a Code node would list them as the contract does)
const COUNTED = new Set(require('../../dist/core/index.js').DEFAULT_COUNTED_KINDS);
const toDay = (text) => Math.floor(Date.parse(text.slice(0, 10) + 'T00:00:00Z') / DAY);
const fromDay = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const weekday = (day) => ((day + 3) % 7) + 1; // 1970-01-01 was a Thursday

/** D minus one calendar year plus one day (29 Feb minus a year is 28 Feb). */
function windowStart(day) {
	const d = new Date(day * DAY);
	const y = d.getUTCFullYear() - 1;
	const m = d.getUTCMonth();
	const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY + 1;
}

/** The employee's patterns as [{ from, days: Set, perWeek }], and the one in force on a day. */
function patternsOf(input) {
	const list = input.workPatterns ?? [
		{ from: '0001-01-01', workdays: input.workdays ?? [1, 2, 3, 4, 5] },
	];
	const patterns = list.map((p, i) => ({
		from: i === 0 ? -Infinity : toDay(p.from),
		days: new Set(p.workdays),
		perWeek: new Set(p.workdays).size,
	}));
	return (day) => {
		let p = patterns[0];
		for (const q of patterns) if (q.from <= day) p = q;
		return p;
	};
}

/** The sorted AU days (each once) and what each adds in weeks (0 off a working day). */
function auDaysOf(input, ref) {
	const reset = input.lastBemClosedOn ? toDay(input.lastBemClosedOn) + 1 : -Infinity;
	const set = new Set();
	for (const rec of input.absences) {
		if (!COUNTED.has(rec.kind ?? 'sick')) continue;
		const end = Math.min(rec.end ? toDay(rec.end) : ref, ref);
		for (let d = Math.max(toDay(rec.start), reset); d <= end; d++) set.add(d);
	}
	const days = [...set].sort((a, b) => a - b);
	const patternOn = patternsOf(input);
	const weeks = days.map((d) => {
		const p = patternOn(d);
		return p.days.has(weekday(d)) ? 1 / p.perWeek : 0;
	});
	return { days, weeks, reset };
}

function figuresAt(days, weeks, from) {
	let countedWorkingDays = 0;
	let countedAuWeeks = 0;
	for (let i = 0; i < days.length; i++) {
		if (days[i] < from) continue;
		if (weeks[i] > 0) countedWorkingDays++;
		countedAuWeeks += weeks[i];
	}
	return { countedWorkingDays, countedAuWeeks: Math.round(countedAuWeeks * 1e4) / 1e4 };
}

function daySetThreshold(input, referenceDate) {
	const ref = toDay(referenceDate);
	const { days, weeks, reset } = auDaysOf(input, ref);
	let reachedOn = null;
	let run = 0;
	for (let i = 0; i < days.length && reachedOn === null; i++) {
		run = i > 0 && days[i] === days[i - 1] + 1 ? run + 1 : 1;
		const from = Math.max(windowStart(days[i]), reset);
		let sum = 0;
		for (let j = 0; j <= i; j++) if (days[j] >= from) sum += weeks[j];
		if (run >= 42 || sum >= 6 - 1e-9) reachedOn = fromDay(days[i]);
	}
	return { reachedOn, ...figuresAt(days, weeks, Math.max(windowStart(ref), reset)) };
}

function slidingWindowThreshold(input, referenceDate) {
	const ref = toDay(referenceDate);
	const { days, weeks, reset } = auDaysOf(input, ref);
	let reachedOn = null;
	let run = 0;
	let sum = 0;
	for (let i = 0, tail = 0; i < days.length; i++) {
		run = i > 0 && days[i] === days[i - 1] + 1 ? run + 1 : 1;
		sum += weeks[i];
		const from = windowStart(days[i]);
		while (days[tail] < from) sum -= weeks[tail++];
		if (run >= 42 || sum >= 6 - 1e-9) {
			reachedOn = fromDay(days[i]);
			break;
		}
	}
	return { reachedOn, ...figuresAt(days, weeks, Math.max(windowStart(ref), reset)) };
}

module.exports = { daySetThreshold, slidingWindowThreshold };

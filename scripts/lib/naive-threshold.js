// A naive day-by-day implementation of the same §167 rules, as a user would write it in an n8n Code
// node: Date objects, string keys, every window recounted for every day. The benchmark measures the
// engine against it in the same process, and the property tests use it as an independent oracle.
// Scope: the contract's defaults plus comparison, halfDayWeight, warningWorkingDays, workdays,
// workPatterns (v2: each AU working day counts 1 ÷ working days per week of its pattern, in floats with
// the contract's 1e-9 tolerance), employedSince and lastBemClosedOn.
'use strict';

const COUNTED = new Set([
	'sick',
	'sick_uncertified',
	'hospital',
	'rehab',
	'accident',
	'graduated_return',
]);
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (d, n) => {
	const x = new Date(d.getTime());
	x.setUTCDate(x.getUTCDate() + n);
	return x;
};
const isoWeekday = (d) => ((d.getUTCDay() + 6) % 7) + 1;

function windowStart(d) {
	const y = d.getUTCFullYear() - 1;
	const m = d.getUTCMonth();
	const day = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
	return addDays(new Date(Date.UTC(y, m, day)), 1);
}

function naiveThreshold(input, options) {
	const ref = new Date(options.referenceDate + 'T00:00:00Z');
	const strict = options.comparison === 'exceeds';
	const half = options.halfDayWeight ?? 1;
	const history = input.workPatterns ?? [
		{ from: '0000-01-01', workdays: input.workdays ?? [1, 2, 3, 4, 5] },
	];
	const patternOn = (d) => {
		let p = history[0];
		for (const entry of history) if (entry.from <= iso(d)) p = entry;
		return new Set(p.workdays).size;
	};
	const isWorkday = (d) => {
		let p = history[0];
		for (const entry of history) if (entry.from <= iso(d)) p = entry;
		return p.workdays.includes(isoWeekday(d));
	};
	const uniform = new Set(history.map((p) => new Set(p.workdays).size)).size === 1;
	const refDays = patternOn(ref);
	const closure = input.lastBemClosedOn
		? addDays(new Date(input.lastBemClosedOn + 'T00:00:00Z'), 1)
		: null;
	const hired = input.employedSince ? new Date(input.employedSince + 'T00:00:00Z') : null;
	const reset = closure && hired ? (closure > hired ? closure : hired) : (closure ?? hired);
	const au = {}; // 'YYYY-MM-DD' -> weight
	for (const rec of input.absences) {
		if (!COUNTED.has(rec.kind ?? 'sick')) continue;
		const start = new Date(rec.start + 'T00:00:00Z');
		const end = rec.end ? new Date(rec.end + 'T00:00:00Z') : ref;
		for (let d = start; d <= end && d <= ref; d = addDays(d, 1)) {
			if (reset && d < reset) continue;
			const single = rec.start === (rec.end ?? null);
			const isHalf = single
				? rec.startHalf || rec.endHalf
				: (iso(d) === rec.start && rec.startHalf) || (iso(d) === rec.end && rec.endHalf);
			const w = isHalf ? half : 1;
			au[iso(d)] = Math.max(au[iso(d)] ?? 0, w);
		}
	}
	const auDays = Object.keys(au).sort();
	const measure = (d) => {
		let s = windowStart(d);
		if (reset && reset > s) s = reset;
		let counted = 0;
		let weeks = 0;
		let longest = 0;
		let run = 0;
		for (let x = s; x <= d; x = addDays(x, 1)) {
			const w = au[iso(x)];
			if (w !== undefined) {
				run++;
				if (isWorkday(x)) {
					counted += w;
					weeks += w / patternOn(x);
				}
			} else run = 0;
			longest = Math.max(longest, run);
		}
		return { s, counted, weeks, longest };
	};
	let reachedOn = null;
	let reason = null;
	if (auDays.length > 0) {
		for (let d = new Date(auDays[0] + 'T00:00:00Z'); d <= ref; d = addDays(d, 1)) {
			const m = measure(d);
			const cont = strict ? m.longest > 42 : m.longest >= 42;
			const cum = strict ? m.weeks > 6 + 1e-9 : m.weeks >= 6 - 1e-9;
			if (cont || cum) {
				reachedOn = iso(d);
				reason = cont ? 'continuous' : 'cumulative';
				break;
			}
		}
	}
	const atRef = measure(ref);
	const threshold = 6 * refDays;
	const round4 = (x) => Math.round(x * 1e4) / 1e4;
	const remaining = round4(
		Math.max(0, uniform ? threshold - atRef.counted : (6 - atRef.weeks) * refDays),
	);
	return {
		employeeId: input.employeeId,
		status: reachedOn
			? 'due'
			: remaining <= (options.warningWorkingDays ?? refDays)
				? 'approaching'
				: 'below',
		reachedOn,
		reason,
		windowStart: iso(atRef.s),
		windowEnd: iso(ref),
		countedWorkingDays: atRef.counted,
		thresholdWorkingDays: threshold,
		countedAuWeeks: round4(atRef.weeks),
		longestContinuousCalendarDays: atRef.longest,
		remainingWorkingDays: remaining,
	};
}

module.exports = { naiveThreshold };

// Deterministic synthetic employees for the benchmark and the demo: a seeded PRNG, realistic spells
// (mostly 1–5 days, some weeks-long), part-time patterns, half days, other absence kinds mixed in.
'use strict';

function prng(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PATTERNS = [
	[1, 2, 3, 4, 5],
	[1, 2, 3, 4, 5],
	[1, 2, 3, 4, 5],
	[1, 2, 3, 4],
	[1, 3, 5],
	[1, 2, 3, 4, 5, 6],
];
const KINDS = [
	'sick',
	'sick',
	'sick',
	'sick',
	'sick_uncertified',
	'hospital',
	'vacation',
	'child_sick',
];
const DAY = 86400000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * `count` employees with `recordsEach` absence records each, spread over the two years before
 * `referenceDate`. A share `historyShare` of them carry a work-pattern history of 2–3 entries (contract
 * v2) drawn from a PRNG of its own, so the records stay the same whatever the share.
 */
function sampleEmployees(
	count,
	recordsEach,
	referenceDate = '2026-11-22',
	seed = 167,
	historyShare = 0,
) {
	const rand = prng(seed);
	const historyRand = prng(seed + 1);
	const refMs = Date.parse(referenceDate + 'T00:00:00Z');
	const employees = new Array(count);
	for (let e = 0; e < count; e++) {
		const absences = new Array(recordsEach);
		let cursor = refMs - 730 * DAY;
		const gap = (730 / recordsEach) * DAY;
		for (let r = 0; r < recordsEach; r++) {
			cursor += Math.floor(rand() * gap * 1.6);
			const long = rand() < 0.05;
			const length = long ? 10 + Math.floor(rand() * 40) : 1 + Math.floor(rand() * 5);
			const start = Math.min(cursor, refMs);
			const rec = {
				start: iso(start),
				end: iso(start + (length - 1) * DAY),
				kind: KINDS[Math.floor(rand() * KINDS.length)],
			};
			if (rand() < 0.05) rec.startHalf = true;
			absences[r] = rec;
		}
		employees[e] = {
			employeeId: 'E' + String(e).padStart(6, '0'),
			workdays: PATTERNS[Math.floor(rand() * PATTERNS.length)],
			absences,
		};
		if (historyRand() < historyShare) {
			// entries at increasing dates within the two years, the last one the current pattern
			const entries = 2 + Math.floor(historyRand() * 2);
			const workPatterns = [];
			let from = refMs - 800 * DAY;
			for (let i = 0; i < entries; i++) {
				workPatterns.push({
					from: iso(from),
					workdays:
						i === entries - 1
							? employees[e].workdays
							: PATTERNS[Math.floor(historyRand() * PATTERNS.length)],
				});
				from += (60 + Math.floor(historyRand() * 300)) * DAY;
			}
			employees[e].workPatterns = workPatterns;
		}
	}
	return employees;
}

module.exports = { sampleEmployees };

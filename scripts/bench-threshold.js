// The §167 engine against what a competent user writes in a Code node (scripts/lib/code-node-threshold.js),
// in the same process, on employees of whom 20 % carry a 2–3 entry work-pattern history (contract v2).
// Targets (issues 2 and 12): ≥ 5 million records/s on one quiet core; the speed-up is given against the
// sliding-window baseline, the fair one.
'use strict';
const os = require('os');
const { evaluateThreshold } = require('../dist/core/index.js');
const { daySetThreshold, slidingWindowThreshold } = require('./lib/code-node-threshold');
const { sampleEmployees } = require('./lib/sample-employees');

const fmt = (x) => Math.round(x).toLocaleString('en-US');

/** Best of `runs` passes over `data` in records/s, and how many results differ from the engine's. */
function measure(fn, data, recordsEach, runs, referenceDate, options) {
	let best = Infinity;
	let bestCpu = Infinity;
	for (let run = 0; run < runs; run++) {
		const c0 = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		for (let i = 0; i < data.length; i++) fn(data[i], referenceDate);
		best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
		const c = process.cpuUsage(c0);
		bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
	}
	let mismatches = 0;
	for (const e of data) {
		const b = fn(e, referenceDate);
		const f = evaluateThreshold(e, options);
		if (
			b.reachedOn !== f.reachedOn ||
			b.countedWorkingDays !== f.countedWorkingDays ||
			b.countedAuWeeks !== f.countedAuWeeks
		)
			mismatches++;
	}
	const records = data.length * recordsEach;
	return { rate: records / best, cpuRate: records / bestCpu, mismatches };
}

async function benchThreshold({
	employees = 100000,
	recordsEach = 20,
	historyShare = 0.2,
	daySetEmployees = 2000,
	slidingEmployees = 20000,
} = {}) {
	const referenceDate = '2026-11-22';
	const data = sampleEmployees(employees, recordsEach, referenceDate, 167, historyShare);
	const options = { referenceDate };
	const records = employees * recordsEach;
	const withHistory = data.filter((e) => e.workPatterns).length;

	for (let i = 0; i < 2000; i++) evaluateThreshold(data[i], options); // warm-up
	const runs = [];
	const cpuRuns = [];
	let due = 0;
	for (let run = 0; run < 5; run++) {
		due = 0;
		const c0 = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		for (let i = 0; i < employees; i++)
			if (evaluateThreshold(data[i], options).status === 'due') due++;
		runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
		const c = process.cpuUsage(c0);
		cpuRuns.push((c.user + c.system) / 1e6);
	}
	const engineSeconds = Math.min(...runs);
	const engineRate = records / engineSeconds;
	// on a machine shared with other work the process's own CPU time is the nearer figure for one core
	const engineCpuRate = records / Math.min(...cpuRuns);

	const daySet = measure(
		daySetThreshold,
		data.slice(0, daySetEmployees),
		recordsEach,
		2,
		referenceDate,
		options,
	);
	const sliding = measure(
		slidingWindowThreshold,
		data.slice(0, slidingEmployees),
		recordsEach,
		3,
		referenceDate,
		options,
	);

	const mem = process.memoryUsage();
	const [load1, load5] = os.loadavg();
	console.log(
		`employees ${fmt(employees)} × ${recordsEach} records = ${fmt(records)} records, ${fmt(withHistory)} with a work-pattern history, ${fmt(due)} due`,
	);
	console.log(
		`machine: ${os.cpus().length} cores, load average ${load1.toFixed(2)} (1 min) ${load5.toFixed(2)} (5 min)`,
	);
	console.log(
		`engine:          ${engineSeconds.toFixed(3)} s → ${fmt(engineRate)} records/s (best of 5, wall clock; target ≥ 5,000,000 on a quiet core)`,
	);
	console.log(
		`engine CPU time: ${fmt(engineCpuRate)} records/s (the same runs by the process's own CPU time)`,
	);
	console.log(
		`sliding window:  ${fmt(sliding.rate)} records/s, CPU time ${fmt(sliding.cpuRate)} (Code node: one sort, two pointers; ${fmt(slidingEmployees)} employees; results differing: ${sliding.mismatches})`,
	);
	console.log(
		`day-set:         ${fmt(daySet.rate)} records/s, CPU time ${fmt(daySet.cpuRate)} (Code node: each window recounted; ${fmt(daySetEmployees)} employees; results differing: ${daySet.mismatches})`,
	);
	// by CPU time: the wall-clock runs happen at different moments of a shared machine's load
	console.log(
		`speed-up:        ${(engineCpuRate / sliding.cpuRate).toFixed(1)}× the sliding window (${(engineCpuRate / daySet.cpuRate).toFixed(0)}× the day-set expansion), by CPU time`,
	);
	console.log(
		`memory:          rss ${fmt(mem.rss / 1048576)} MiB, heap used ${fmt(mem.heapUsed / 1048576)} MiB`,
	);
	return {
		engineRate,
		engineCpuRate,
		slidingRate: sliding.rate,
		slidingCpuRate: sliding.cpuRate,
		daySetRate: daySet.rate,
		daySetCpuRate: daySet.cpuRate,
		speedup: engineCpuRate / sliding.cpuRate,
		mismatches: sliding.mismatches + daySet.mismatches,
	};
}

module.exports = { benchThreshold };

// The §167 engine against a naive day-by-day implementation (what a user would write in a Code node),
// in the same process. Targets (issue 2): ≥ 5 million records/s on one core, ≥ 20× the naive one.
'use strict';
const { evaluateThreshold } = require('../dist/core/index.js');
const { naiveThreshold } = require('./lib/naive-threshold');
const { sampleEmployees } = require('./lib/sample-employees');

async function benchThreshold({ employees = 100000, recordsEach = 20, naiveEmployees = 60 } = {}) {
	const referenceDate = '2026-11-22';
	const data = sampleEmployees(employees, recordsEach, referenceDate);
	const options = { referenceDate };
	const records = employees * recordsEach;

	for (let i = 0; i < 2000; i++) evaluateThreshold(data[i], options); // warm-up
	const runs = [];
	let due = 0;
	for (let run = 0; run < 3; run++) {
		due = 0;
		const t0 = process.hrtime.bigint();
		for (let i = 0; i < employees; i++)
			if (evaluateThreshold(data[i], options).status === 'due') due++;
		runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
	}
	const engineSeconds = Math.min(...runs);
	const engineRate = records / engineSeconds;

	const subset = data.slice(0, naiveEmployees);
	let mismatches = 0;
	const t1 = process.hrtime.bigint();
	for (const e of subset) {
		const n = naiveThreshold(e, options);
		const f = evaluateThreshold(e, options);
		if (n.reachedOn !== f.reachedOn || n.countedWorkingDays !== f.countedWorkingDays) mismatches++;
	}
	const naiveSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
	const naiveRate = (naiveEmployees * recordsEach) / naiveSeconds;

	const mem = process.memoryUsage();
	const fmt = (x) => Math.round(x).toLocaleString('en-US');
	console.log(
		`employees ${fmt(employees)} × ${recordsEach} records = ${fmt(records)} records, ${fmt(due)} due`,
	);
	console.log(
		`engine:  ${engineSeconds.toFixed(3)} s  → ${fmt(engineRate)} records/s (best of 3; target ≥ 5,000,000)`,
	);
	console.log(
		`naive:   ${fmt(naiveRate)} records/s (day by day, ${naiveEmployees} employees; results differing: ${mismatches})`,
	);
	console.log(`speed-up: ${(engineRate / naiveRate).toFixed(0)}× (target ≥ 20×)`);
	console.log(
		`memory:  rss ${fmt(mem.rss / 1048576)} MiB, heap used ${fmt(mem.heapUsed / 1048576)} MiB`,
	);
	return { engineRate, naiveRate, speedup: engineRate / naiveRate, mismatches };
}

module.exports = { benchThreshold };

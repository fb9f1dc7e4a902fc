#!/usr/bin/env node
// Runs the §167 threshold engine over a JSON file of employees (default: samples/employees.json) and
// prints who is due a BEM offer, who is approaching, who is below.
//   node scripts/threshold-sample.js [file.json] [--date YYYY-MM-DD]
'use strict';
const fs = require('fs');
const path = require('path');
const { evaluateThreshold, todayInBerlin } = require('../index.js');

const args = process.argv.slice(2);
const dateAt = args.indexOf('--date');
const referenceDate = dateAt >= 0 ? args[dateAt + 1] : todayInBerlin();
const file =
	args.find((a, i) => !a.startsWith('--') && i !== dateAt + 1) ??
	path.join(__dirname, '../samples/employees.json');

const employees = JSON.parse(fs.readFileSync(file, 'utf8'));
console.log(
	`BEM threshold (§167 Abs. 2 SGB IX) on ${referenceDate} for ${employees.length} employees from ${path.relative(process.cwd(), file)}\n`,
);
const rows = employees.map((e) => ({
	name: e.name ?? '',
	...evaluateThreshold(e, { referenceDate }),
}));
for (const status of ['due', 'approaching', 'below']) {
	const group = rows.filter((r) => r.status === status);
	console.log(`${status.toUpperCase()} (${group.length})`);
	for (const r of group) {
		const since = r.reachedOn
			? `since ${r.reachedOn} (${r.reason === 'continuous' ? '42-day run' : 'working days'})`
			: `${r.remainingWorkingDays} working days to go`;
		console.log(
			`  ${r.employeeId} ${r.name.padEnd(18)} ${String(r.countedWorkingDays).padStart(5)}/${r.thresholdWorkingDays} working days, longest run ${r.longestContinuousCalendarDays} days, ${since}`,
		);
	}
}

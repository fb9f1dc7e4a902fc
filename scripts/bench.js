#!/usr/bin/env node
// npm run bench: prints the speed figures the issues set as targets. Each part is skipped with a note
// when its module is not built yet. Run `npm run build` first (the script does it if dist is missing).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
if (!fs.existsSync(path.join(root, 'dist/core/index.js'))) {
	console.error('dist/ is missing: run `npm run build` first');
	process.exit(1);
}

const parts = [
	['threshold engine', './bench-threshold.js', 'benchThreshold'],
	['Personio fetch under its rate limit', './bench-personio.js', 'benchPersonio'],
	['BEM store', './bench-store.js', 'benchStore'],
	['detect in a real n8n', './bench-n8n.js', 'benchN8n'],
];

(async () => {
	const only = process.argv.slice(2);
	for (const [title, file, fn] of parts) {
		if (only.length && !only.some((o) => title.includes(o) || file.includes(o))) continue;
		const full = path.join(__dirname, file);
		console.log(`\n=== ${title} ===`);
		if (!fs.existsSync(full)) {
			console.log('(not part of this build)');
			continue;
		}
		await require(full)[fn]();
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});

// A V8 CPU profile (node --cpu-prof) cut to a time window and summed up: where the process spent its
// CPU while the window was open, by package (our nodes, n8n's expression engine, n8n core, …) and, for
// our own code, by function with what it called (inclusive). The profile's clock is the machine's
// monotonic clock, the same as process.hrtime in another process here, so the bench can name the window.
'use strict';

// the runtime lives under ~/.cache/n8n-nodes-bem/…: only the installed package's own dist is ours
const OURS = /\/node_modules\/n8n-nodes-bem\/dist\//;
const GROUPS = [
	['n8n-nodes-bem (our nodes and core)', OURS],
	[
		'letter PDFs (pdfkit, fontkit)',
		/\/node_modules\/(pdfkit|fontkit|@swc\/helpers|restructure|unicode-properties|unicode-trie|brotli|dfa|linebreak|png-js|jpeg-exif|crypto-js)\//,
	],
	[
		'n8n expressions (sandbox, tmpl, evaluation)',
		/n8n-workflow\/dist\/.*(Expression|expression|tmpl)|@n8n\/tournament|riot-tmpl|esprima|recast|ast-types/,
	],
	['n8n-workflow (other)', /n8n-workflow\//],
	['n8n-core (engine)', /n8n-core\//],
	['n8n cli / db / typeorm', /\/cli\/dist\/|typeorm|@n8n\/db|sqlite3|better-sqlite3/],
	['node internals', /^node:|^internal\//],
	['(garbage collector)', /^\(garbage collector\)$/],
	['(idle / program)', /^\((idle|program)\)$/],
];

function groupOf(frame) {
	const key = frame.url || `(${frame.functionName.replace(/[()]/g, '')})`;
	for (const [name, re] of GROUPS) if (re.test(key) || re.test(frame.functionName)) return name;
	const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(key)?.[1];
	return `other: ${pkg ?? key.replace(/^.*\//, '')}`;
}

/** Samples between fromUs and toUs (monotonic µs); self time by group, inclusive time of our functions. */
function summarize(profile, fromUs, toUs) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const selfByGroup = new Map();
	const oursInclusive = new Map();
	let t = profile.startTime;
	let total = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		t += profile.timeDeltas[i];
		if (t < fromUs || t > toUs) continue;
		const dt = profile.timeDeltas[i + 1] ?? 0;
		const node = byId.get(profile.samples[i]);
		const group = groupOf(node.callFrame);
		if (group.startsWith('(idle')) continue;
		total += dt;
		selfByGroup.set(group, (selfByGroup.get(group) ?? 0) + dt);
		// every one of our functions on the stack, once per sample
		const seen = new Set();
		for (let id = node.id; id !== undefined; id = parent.get(id)) {
			const f = byId.get(id).callFrame;
			if (!OURS.test(f.url)) continue;
			const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/dist\//, '')}:${f.lineNumber + 1}`;
			if (seen.has(name)) continue;
			seen.add(name);
			oursInclusive.set(name, (oursInclusive.get(name) ?? 0) + dt);
		}
	}
	const ms = (us) => us / 1000;
	return {
		cpuMs: ms(total),
		groups: [...selfByGroup].sort((a, b) => b[1] - a[1]).map(([g, us]) => [g, ms(us)]),
		ours: [...oursInclusive].sort((a, b) => b[1] - a[1]).map(([f, us]) => [f, ms(us)]),
	};
}

function print(summary, { top = 12 } = {}) {
	const pct = (x) => ((100 * x) / summary.cpuMs).toFixed(1).padStart(5);
	console.log(
		`  CPU of the n8n process during the detect run: ${(summary.cpuMs / 1000).toFixed(1)} s`,
	);
	for (const [g, ms] of summary.groups.slice(0, 16))
		console.log(`    ${pct(ms)} %  ${(ms / 1000).toFixed(2).padStart(6)} s  ${g}`);
	console.log('  our functions, with what they call (inclusive):');
	for (const [f, ms] of summary.ours.slice(0, top))
		console.log(`    ${pct(ms)} %  ${(ms / 1000).toFixed(2).padStart(6)} s  ${f}`);
}

module.exports = { summarize, print };

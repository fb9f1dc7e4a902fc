// A lock directory shared by processes of several clones (one builder of the package template at a time).
'use strict';
const fs = require('fs');
const path = require('path');

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs fn holding a lock directory (one builder of the shared package template at a time). */
function withLock(lockDir, fn, { log = () => {}, staleMs = 15 * 60000 } = {}) {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				// being created right now
			}
			let alive = true;
			try {
				if (holder) process.kill(holder, 0);
			} catch {
				alive = false;
			}
			const age =
				Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
			if (!alive || age > staleMs) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!told) log(`waiting for another install of the package (pid ${holder}, lock ${lockDir})`);
			told = true;
			sleepSync(500);
		}
	}
	try {
		return fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

module.exports = { withLock };

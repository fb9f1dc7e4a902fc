// Copies what tsc does not: node and credential icons, codex files (<Node>.node.json) and the shipped
// workflow JSON, so dist/ is the complete package n8n loads.
const path = require('path');
const { src, dest, parallel } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json'], { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

function copyCredentialIcons() {
	return src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

function copyWorkflows() {
	return src('workflows/**/*.json', { allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'workflows')),
	);
}

exports.build = parallel(copyNodeAssets, copyCredentialIcons, copyWorkflows);
exports.default = exports.build;

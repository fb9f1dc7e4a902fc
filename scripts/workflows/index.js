#!/usr/bin/env node
// Builds workflows/*.json from the definitions in this folder (npm run workflows).
'use strict';
const fs = require('fs');
const path = require('path');

const DEFINITIONS = {
	'bem-1-detect-personio.json': () => require('./detect').detect('personio'),
	'bem-1-detect-sap-hcm.json': () => require('./detect').detect('sapHcm'),
	'bem-1-detect-sap-successfactors.json': () => require('./detect').detect('sapSuccessFactors'),
	'bem-2-invitation-cycle.json': require('./invitationCycle'),
	'bem-2a-send-letter-personio.json': () => require('./sendLetter').sendLetter('personio'),
	'bem-2a-send-letter-sap-successfactors.json': () =>
		require('./sendLetter').sendLetter('sapSuccessFactors'),
	'bem-2a-send-letter-sap-hcm.json': () => require('./sendLetter').sendLetter('sapHcm'),
	'bem-3-reply-form.json': require('./reply'),
	'bem-4-deadline-sweep.json': require('./sweep'),
	'bem-4a-deadline-sweep-schedule.json': () => require('./sweep').sweepSchedule(),
	'bem-5-case-steps.json': require('./caseSteps'),
	'bem-6-retention.json': require('./retention'),
	'bem-7-kpi-report.json': require('./kpiReport'),
	'bem-8-cockpit.json': require('./cockpit'),
	'bem-9-error-alert.json': require('./errorAlert'),
};

function buildAll() {
	const out = {};
	for (const [file, build] of Object.entries(DEFINITIONS)) out[file] = build();
	return out;
}

if (require.main === module) {
	const dir = path.resolve(__dirname, '../../workflows');
	for (const [file, wf] of Object.entries(buildAll())) {
		fs.writeFileSync(path.join(dir, file), JSON.stringify(wf, null, '\t') + '\n');
		console.log(`wrote workflows/${file} (${wf.nodes.length} nodes)`);
	}
}

module.exports = { buildAll };

// Issue 12's measurement: a node type that declares `sensitiveOutputFields` (n8n-workflow's
// INodeTypeDescription, 2.41) and emits absence-like records under those fields. Loaded by n8n from
// N8N_CUSTOM_EXTENSIONS in test/e2e/redaction.e2e.test.ts; never shipped.
'use strict';

class RedactionProbe {
	constructor() {
		this.description = {
			displayName: 'Redaction Probe',
			name: 'redactionProbe',
			group: ['transform'],
			version: 1,
			description: 'Emits absence-like records under fields declared sensitive',
			defaults: { name: 'Redaction Probe' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
			sensitiveOutputFields: ['absences', 'diagnosis'],
		};
	}

	async execute() {
		return [
			[
				{
					json: {
						employeeId: 'probe-1',
						diagnosis: 'PROBE-DIAGNOSIS-F32.1',
						absences: [
							{ id: 'PROBE-ABSENCE-7', start: '2026-01-05', end: '2026-02-20', kind: 'sick' },
						],
					},
				},
			],
		];
	}
}

module.exports = { RedactionProbe };

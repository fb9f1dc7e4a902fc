// A small builder for the shipped workflow JSON: nodes on a grid, connections by node name, sticky
// notes per stage, deterministic ids. `npm run workflows` writes workflows/*.json from the definitions
// beside this file; a test checks the committed files are exactly what the definitions produce.
'use strict';
const crypto = require('crypto');

const COL = 260;
const ROW = 200;

function stableId(...parts) {
	const h = crypto.createHash('sha256').update(parts.join('/')).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

class WorkflowBuilder {
	/**
	 * @param {{ id: string, name: string, failedRuns: 'keep' | 'drop', settings?: object, tags?: string[] }} meta
	 * `failedRuns` is decided per workflow (n8n keeps failed executions, every node's items included, by
	 * default): 'keep' for workflows whose items are ids, states and dates only, so admins can see the
	 * failed step and retry it; 'drop' where items carry names, addresses, absence periods, letters, HR's
	 * free text, reply tokens or another run's error text (README, data protection).
	 */
	constructor(meta) {
		if (meta.failedRuns !== 'keep' && meta.failedRuns !== 'drop')
			throw new Error(`${meta.name}: say whether n8n keeps its failed executions (failedRuns)`);
		this.meta = meta;
		this.nodes = [];
		this.connections = {};
	}

	/** Adds a node at grid cell [col, row]; returns its name for connect(). */
	add(name, type, typeVersion, parameters, at, extra = {}) {
		if (this.nodes.some((n) => n.name === name))
			throw new Error(`${this.meta.name}: duplicate node name ${name}`);
		this.nodes.push({
			id: stableId(this.meta.id, name),
			name,
			type,
			typeVersion,
			position: [at[0] * COL, at[1] * ROW],
			parameters,
			...extra,
		});
		return name;
	}

	/** Connects an output of `from` to `to` (main connections). */
	connect(from, to, output = 0, input = 0) {
		for (const n of [from, to])
			if (!this.nodes.some((x) => x.name === n)) throw new Error(`${this.meta.name}: no node ${n}`);
		const outputs = (this.connections[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type: 'main', index: input });
		return this;
	}

	/** A sticky note explaining a stage to HR, placed over grid cells [col,row] to [col2,row2]. */
	note(title, text, from, to, color = 7) {
		const name = `Note: ${title}`;
		const x = from[0] * COL - 60;
		const y = from[1] * ROW - 200;
		this.nodes.push({
			id: stableId(this.meta.id, name),
			name,
			type: 'n8n-nodes-base.stickyNote',
			typeVersion: 1,
			position: [x, y],
			parameters: {
				content: `## ${title}\n${text}`,
				width: (to[0] - from[0] + 1) * COL,
				height: (to[1] - from[1] + 1) * ROW + 100,
				color,
			},
		});
	}

	toJSON() {
		return {
			id: this.meta.id,
			name: this.meta.name,
			nodes: this.nodes,
			connections: this.connections,
			settings: {
				executionOrder: 'v1',
				timezone: 'Europe/Berlin',
				// execution data is health-related personal data: keep none of successful runs
				saveDataSuccessExecution: 'none',
				saveDataErrorExecution: this.meta.failedRuns === 'keep' ? 'all' : 'none',
				saveManualExecutions: false,
				saveExecutionProgress: false,
				callerPolicy: 'workflowsFromSameOwner',
				...(this.meta.settings ?? {}),
			},
			pinData: {},
			tags: [],
			active: false,
			meta: { templateCredsSetupCompleted: false },
		};
	}
}

module.exports = { WorkflowBuilder, stableId };

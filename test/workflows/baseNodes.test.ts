import { BASE_NODES } from '../harness/nodeTypes';
import { getNodeTypes } from '../harness/run';

// Every n8n-nodes-base node the shipped workflows may use loads in the headless engine under jest.
it('loads every registered n8n-nodes-base node', () => {
	const types = getNodeTypes();
	for (const name of Object.keys(BASE_NODES))
		expect(types.getByName(`n8n-nodes-base.${name}`).description.name).toBe(name);
});

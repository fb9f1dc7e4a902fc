// The HRIS nodes' outputs follow their Output parameter (an n8n outputs expression, as the Switch
// node's): Records and Problems, or with BEM Threshold Results the BEM Threshold node's Due,
// Approaching, Below plus Problems — the names the editor shows and the indexes the node fills.
import { NodeHelpers, Workflow, type INode, type INodeOutputConfiguration } from 'n8n-workflow';

import { TestNodeTypes } from '../harness/nodeTypes';

const nodeTypes = new TestNodeTypes();

function outputNames(type: string, parameters: Record<string, string>): string[] {
	const node: INode = {
		id: '1',
		name: 'HRIS',
		type,
		typeVersion: 2,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const description = nodeTypes.getByNameAndVersion(type, 2).description;
	return NodeHelpers.getNodeOutputs(workflow, node, description).map(
		(o) => (o as INodeOutputConfiguration).displayName as string,
	);
}

describe.each([
	['n8n-nodes-bem.personio', 'employee'],
	['n8n-nodes-bem.sapSuccessFactors', 'user'],
	['n8n-nodes-bem.sapHcm', 'contact'],
])('%s outputs', (type, contactResource) => {
	it('are Due, Approaching, Below and Problems with BEM Threshold Results', () => {
		expect(outputNames(type, { resource: 'absence', output: 'thresholdResults' })).toEqual([
			'Due',
			'Approaching',
			'Below',
			'Problems',
		]);
	});

	it('are Records and Problems otherwise', () => {
		for (const parameters of [
			{ resource: 'absence', output: 'bemInput' },
			{ resource: 'absence', output: 'absences' },
			{ resource: contactResource, output: 'thresholdResults' },
		])
			expect(outputNames(type, parameters)).toEqual(['Records', 'Problems']);
	});
});

describe.each(['n8n-nodes-bem.sapSuccessFactors', 'n8n-nodes-bem.sapHcm'])(
	'%s Line Manager outputs',
	(type) => {
		it('are Records and Problems, whatever the Output parameter says', () => {
			for (const output of ['bemInput', 'thresholdResults'])
				expect(outputNames(type, { resource: 'lineManager', output })).toEqual([
					'Records',
					'Problems',
				]);
		});
	},
);

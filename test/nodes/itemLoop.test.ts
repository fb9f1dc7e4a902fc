import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { HrisHttpError, requestWithRetry, type HrisFailure } from '../../core/hris/http';
import { LetterTemplateError } from '../../core/letters';
import { BemStoreError, BemTransitionRefusedError } from '../../core/store';
import { BemParamError } from '../../nodes/shared/bemCaseParams';
import { describeError } from '../../nodes/shared/describeError';
import { forEachItem, forEachRead } from '../../nodes/shared/forEachItem';

// The item loop and error wording the BEM Case, BEM Case Router and BEM Invitation nodes share.

const node: INode = {
	id: '1',
	name: 'Node',
	type: 'n8n-nodes-bem.bemCaseRouter',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const ctx = (continueOnFail: boolean) => ({
	continueOnFail: () => continueOnFail,
	getNode: () => node,
});
const items: INodeExecutionData[] = [{ json: { n: 0 } }, { json: { n: 1 } }, { json: { n: 2 } }];

// item 1 fails; the others go to output n (0 or 2)
const run = async (itemIndex: number, item: INodeExecutionData) => {
	if (itemIndex === 1) throw new BemParamError('field "caseId" is empty', 'caseId');
	return {
		output: itemIndex,
		items: [{ json: { seen: item.json.n }, pairedItem: { item: itemIndex } }],
	};
};

describe('forEachItem', () => {
	it('with Continue On Fail goes on and sends the error item, paired with its input, on the error output', async () => {
		const out = await forEachItem(ctx(true), items, run, {
			node: 'BEM Case Router',
			outputs: 3,
			errorOutput: 1,
		});
		expect(out).toEqual([
			[{ json: { seen: 0 }, pairedItem: { item: 0 } }],
			[
				{
					json: { error: 'Item 1: field "caseId" is empty', field: 'caseId' },
					pairedItem: { item: 1 },
				},
			],
			[{ json: { seen: 2 }, pairedItem: { item: 2 } }],
		]);
	});

	it('without it stops at the failing item with a NodeOperationError naming the item', async () => {
		const seen: number[] = [];
		const error = await forEachItem(ctx(false), items, (i, item) => (seen.push(i), run(i, item)), {
			node: 'BEM Case Router',
			outputs: 3,
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('Item 1: field "caseId" is empty');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect((error as NodeOperationError).description).toBe('Nothing was written for this item.');
		expect(seen).toEqual([0, 1]);
	});
});

describe('describeError', () => {
	const refused = new BemTransitionRefusedError(
		'c1',
		'open',
		'reply_accepted',
		'no invitation yet',
		['invitation_sent'],
	);

	it('words a refused move for the Case nodes with the allowed moves, for the Invitation with the letter hint', () => {
		expect(describeError(refused, 2, 'BEM Case')).toEqual({
			message: `Item 2: ${refused.message}`,
			description: 'Nothing was written. The case’s state allows only the moves listed.',
			json: {
				error: `Item 2: ${refused.message}`,
				caseId: 'c1',
				state: 'open',
				allowed: ['invitation_sent'],
			},
		});
		expect(describeError(refused, 2, 'BEM Invitation')).toEqual({
			message: `Item 2: ${refused.message}`,
			description: 'The case is not in a state where this letter can be sent; nothing was written.',
			json: { error: `Item 2: ${refused.message}`, details: { code: 'BEM_TRANSITION_REFUSED' } },
		});
	});

	it('puts the field before a store error in the Invitation only, and its facts under details', () => {
		const error = new BemStoreError('BEM_INVALID_INPUT', 'data.x must be text', 'data.x');
		expect(describeError(error, 0, 'BEM Case Router').json).toEqual({
			error: 'Item 0: data.x must be text',
			field: 'data.x',
			code: 'BEM_INVALID_INPUT',
		});
		expect(describeError(error, 0, 'BEM Invitation')).toEqual({
			message: 'Item 0: field "data.x": data.x must be text',
			description: 'Fix the input or the parameter; nothing was sent or archived for this item.',
			json: {
				error: 'Item 0: field "data.x": data.x must be text',
				details: { field: 'data.x', code: 'BEM_INVALID_INPUT' },
			},
		});
	});

	it('names the template option and its problems for a refused letter template', () => {
		expect(
			describeError(
				new LetterTemplateError(['the voluntariness section is missing']),
				0,
				'BEM Invitation',
			),
		).toEqual({
			message:
				'Item 0: field "options.template": Letter template refused: the voluntariness section is missing',
			description:
				'Fix the template override; every invitation must keep the mandatory elements. Nothing was written.',
			json: {
				error:
					'Item 0: field "options.template": Letter template refused: the voluntariness section is missing',
				details: { field: 'options.template', problems: ['the voluntariness section is missing'] },
			},
		});
	});

	it('prefixes an unexpected error with the Case node, not in the Invitation', () => {
		expect(describeError(new Error('boom'), 4, 'BEM Case')).toEqual({
			message: 'Item 4: BEM Case: boom',
			description: undefined,
			json: { error: 'Item 4: BEM Case: boom' },
		});
		expect(describeError(new Error('boom'), 4, 'BEM Invitation').json).toEqual({
			error: 'Item 4: boom',
			details: {},
		});
	});
});

describe('the one loop for every node', () => {
	it('raises a failed HRIS call as NodeApiError with its HTTP status; Continue On Fail keeps the message', async () => {
		const call = new HrisHttpError(
			'Personio GET /v2/persons failed (HTTP 403) after 1 attempt: forbidden',
			'GET /v2/persons',
			'forbidden',
			403,
			1,
		);
		const read = async () => {
			throw call;
		};
		const hris = { ...ctx(false), getInputData: () => [{ json: {} }] };
		const error = await forEachRead(hris, 'Personio', read).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect((error as NodeApiError).message).toBe(call.message);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
		expect((error as NodeApiError).description).toMatch(/^Nothing was read for this item/);
		const going = await forEachRead({ ...hris, continueOnFail: () => true }, 'Personio', read);
		expect(going).toEqual([[{ json: { error: call.message }, pairedItem: { item: 0 } }], []]);
	});

	it('keeps an HRIS message that names a network code (NodeApiError would swap it for a generic one)', async () => {
		const call = new HrisHttpError(
			'SAP HCM GET /x failed: ECONNRESET',
			'GET /x',
			'network',
			null,
			3,
		);
		const hris = { ...ctx(false), getInputData: () => [{ json: {} }] };
		const error = await forEachRead(hris, 'SAP HCM', async () => {
			throw call;
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(call.message);
	});

	it('sends each item’s records and problems to their outputs, paired with the item', async () => {
		const hris = { ...ctx(false), getInputData: () => [{ json: {} }, { json: {} }] };
		const out = await forEachRead(hris, 'SAP SuccessFactors', async (i) => ({
			records: [{ r: i }],
			problems: i === 1 ? [{ p: i }] : [],
		}));
		expect(out).toEqual([
			[
				{ json: { r: 0 }, pairedItem: { item: 0 } },
				{ json: { r: 1 }, pairedItem: { item: 1 } },
			],
			[{ json: { p: 1 }, pairedItem: { item: 1 } }],
		]);
	});

	it('an HRIS error of every kind: its own message, and a hint that names the vendor', () => {
		const kinds: HrisFailure[] = [
			'rate_limited',
			'server_error',
			'network',
			'timeout',
			'unauthorized',
			'forbidden',
			'not_found',
			'bad_request',
			'client_error',
			'bad_response',
		];
		for (const node of ['Personio', 'SAP HCM', 'SAP SuccessFactors'] as const)
			for (const kind of kinds) {
				const error = new HrisHttpError(`${node} GET /x failed`, `${node} GET /x`, kind, null, 1);
				const said = describeError(error, 0, node);
				expect(said.message).toBe(error.message);
				expect(said.description).toContain(node);
				expect(said.description).toContain('Nothing was read');
			}
	});

	it('a deadline passed: the message names the call, the deadline and the vendor; the hint does not blame the credential', async () => {
		const error = await requestWithRetry(
			() => new Promise(() => {}),
			{ method: 'GET', url: 'https://personio.example.invalid/v2/persons', timeoutMs: 50 },
			{ call: 'Personio GET /v2/persons', retry: { maxAttempts: 1 } },
		).catch((e: unknown) => e as HrisHttpError);
		const said = describeError(error, 0, 'Personio');
		expect(said.message).toMatch(
			/^Personio GET \/v2\/persons failed after 1 attempt in [\d.]+ s — no complete answer within the deadline of 0\.1 s \(connect, headers and body\)/,
		);
		expect(said.description).toContain('Personio sent no complete answer within the deadline');
		expect(said.description).not.toContain('credential');
	});

	it('one bad-parameter error for all nodes, worded by each node kind', () => {
		const bad = new BemParamError('From must be a date like 2026-11-22 (got text)', 'from');
		expect(describeError(bad, 0, 'SAP HCM').message).toBe(bad.message);
		expect(describeError(bad, 0, 'BEM Case').message).toBe(`Item 0: ${bad.message}`);
		expect(describeError(new Error('boom'), 0, 'Personio').message).toBe('Personio: boom');
	});
});

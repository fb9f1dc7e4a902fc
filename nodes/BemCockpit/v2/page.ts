import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildCockpit, langOf, renderCockpit, renderDenied } from '../../../core/cockpit';
import { BemAccessDeniedError, MIN_PERSONS } from '../../../core/store';
import { accessOf, BemParamError, businessDay } from '../../shared/bemCaseParams';
import type { BemStoreHandle } from '../../shared/bemStore';

/** A read the principal's roles refuse (no cockpit role; an officer of single cases reading the plan store-wide): none. */
const unlessRefused = (error: unknown) =>
	error instanceof BemAccessDeniedError ? null : Promise.reject(error);

/** The form base: an http(s) URL or a path, ending with '/'. */
function formBase(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = String(ctx.getNodeParameter('formBaseUrl', itemIndex, '') ?? '').trim();
	if (value === '') return '../form/';
	if (!/^(https?:\/\/[^\s"'<>]+|\.{0,2}\/[^\s"'<>]*)$/i.test(value))
		throw new BemParamError(
			'field "formBaseUrl": must be an http(s) URL or a path, e.g. https://n8n.example.com/form/',
			'formBaseUrl',
		);
	return value.endsWith('/') ? value : `${value}/`;
}

function quartersOf(ctx: IExecuteFunctions, itemIndex: number): number {
	const n = Number(ctx.getNodeParameter('quarters', itemIndex, 4));
	if (!Number.isInteger(n) || n < 1 || n > 12)
		throw new BemParamError('field "quarters": must be a whole number from 1 to 12', 'quarters');
	return n;
}

/** One page for one item: the HTML, its status, and for a figures-only principal the model (no names). */
export async function cockpitPage(
	ctx: IExecuteFunctions,
	itemIndex: number,
	handle: BemStoreHandle,
): Promise<IDataObject> {
	const lang = langOf(ctx.getNodeParameter('language', itemIndex, 'de'));
	const today = businessDay(ctx, itemIndex);
	const access = accessOf(ctx, itemIndex, handle);
	const { store } = handle;
	const model = await buildCockpit(store, access, {
		today,
		lang,
		formBaseUrl: formBase(ctx, itemIndex),
		quarters: quartersOf(ctx, itemIndex),
		minCell: handle.config.minCell ?? MIN_PERSONS,
		// read by buildCockpit only for a principal that sees cases
		overdueMeasures: (overdueOn) => store.findMeasures({ overdueOn }, access).catch(unlessRefused),
		ownerNames: async (principals) => {
			const owners = (await store.owners({ principals }, access).catch(unlessRefused)) ?? [];
			return Object.fromEntries(owners.map((o) => [o.principal, o.displayName]));
		},
		catalogue: store.measureCatalogue(),
		// a principal without a cockpit role gets a page saying so (the refusal is in the access log)
	}).catch(unlessRefused);
	if (!model) return { statusCode: 403, html: renderDenied(lang, access.actor), denied: true };
	const html = renderCockpit(model);
	return model.scope.cases
		? { statusCode: 200, html }
		: { statusCode: 200, html, model: model as unknown as IDataObject };
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	isGermanState,
	todayInBerlin,
	toBerlinDate,
	ThresholdOptionsError,
	type ThresholdOptions,
} from '../../core';

/** The node's Options collection as engine options; the reference date defaults to today in Europe/Berlin. */
export function thresholdOptions(ctx: IExecuteFunctions, i: number): ThresholdOptions {
	const o = ctx.getNodeParameter('options', i, {}) as IDataObject;
	let referenceDate = todayInBerlin();
	if (o.referenceDate !== undefined && o.referenceDate !== '') {
		const parsed = toBerlinDate(o.referenceDate);
		if (parsed === null)
			throw new ThresholdOptionsError(
				'referenceDate',
				`${JSON.stringify(o.referenceDate)} is not a date 'YYYY-MM-DD'`,
			);
		referenceDate = parsed;
	}
	const options: ThresholdOptions = { referenceDate };
	if (o.comparison !== undefined)
		options.comparison = o.comparison as ThresholdOptions['comparison'];
	if (o.basis !== undefined) options.basis = o.basis as ThresholdOptions['basis'];
	if (o.countedKinds !== undefined) options.countedKinds = o.countedKinds as string[];
	if (o.warningWorkingDays !== undefined)
		options.warningWorkingDays = o.warningWorkingDays as number;
	if (o.halfDayWeight !== undefined) options.halfDayWeight = o.halfDayWeight as number;
	if (o.model !== undefined) options.model = o.model as ThresholdOptions['model'];
	if (o.partTimeRule !== undefined)
		options.partTimeRule = o.partTimeRule as ThresholdOptions['partTimeRule'];
	if (o.windowLength !== undefined)
		options.windowLength = o.windowLength as ThresholdOptions['windowLength'];
	if (o.rehabRequiresCertificate !== undefined)
		options.rehabRequiresCertificate = o.rehabRequiresCertificate as boolean;
	if (o.bridgeGaps !== undefined)
		options.bridgeGaps = o.bridgeGaps as ThresholdOptions['bridgeGaps'];
	if (isGermanState(o.excludeHolidaysOf)) options.excludeHolidaysOf = o.excludeHolidaysOf;
	return options;
}

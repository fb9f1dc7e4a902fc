import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	isGermanState,
	todayInBerlin,
	ThresholdOptionsError,
	type ThresholdOptions,
} from '../../core';
import { readDay } from '../shared/dates';

/**
 * The node's Options collection as engine options; the reference date defaults to today in
 * Europe/Berlin. The HRIS nodes' threshold mode keeps the same options in `thresholdOptions`.
 */
export function thresholdOptions(
	ctx: IExecuteFunctions,
	i: number,
	parameter = 'options',
): ThresholdOptions {
	const o = ctx.getNodeParameter(parameter, i, {}) as IDataObject;
	// the one date reader of the nodes; its problem names the value's type, never the value
	const { day, problem } = readDay(o.referenceDate);
	if (problem) throw new ThresholdOptionsError('referenceDate', problem);
	const referenceDate = day ?? todayInBerlin();
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

// The threshold options that give each result its employee's German state (holidayState), from the
// employee's location: BEM Case Open keeps it on the case, whose deadlines then roll past its holidays.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { GERMAN_STATES, holidayStateAt, isGermanState, type LocationStates } from '../../core';
import { ThresholdOptionsError } from '../../core';

const STATE_OPTIONS = Object.entries(GERMAN_STATES).map(([value, name]) => ({ name, value }));

export const HOLIDAY_STATE_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Holiday State by Location',
		name: 'holidayStateByLocation',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Location',
		description:
			"Each result carries its employee's Bundesland as holidayState (from the employee's location, e.g. the HRIS office), for BEM Case Open: the case's deadlines roll past that state's holidays",
		options: [
			{
				displayName: 'Location → State',
				name: 'pairs',
				values: [
					{
						displayName: 'Location',
						name: 'location',
						type: 'string',
						default: '',
						placeholder: 'München',
						description: "The employee's location as the HRIS names it (case is ignored)",
					},
					{
						displayName: 'State',
						name: 'state',
						type: 'options',
						options: STATE_OPTIONS,
						default: 'DE',
					},
				],
			},
		],
	},
	{
		displayName: 'Default Holiday State',
		name: 'defaultHolidayState',
		type: 'options',
		options: [{ name: "None (the BEM Store's State)", value: '' }, ...STATE_OPTIONS],
		default: '',
		description:
			'The holidayState of employees whose location is unknown or not listed under Holiday State by Location',
	},
];

/** The options as a map; null when neither is set (results then carry no holidayState). */
export function readLocationStates(options: IDataObject): LocationStates | null {
	const pairs =
		((options.holidayStateByLocation as IDataObject | undefined)?.pairs as IDataObject[]) ?? [];
	const byLocation = pairs.map((p, n) => {
		if (!isGermanState(p.state))
			throw new ThresholdOptionsError(
				`holidayStateByLocation.pairs[${n}].state`,
				'is not a German state code',
			);
		return { location: String(p.location ?? ''), state: p.state };
	});
	const d = options.defaultHolidayState;
	if (d !== undefined && d !== '' && !isGermanState(d))
		throw new ThresholdOptionsError('defaultHolidayState', 'is not a German state code');
	if (byLocation.length === 0 && !d) return null;
	return { byLocation, ...(d ? { defaultState: d as LocationStates['defaultState'] } : {}) };
}

/** The result with its holidayState, where the options give one. */
export function withHolidayState(
	json: IDataObject,
	location: unknown,
	map: LocationStates | null,
): IDataObject {
	const state = map ? holidayStateAt(location, map) : undefined;
	return state ? { ...json, holidayState: state } : json;
}

import { accessOf, purposeProperty } from '../../../shared/bemCaseParams';
import { LAST_CLOSURES_FIELD } from '../../../shared/lastClosures';
import { showFor, type BemCaseOperation } from './types';

const show = showFor('lastClosures');

// The count's restart for every employee from one store query (store.lastClosures): one item,
// employee ids and dates only, for the threshold evaluation to look each employee up in.
export const lastClosures: BemCaseOperation = {
	properties: [
		{
			displayName: `One item { ${LAST_CLOSURES_FIELD}: { employeeId: closedOn } }: each employee's last BEM closed after an offer, the day their §167 count restarts after. A case closed before any invitation restarts nothing. Only IDs and dates.`,
			name: 'lastClosuresNotice',
			type: 'notice',
			default: '',
			displayOptions: show,
		},
		purposeProperty('threshold restart after the last BEM closure', show),
	],
	async execute({ itemIndex, handle }) {
		const closures = await handle.store.lastClosures(accessOf(this, itemIndex, handle));
		return [{ [LAST_CLOSURES_FIELD]: closures }];
	},
};

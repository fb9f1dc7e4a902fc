// SAP HCM's side of the line-manager rule (core/hris/lineManagers.ts): where the manager sits is the
// customer's service's choice, so it is a mapped field of the contact entity set (lineManagerId); the
// address is the manager's own contact record's e-mail. Both reads take the record valid on the day and
// ask for the personnel number, the validity and that one field only.
import type { LineManagerSource } from '../../lineManagers';
import { SapODataClient } from '../odataClient';
import { sapText } from '../odataValues';
import { readContactSet, type HcmContactQuery } from './contacts';
import { DEFAULT_CONTACT_FIELDS } from './fields';
import type { SapSource } from '../types';

const SOURCE = 'SAP HCM line manager' as const;

/** Throws when the contact fields map no line manager field: there is nothing to read then. */
export function hcmLineManagerSource(
	client: SapODataClient,
	query: Omit<HcmContactQuery, 'employeeIds'>,
): LineManagerSource<SapSource> {
	const f = query.fields ?? DEFAULT_CONTACT_FIELDS;
	const managerField = f.lineManagerId ?? '';
	if (managerField === '') throw new Error('the contact fields map no lineManagerId');
	return {
		source: SOURCE,
		managerIds: async (employeeIds) => {
			const read = await readContactSet(client, { ...query, employeeIds }, [managerField], (_, r) =>
				managerOf(r[managerField]),
			);
			return { managers: read.valid, problems: read.problems };
		},
		emails: async (managerIds) => {
			const read = await readContactSet(
				client,
				{ ...query, employeeIds: managerIds },
				[f.email],
				(_, r) => sapText(r[f.email]),
			);
			return { emails: read.valid, problems: read.problems };
		},
	};
}

// an unset NUMC personnel number comes as '' or all zeros: no manager
function managerOf(value: unknown): string | null {
	const pernr = sapText(value);
	return pernr === null || /^0+$/.test(pernr) ? null : pernr;
}

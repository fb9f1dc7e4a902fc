// Where a customer's Gateway service keeps the infotype fields. SEGW turns ABAP names into
// CamelCase properties (ABWTG → Abwtg); services differ, so every name is configurable.
import { isPropertyName } from '../odataValues';

/** How the service types dates: Edm.DateTime ("/Date(…)/", SEGW's default for DATS) or DATS as Edm.String ("20250113"). */
export type HcmDateType = 'dateTime' | 'dats';

export interface AbsenceFields {
	/** entity set with infotype 2001 records */
	entitySet: string;
	employeeId: string;
	absenceType: string;
	start: string;
	end: string;
	/** ABWTG, absence days (working days per work schedule) */
	workingDays: string;
	/** STDAZ, absence hours */
	hours: string;
	/** KALTG, calendar days */
	calendarDays: string;
	/** SEQNR, part of the record key (optional: '' if the service has none) */
	sequence: string;
	dateType: HcmDateType;
}

export interface WorkTimeFields {
	/** entity set with infotype 0007 records */
	entitySet: string;
	employeeId: string;
	start: string;
	end: string;
	/** WKWDY, weekly workdays */
	daysPerWeek: string;
	/** ARBST, daily working hours */
	hoursPerDay: string;
	/** WOSTD, weekly working hours */
	hoursPerWeek: string;
	/** the hire (entry) date on the same records, if the service has one (e.g. a CDS field over EINTT / IT0041); unset or '' = none */
	hireDate?: string;
	/** the work location on the same records (e.g. a CDS field over IT0001 WERKS), for the case's Bundesland; unset or '' = none */
	location?: string;
	dateType: HcmDateType;
}

/**
 * A contact entity set of the customer's service (a CDS view or SEGW entity over infotype 0002 names,
 * 0006 subtype 1 permanent address and 0105 subtype 0010 e-mail), effective-dated by BEGDA/ENDDA.
 */
export interface ContactFields {
	entitySet: string;
	employeeId: string;
	/** IT0002 VORNA */
	firstName: string;
	/** IT0002 NACHN */
	lastName: string;
	/** IT0105 subtype 0010 USRID_LONG */
	email: string;
	/** IT0006 STRAS (street and house number) */
	street: string;
	/** IT0006 PSTLZ */
	zipCode: string;
	/** IT0006 ORT01 */
	city: string;
	start: string;
	end: string;
	/** the line manager's personnel number on the same records (where the service keeps it, e.g. a CDS field over the org assignment's chief); unset or '' = none */
	lineManagerId?: string;
}

export const DEFAULT_CONTACT_FIELDS: ContactFields = {
	entitySet: 'ContactSet',
	employeeId: 'Pernr',
	firstName: 'Vorna',
	lastName: 'Nachn',
	email: 'UsridLong',
	street: 'Stras',
	zipCode: 'Pstlz',
	city: 'Ort01',
	start: 'Begda',
	end: 'Endda',
	lineManagerId: '',
};

export const DEFAULT_ABSENCE_FIELDS: AbsenceFields = {
	entitySet: 'AbsenceSet',
	employeeId: 'Pernr',
	absenceType: 'Awart',
	start: 'Begda',
	end: 'Endda',
	workingDays: 'Abwtg',
	hours: 'Stdaz',
	calendarDays: 'Kaltg',
	sequence: 'Seqnr',
	dateType: 'dateTime',
};

export const DEFAULT_WORK_TIME_FIELDS: WorkTimeFields = {
	entitySet: 'WorkTimeSet',
	employeeId: 'Pernr',
	start: 'Begda',
	end: 'Endda',
	daysPerWeek: 'Wkwdy',
	hoursPerDay: 'Arbst',
	hoursPerWeek: 'Wostd',
	dateType: 'dateTime',
};

/** The first field name that is not an OData identifier (it would break or inject into $filter/$select), or null. */
export function badFieldName(
	fields: AbsenceFields | WorkTimeFields | ContactFields,
): { field: string; value: string } | null {
	for (const [field, value] of Object.entries(fields)) {
		if (field === 'dateType') continue;
		if (
			(field === 'sequence' ||
				field === 'hireDate' ||
				field === 'location' ||
				field === 'lineManagerId') &&
			(value === '' || value === undefined)
		)
			continue;
		if (typeof value !== 'string' || !isPropertyName(value)) return { field, value: String(value) };
	}
	return null;
}

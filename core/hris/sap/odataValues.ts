// OData v2 value formats as SAP sends them → plain values.
//   Edm.DateTime        "/Date(1736726400000)/"        (ms since epoch, UTC midnight of the day)
//   Edm.DateTimeOffset  "/Date(1564148716000+0000)/"   (ms since epoch; the offset in minutes is display only)
//   DATS as Edm.String  "20250113"                     (custom Gateway services), "00000000" = no date
//   Edm.Decimal         "6.00"                         (strings); Edm.Double as number or string
import { DateTime } from 'luxon';

import { parseDay } from '../../calendar/days';

const BERLIN = 'Europe/Berlin';
const ODATA_DATE = /^\/Date\((-?\d+)(?:[+-]\d{1,4})?\)\/$/;

/** The Berlin calendar day of an OData date value, or null if it is empty or not a date. */
export function sapDay(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	const odata = ODATA_DATE.exec(text);
	if (odata) {
		const dt = DateTime.fromMillis(Number(odata[1]), { zone: BERLIN });
		return dt.isValid ? dt.toISODate() : null;
	}
	let day: string | null = null;
	if (/^\d{8}$/.test(text))
		day =
			text === '00000000' ? null : `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
	else if (/^\d{4}-\d\d-\d\d(T[\d:.]+)?$/.test(text)) day = text.slice(0, 10); // local date(-time) without zone
	return day !== null && !Number.isNaN(parseDay(day)) ? day : null;
}

/** An Edm.Decimal / Edm.Double (string or number) as a number; null if empty or not numeric. */
export function sapDecimal(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	// DEC fields with a trailing sign ("12.00-") come out of some ABAP conversions
	const text = value.trim().replace(/^(\d+(?:\.\d+)?)-$/, '-$1');
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

/** A text value: strings trimmed, numbers stringified, anything else null. */
export function sapText(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return null;
	const text = value.trim();
	return text === '' ? null : text;
}

/** 'YYYY-MM-DD' → the Edm.DateTime literal of that day (UTC midnight), as $filter expects it. */
export function dateTimeLiteral(day: string): string {
	return `datetime'${day}T00:00:00'`;
}

/** 'YYYY-MM-DD' → a DATS string literal ('20250113') for services that expose dates as Edm.String. */
export function datsLiteral(day: string): string {
	return quote(day.replace(/-/g, ''));
}

/** An OData string literal: single quotes doubled, as OData v2 requires. */
export function quote(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** `field in 'a','b'` (SuccessFactors) or `(field eq 'a' or field eq 'b')` (standard OData v2, Gateway). */
export function anyOf(field: string, values: string[], syntax: 'in' | 'or'): string {
	if (values.length === 1) return `${field} eq ${quote(values[0])}`;
	if (syntax === 'in') return `${field} in ${values.map(quote).join(',')}`;
	return `(${values.map((v) => `${field} eq ${quote(v)}`).join(' or ')})`;
}

/** Ids in $filter-sized chunks of `size` (one undefined chunk = no id filter). */
export function idChunks(ids: string[] | undefined, size: number): Array<string[] | undefined> {
	if (!ids || ids.length === 0) return [undefined];
	const out: string[][] = [];
	for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
	return out;
}

/** Joins the non-empty clauses with `and`. */
export function allOf(...clauses: Array<string | null | undefined | false>): string {
	return clauses.filter((c): c is string => typeof c === 'string' && c !== '').join(' and ');
}

/** OData property names are identifiers; refuse anything else before it goes into $filter/$select. */
export function isPropertyName(name: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)?$/.test(name);
}

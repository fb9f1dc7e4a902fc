// The count's restart on an input item: BEM Case → Get Last Closures puts every employee's last
// closure after an offer into one field, { employeeId: 'YYYY-MM-DD' }; a threshold evaluation looks
// each employee up there (one store query, no per-item join in an n8n expression).
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { readField } from './fields';
import { ItemFieldError, typeOf } from './paramError';

/** The field Get Last Closures writes and the threshold evaluations read by default. */
export const LAST_CLOSURES_FIELD = 'lastBemClosures';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const closuresSchema = z.record(z.string().regex(DAY));

/** The map at `field` of the item (absent: no closures); anything but ids → days is refused, naming
 * the field and the type, never a value. */
export function readLastClosures(item: IDataObject, field: string): Map<string, string> {
	const value = readField(item, field);
	if (value === undefined || value === null) return new Map();
	const parsed = closuresSchema.safeParse(value);
	if (!parsed.success || Array.isArray(value))
		throw new ItemFieldError(
			field,
			`${typeOf(value)} is not valid: must map employee IDs to closing days (YYYY-MM-DD)`,
		);
	return new Map(Object.entries(parsed.data));
}

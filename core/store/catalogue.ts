import { readFileSync } from 'fs';
import { z } from 'zod';

import { issueMessage } from '../privacy/issueMessage';
import { BemStoreError } from './errors';
import SHIPPED from './measureCatalogue.json';

// The measure catalogue (case-file.md "Measures"): the shipped entries, extended per works agreement
// by a JSON file or a list given to openBemStore, never by code. An extension adds codes or relabels
// shipped ones; it may not turn a shipped code's labour-law flag (that decides what reaches the
// personnel file): a works agreement that wants another rule adds a code of its own.

export const MEASURE_CATEGORIES = ['technical', 'organisational', 'personal'] as const;
export type MeasureCategory = (typeof MEASURE_CATEGORIES)[number];

export interface MeasureCatalogueEntry {
	code: string;
	/** the label HR and the personnel file read */
	de: string;
	en: string;
	category: MeasureCategory;
	/** a labour-law measure: the personnel-file extract may name it (by its label) */
	labourLaw: boolean;
}

const label = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'must not be empty')
	.max(200, 'must be at most 200 characters');
const entrySchema = z
	.object({
		code: z
			.string({ required_error: 'is required', invalid_type_error: 'must be text' })
			.regex(
				/^[a-z][a-z0-9_]{1,39}$/,
				'must be a code of lower-case letters, digits and _ (2 to 40)',
			),
		de: label,
		en: label,
		category: z.enum(MEASURE_CATEGORIES, {
			errorMap: () => ({ message: `must be one of ${MEASURE_CATEGORIES.join(', ')}` }),
		}),
		labourLaw: z.boolean({
			required_error: 'is required',
			invalid_type_error: 'must be true or false',
		}),
	})
	.strict();
/** entries a works agreement may add: far more than any catalogue needs */
const MAX_ENTRIES = 500;

const bad = (what: string, field: string, message: string) =>
	new BemStoreError('BEM_INVALID_INPUT', `${what}: ${field} ${message}`, field);

/** Parses catalogue entries; the first problem names the entry's index and field, never its value. */
export function parseCatalogueEntries(value: unknown, what: string): MeasureCatalogueEntry[] {
	if (!Array.isArray(value))
		throw bad(what, 'measureCatalogue', 'must be a list of catalogue entries (a JSON array)');
	if (value.length > MAX_ENTRIES)
		throw bad(what, 'measureCatalogue', `must have at most ${MAX_ENTRIES} entries`);
	const seen = new Set<string>();
	return value.map((raw, i) => {
		const result = entrySchema.safeParse(raw);
		if (!result.success) {
			const issue = result.error.issues[0];
			// an unknown key's name is the caller's text too: said as such, never quoted
			if (issue.code === 'unrecognized_keys')
				throw bad(
					what,
					`measureCatalogue[${i}]`,
					'has a field that is not one of code, de, en, category, labourLaw',
				);
			const key = issue.path[0];
			throw bad(what, `measureCatalogue[${i}]${key ? `.${key}` : ''}`, issueMessage(issue));
		}
		if (seen.has(result.data.code))
			throw bad(what, `measureCatalogue[${i}].code`, 'repeats the code of an earlier entry');
		seen.add(result.data.code);
		return result.data;
	});
}

const shipped = parseCatalogueEntries(SHIPPED, 'shipped measure catalogue');

/** The JSON file an extension is kept in (a works agreement's list), read once when the store opens. */
function readCatalogueFile(path: string): unknown {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw bad(
			'measureCatalogue',
			'measureCatalogue',
			`names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
		);
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw bad('measureCatalogue', 'measureCatalogue', 'names a file that is not JSON');
	}
}

export class MeasureCatalogue {
	private readonly byCode: ReadonlyMap<string, MeasureCatalogueEntry>;

	constructor(readonly entries: readonly MeasureCatalogueEntry[]) {
		this.byCode = new Map(entries.map((e) => [e.code, e]));
	}

	get(code: string): MeasureCatalogueEntry | undefined {
		return this.byCode.get(code);
	}

	/** A legacy labour-law text that is a code or a label of a labour-law entry, as that entry. */
	labourLawEntry(text: string): MeasureCatalogueEntry | undefined {
		const t = text.trim().toLowerCase();
		return this.entries.find(
			(e) => e.labourLaw && [e.code, e.de.toLowerCase(), e.en.toLowerCase()].includes(t),
		);
	}
}

/**
 * The store's catalogue: the shipped entries, then an extension (a JSON file's path or the entries):
 * a shipped code it names is relabelled (its labour-law flag must stay), a new code is added.
 */
export function measureCatalogue(
	extension?: string | readonly MeasureCatalogueEntry[],
): MeasureCatalogue {
	if (extension === undefined || extension === '') return new MeasureCatalogue(shipped);
	const raw = typeof extension === 'string' ? readCatalogueFile(extension) : extension;
	const added = parseCatalogueEntries(raw, 'measureCatalogue');
	const merged = new Map(shipped.map((e) => [e.code, e]));
	added.forEach((e, i) => {
		const base = merged.get(e.code);
		if (base && base.labourLaw !== e.labourLaw)
			throw bad(
				'measureCatalogue',
				`measureCatalogue[${i}].labourLaw`,
				'differs from the shipped entry of the same code; the labour-law flag of a shipped code stays as shipped (add a code of your own instead)',
			);
		merged.set(e.code, e);
	});
	return new MeasureCatalogue([...merged.values()]);
}

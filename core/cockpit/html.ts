// HTML by a tagged template that escapes every interpolated value: only what is already Html (built by
// this template) goes in as markup, so no case id, principal or label can break out of the page. Named
// `markup`, not `html`: Prettier would reformat an `html` template as markup.

export class Html {
	constructor(readonly value: string) {}
	toString(): string {
		return this.value;
	}
}

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Text for an element or a quoted attribute. */
export const esc = (value: unknown): string =>
	String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);

function piece(value: unknown): string {
	if (value instanceof Html) return value.value;
	if (Array.isArray(value)) return value.map(piece).join('');
	if (value === null || value === undefined || value === false) return '';
	return esc(value);
}

export function markup(strings: TemplateStringsArray, ...values: unknown[]): Html {
	let out = strings[0];
	values.forEach((value, i) => {
		out += piece(value) + strings[i + 1];
	});
	return new Html(out);
}

/** Markup the caller vouches for (constant strings of this module's users only). */
export const raw = (markup: string): Html => new Html(markup);

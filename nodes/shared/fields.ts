import type { IDataObject } from 'n8n-workflow';

/** Reads a field by name or dotted path ('attributes.start'), as users map fields in the editor. */
export function readField(source: IDataObject, path: string): unknown {
	if (path in source) return source[path];
	let value: unknown = source;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

/** "a, b ,c" -> ['a','b','c'] */
export function splitList(text: string): string[] {
	return text
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

import { readFileSync } from 'fs';
import { inflateSync } from 'zlib';

import * as fontkit from 'fontkit';

import { LetterInputError } from './input';

// The letter PDF's font: DejaVu Sans (the @fontsource/dejavu-sans package, Bitstream Vera licence),
// embedded and subset by pdfkit. It covers Latin with every European and Vietnamese letter, Greek,
// Cyrillic, Armenian, Georgian, Hebrew and Arabic — about 5 900 characters in 900 kB for both weights.
// No CJK: a font for Chinese, Japanese or Korean names is 10 to 20 MB per weight, too much for a node
// package, so a text the font cannot print is refused before anything is recorded, naming the field and
// the script, never the text (the mail's text and HTML still carry it; the PDF can be switched off).

export const LETTER_FONT_NAME = 'DejaVu Sans';
const FILES = {
	regular: '@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
	bold: '@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
} as const;

let loaded: Record<keyof typeof FILES, Buffer> | undefined;

/** The fonts as TrueType (read and unpacked once). */
export function letterFonts(): Record<keyof typeof FILES, Buffer> {
	loaded ??= {
		regular: woffToTrueType(readFileSync(require.resolve(FILES.regular))),
		bold: woffToTrueType(readFileSync(require.resolve(FILES.bold))),
	};
	return loaded;
}

/**
 * WOFF 1.0 -> the TrueType file it wraps (tables inflated, same order). fontkit reads WOFF, but inflates
 * the whole glyf table again for every glyph it subsets: seconds per letter instead of milliseconds.
 */
function woffToTrueType(woff: Buffer): Buffer {
	if (woff.toString('latin1', 0, 4) !== 'wOFF')
		throw new Error('the letter font is not a WOFF file');
	const count = woff.readUInt16BE(12);
	const tables = Array.from({ length: count }, (_, i) => {
		const at = 44 + i * 20; // tag, offset, compressed length, length, checksum
		const offset = woff.readUInt32BE(at + 4);
		const compressed = woff.readUInt32BE(at + 8);
		const length = woff.readUInt32BE(at + 12);
		const raw = woff.subarray(offset, offset + compressed);
		return {
			tag: woff.subarray(at, at + 4),
			checksum: woff.readUInt32BE(at + 16),
			data: compressed < length ? inflateSync(raw) : raw,
		};
	});
	const log2 = Math.floor(Math.log2(count));
	const head = Buffer.alloc(12 + 16 * count);
	head.writeUInt32BE(woff.readUInt32BE(4), 0); // the wrapped font's version (flavor)
	head.writeUInt16BE(count, 4);
	head.writeUInt16BE(16 * 2 ** log2, 6);
	head.writeUInt16BE(log2, 8);
	head.writeUInt16BE(16 * count - 16 * 2 ** log2, 10);
	const body: Buffer[] = [];
	let offset = head.length;
	tables.forEach((t, i) => {
		const at = 12 + 16 * i;
		t.tag.copy(head, at);
		head.writeUInt32BE(t.checksum, at + 4);
		head.writeUInt32BE(offset, at + 8);
		head.writeUInt32BE(t.data.length, at + 12);
		const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
		t.data.copy(padded);
		body.push(padded);
		offset += padded.length;
	});
	return Buffer.concat([head, ...body]);
}

let coverage: { regular: fontkit.Font; bold: fontkit.Font } | undefined;
/**
 * The fonts parsed once, for the coverage check and for every PDF: pdfkit takes a parsed font as well,
 * and a font parsed per letter decoded its tables and laid out every word afresh (the real-n8n profile:
 * most of Detect's CPU went into the letters' text layout).
 */
export function parsedLetterFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
	const files = letterFonts();
	coverage ??= { regular: fontkit.create(files.regular), bold: fontkit.create(files.bold) };
	return coverage;
}

/** Scripts a refused character is named by (Unicode script property), the likely ones first. */
const SCRIPTS = [
	'Han',
	'Hiragana',
	'Katakana',
	'Hangul',
	'Thai',
	'Lao',
	'Khmer',
	'Myanmar',
	'Devanagari',
	'Bengali',
	'Gurmukhi',
	'Gujarati',
	'Oriya',
	'Tamil',
	'Telugu',
	'Kannada',
	'Malayalam',
	'Sinhala',
	'Tibetan',
	'Ethiopic',
	'Syriac',
	'Thaana',
	'Mongolian',
	'Yi',
	'Cherokee',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);

function scriptOf(char: string): string {
	if (/\p{Extended_Pictographic}/u.test(char)) return 'emoji';
	const found = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char));
	return found ? `${found[0]} script` : 'other';
}

/** Layout, control and invisible format characters need no glyph of their own (input.ts drops most). */
const NO_GLYPH = /[\s\p{Cc}\p{Cf}]/u;

/** The script of the first character the letter font cannot print, if any. */
export function unprintableScript(text: string): string | undefined {
	const { regular, bold } = parsedLetterFonts();
	for (const char of text) {
		if (NO_GLYPH.test(char)) continue;
		const code = char.codePointAt(0) as number;
		if (!regular.hasGlyphForCodePoint(code) || !bold.hasGlyphForCodePoint(code))
			return scriptOf(char);
	}
	return undefined;
}

/**
 * Refuses letter input with text the PDF cannot print, naming the field and the script (never the text).
 * Call it with the input as composeLetter checked it.
 */
export function assertPdfPrintable(value: unknown, path = ''): void {
	if (typeof value === 'string') {
		const script = unprintableScript(value);
		if (script)
			throw new LetterInputError(
				`${path || 'input'} contains ${script === 'other' ? 'characters' : `${script} characters`} the letter PDF's font (${LETTER_FONT_NAME}: Latin, Greek, Cyrillic, Hebrew, Arabic) cannot print; write them in Latin letters in the HRIS, or send this letter without PDF (options.pdf off)`,
				path,
			);
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => assertPdfPrintable(v, path ? `${path}.${i}` : String(i)));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, v] of Object.entries(value))
			assertPdfPrintable(v, path ? `${path}.${key}` : key);
	}
}

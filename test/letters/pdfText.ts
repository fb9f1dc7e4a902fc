// A small PDF reader for tests: inflates the streams pdfkit writes and decodes the hex strings of its
// TJ operators through each font's ToUnicode map (embedded fonts: two bytes per glyph), so tests can
// check the text a letter prints — and that every printed glyph maps back to a character.
import { inflateSync } from 'zlib';

interface PdfObject {
	dict: string;
	stream?: string;
}

function objects(pdf: Buffer): Map<string, PdfObject> {
	const raw = pdf.toString('latin1');
	const out = new Map<string, PdfObject>();
	for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
		const body = m[2];
		const at = body.search(/(?<!end)stream\r?\n/);
		if (at < 0) {
			out.set(m[1], { dict: body });
			continue;
		}
		const start = (m.index as number) + m[0].indexOf(body) + at;
		const dataStart = raw.indexOf('\n', start) + 1;
		const dataEnd = raw.indexOf('endstream', dataStart);
		const bytes = pdf.subarray(dataStart, dataEnd);
		let stream: string;
		try {
			stream = inflateSync(bytes).toString('latin1');
		} catch {
			stream = bytes.toString('latin1');
		}
		out.set(m[1], { dict: body.slice(0, at), stream });
	}
	return out;
}

/** glyph code (hex) -> text, from a ToUnicode CMap's bfchar and bfrange entries */
function toUnicode(cmap: string): Map<string, string> {
	const map = new Map<string, string>();
	// a target may hold several characters (a ligature: <0066 0066>)
	const utf16 = (hex: string) =>
		String.fromCharCode(
			...(hex.replace(/\s/g, '').match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)),
		);
	const pad = (n: number, width: number) => n.toString(16).padStart(width, '0');
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const r of block[1].matchAll(
			/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g,
		)) {
			const from = parseInt(r[1], 16);
			const to = parseInt(r[2], 16);
			const targets = [...r[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].map((t) => t[1]);
			for (let code = from; code <= to; code++) {
				const target = r[3].startsWith('[')
					? targets[code - from]
					: pad(parseInt(targets[0], 16) + code - from, targets[0].length);
				if (target) map.set(pad(code, r[1].length).toLowerCase(), utf16(target));
			}
		}
	}
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
		for (const c of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
			map.set(c[1].toLowerCase(), utf16(c[2]));
	return map;
}

/** The decoded content streams of a PDF (pages, in object order). */
export function pdfStreams(pdf: Buffer): string[] {
	return [...objects(pdf).values()].flatMap((o) => (o.stream === undefined ? [] : [o.stream]));
}

export function pdfPageCount(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

/** The fonts a PDF uses, by resource name: their base font and glyph map (embedded fonts only). */
export function pdfFonts(
	pdf: Buffer,
): Map<string, { baseFont: string; glyphs?: Map<string, string> }> {
	const objs = objects(pdf);
	const fonts = new Map<string, { baseFont: string; glyphs?: Map<string, string> }>();
	for (const { dict } of objs.values())
		for (const ref of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
			const font = objs.get(ref[2])?.dict ?? '';
			const baseFont = /\/BaseFont \/(\S+)/.exec(font)?.[1] ?? '?';
			const cmap = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
			const stream = cmap ? objs.get(cmap)?.stream : undefined;
			fonts.set(ref[1], { baseFont, glyphs: stream ? toUnicode(stream) : undefined });
		}
	return fonts;
}

/** The text of every TJ operator, one line per operator, in stream order; '\ufffd' for an unmapped glyph. */
export function pdfText(pdf: Buffer): string {
	return pdfStreamTexts(pdf).join('\n');
}

/** pdfText per content stream (pdfkit: one per page, in page order; streams without text are left out). */
export function pdfStreamTexts(pdf: Buffer): string[] {
	const fonts = pdfFonts(pdf);
	const texts: string[] = [];
	for (const { stream } of objects(pdf).values()) {
		if (!stream) continue;
		const lines: string[] = [];
		let font: ReturnType<typeof fonts.get>;
		for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)) {
			if (op[1]) {
				font = fonts.get(op[1]);
				continue;
			}
			const hex = [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
			const width = font?.glyphs ? 4 : 2;
			const codes = hex.match(new RegExp(`.{${width}}`, 'g')) ?? [];
			lines.push(
				codes
					.map((c) =>
						font?.glyphs
							? (font.glyphs.get(c.toLowerCase()) ?? '\ufffd')
							: String.fromCharCode(parseInt(c, 16)),
					)
					.join(''),
			);
		}
		if (lines.length) texts.push(lines.join('\n'));
	}
	return texts;
}

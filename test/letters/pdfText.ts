// A small PDF reader for tests: inflates the content streams pdfkit writes and decodes the hex strings
// of its TJ operators (WinAnsi, one byte per character), so tests can check the text a letter prints.
import { inflateSync } from 'zlib';

const WIN_ANSI_HIGH: Record<number, string> = {
	0x80: '€',
	0x96: '–',
	0x97: '—',
	0x84: '„',
	0x93: '“',
	0x94: '”',
	0x91: '‘',
	0x92: '’',
	0x95: '•',
};

function decodeHex(hex: string): string {
	let out = '';
	for (let i = 0; i + 1 < hex.length; i += 2) {
		const code = parseInt(hex.slice(i, i + 2), 16);
		out += WIN_ANSI_HIGH[code] ?? String.fromCharCode(code);
	}
	return out;
}

export function pdfPageCount(pdf: Buffer): number {
	return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

/** The text of every TJ operator, one line per operator, in stream order. */
export function pdfText(pdf: Buffer): string {
	const raw = pdf.toString('latin1');
	const lines: string[] = [];
	const stream = /(?<!end)stream\r?\n/g;
	let m: RegExpExecArray | null;
	while ((m = stream.exec(raw))) {
		const start = m.index + m[0].length;
		const end = raw.indexOf('endstream', start);
		if (end < 0) break;
		const bytes = pdf.subarray(start, end);
		let content: string;
		try {
			content = inflateSync(bytes).toString('latin1');
		} catch {
			content = bytes.toString('latin1');
		}
		for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
			lines.push([...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decodeHex(h[1])).join(''));
		}
		stream.lastIndex = end;
	}
	return lines.join('\n');
}

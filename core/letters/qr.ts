import QRCode from 'qrcode';

// The reply link as a QR code (npm qrcode computes the symbol): drawn as vector squares in the PDF and
// as one inline SVG path in the HTML, no image file. Error correction M, the standard quiet zone.

export const QUIET_ZONE = 4;

export interface QrSymbol {
	/** modules per side, without the quiet zone */
	size: number;
	dark(row: number, col: number): boolean;
}

export function qrSymbol(text: string): QrSymbol {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** The dark modules as runs per row, [row, first column, length]: few shapes for PDF and SVG. */
export function darkRuns(symbol: QrSymbol): Array<[number, number, number]> {
	const runs: Array<[number, number, number]> = [];
	for (let row = 0; row < symbol.size; row++)
		for (let col = 0; col < symbol.size; col++) {
			if (!symbol.dark(row, col)) continue;
			let end = col;
			while (end + 1 < symbol.size && symbol.dark(row, end + 1)) end++;
			runs.push([row, col, end - col + 1]);
			col = end;
		}
	return runs;
}

/** An inline SVG of the code, `px` wide, with its quiet zone; `label` is its accessible name. */
export function qrSvg(text: string, px: number, label: string): string {
	const symbol = qrSymbol(text);
	const side = symbol.size + 2 * QUIET_ZONE;
	const path = darkRuns(symbol)
		.map(([row, col, n]) => `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${n}v1h-${n}z`)
		.join('');
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${side} ${side}" role="img" aria-label="${label}" shape-rendering="crispEdges">` +
		`<rect width="${side}" height="${side}" fill="#ffffff"/><path fill="#000000" d="${path}"/></svg>`
	);
}

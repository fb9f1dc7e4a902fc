// Reads a letter's QR code back as a phone would: the vector squares (PDF `re` operators, or the SVG
// path's runs) painted onto a pixel grid with a white quiet zone, decoded by jsQR.
import jsQR from 'jsqr';

import { pdfStreams } from './pdfText';

type Rect = [x: number, y: number, w: number, h: number];

/** Decodes the QR code the rectangles draw (all of one symbol); null when jsQR finds none. */
export function decodeRects(rects: Rect[]): string | null {
	const module = Math.min(...rects.map((r) => r[3]));
	const x0 = Math.min(...rects.map((r) => r[0]));
	const y0 = Math.min(...rects.map((r) => r[1]));
	const cells = Math.round(Math.max(...rects.map((r) => r[1] + r[3] - y0)) / module);
	const scale = 6;
	const side = (cells + 8) * scale;
	const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
	for (const [x, y, w, h] of rects) {
		const [c, r] = [Math.round((x - x0) / module), Math.round((y - y0) / module)];
		const [cw, rh] = [Math.round(w / module), Math.round(h / module)];
		for (let py = (r + 4) * scale; py < (r + 4 + rh) * scale; py++)
			for (let px = (c + 4) * scale; px < (c + 4 + cw) * scale; px++)
				pixels.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
	}
	return jsQR(pixels, side, side)?.data ?? null;
}

/** The QR code of a letter's HTML (its inline SVG path). */
export function qrOfHtml(html: string): string | null {
	const d = /<svg[^>]*role="img"[\s\S]*?<path[^>]* d="([^"]+)"/.exec(html)?.[1];
	if (!d) return null;
	const rects = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)].map(
		(m): Rect => [Number(m[1]), Number(m[2]), Number(m[3]), 1],
	);
	return decodeRects(rects);
}

/** The QR code a letter's PDF draws (its filled rectangles), per page that has one. */
export function qrOfPdf(pdf: Buffer): string[] {
	return pdfStreams(pdf)
		.map((stream) =>
			[...stream.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map(
				(m): Rect => [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])],
			),
		)
		.filter((rects) => rects.length > 20)
		.map((rects) => decodeRects(rects) ?? '');
}

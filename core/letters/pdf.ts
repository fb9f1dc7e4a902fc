import PDFDocument from 'pdfkit';

import { bidiRuns, hasRtl } from './bidi';
import type { Block, ComposedLetter, Run } from './compose';
import { parsedLetterFonts } from './fonts';
import { darkRuns, qrSymbol, QUIET_ZONE } from './qr';

// The letter as a PDF for sending by post, laid out after DIN 5008 form B: letterhead, a return-address
// line and the address field for a DL window envelope, an information block with date and reference,
// subject, body, signature, fold and hole marks, page numbers. The font is embedded (fonts.ts: DejaVu
// Sans, subset to the characters used), so names like Łukasz, Şükrü, Nguyễn or محمد print as written.

const MM = 72 / 25.4;
const mm = (v: number) => v * MM;
const LEFT = mm(25);
const RIGHT = mm(20);
const PAGE_WIDTH = mm(210);
const PAGE_HEIGHT = mm(297);
const BODY_WIDTH = PAGE_WIDTH - LEFT - RIGHT;
const BOTTOM = mm(25);
export const FONT = 'Letter';
export const BOLD = 'Letter-Bold';
const SIZE = 10.5;
const QR_SIDE = mm(28);

export type Doc = InstanceType<typeof PDFDocument>;

function writeRuns(doc: Doc, given: Run[], x: number, width: number): void {
	const runs = bidiRuns(given);
	if (runs.length === 0) return;
	runs.forEach((run, i) => {
		const last = i === runs.length - 1;
		const options = {
			width,
			continued: !last,
			link: run.link ?? null,
			underline: Boolean(run.link),
		};
		if (i === 0) doc.text(run.text, x, doc.y, options);
		else doc.text(run.text, options);
	});
}

/** Text that may hold right-to-left names (address, greeting, …), line by line in bidi runs. */
function say(doc: Doc, text: string, x: number, y: number, width: number): void {
	if (!hasRtl(text)) {
		doc.text(text, x, y, { width });
		return;
	}
	doc.y = y;
	for (const line of text.split('\n')) writeRuns(doc, [{ text: line }], x, width);
}

/** Starts a new page if less than `needed` points are left, so headings and the signature keep together. */
function keepTogether(doc: Doc, needed: number): void {
	if (doc.y + needed > PAGE_HEIGHT - BOTTOM) doc.addPage();
}

/** The reply link's QR code, QR_SIDE wide with its quiet zone, as filled squares (vector). */
function drawQr(doc: Doc, link: string): void {
	const symbol = qrSymbol(link);
	const module = QR_SIDE / (symbol.size + 2 * QUIET_ZONE);
	keepTogether(doc, QR_SIDE);
	const x = LEFT; // the symbol's edge on the text's, its quiet zone in the margin
	const y = doc.y;
	for (const [row, col, n] of darkRuns(symbol))
		doc.rect(x + col * module, y + QUIET_ZONE * module + row * module, n * module, module);
	doc.fillColor('#000000').fill();
	doc.y = y + QR_SIDE;
	doc.moveDown(0.3);
}

function firstPageFrame(doc: Doc, letter: ComposedLetter): void {
	// letterhead
	doc.font(BOLD).fontSize(14).text(letter.letterhead[0], LEFT, mm(15), { width: BODY_WIDTH });
	doc.font(FONT).fontSize(8.5);
	for (const line of letter.letterhead.slice(1)) doc.text(line, { width: BODY_WIDTH });
	// return-address line and address field (form B: field starts 45 mm from the top, 85 mm wide)
	doc
		.font(FONT)
		.fontSize(7)
		.text(letter.senderLine, LEFT, mm(50), {
			width: mm(80),
			lineBreak: false,
			ellipsis: true,
			underline: true,
		});
	doc.font(FONT).fontSize(SIZE);
	say(doc, letter.address.join('\n'), LEFT, mm(62.7), mm(80));
	// information block
	doc.fontSize(9).text(letter.dateLine, mm(125), mm(50), { width: mm(65) });
	doc.text(letter.reference, { width: mm(65) });
	// fold marks at 105 and 210 mm, hole mark at 148.5 mm
	doc.lineWidth(0.4).strokeColor('#808080');
	for (const y of [105, 210]) doc.moveTo(mm(3), mm(y)).lineTo(mm(8), mm(y)).stroke();
	doc.moveTo(mm(3), mm(148.5)).lineTo(mm(10), mm(148.5)).stroke();
	doc.strokeColor('#000000');
}

function pageNumbers(doc: Doc, letter: ComposedLetter): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0; // writing into the margin must not open a new page
		const label =
			letter.language === 'en'
				? `Page ${i + 1} of ${range.count}`
				: `Seite ${i + 1} von ${range.count}`;
		doc
			.font(FONT)
			.fontSize(8)
			.text(label, LEFT, PAGE_HEIGHT - mm(15), {
				width: BODY_WIDTH,
				align: 'right',
				lineBreak: false,
			});
		doc.page.margins.bottom = bottom;
	}
}

/**
 * An A4 document with the letters' margins and embedded fonts (regular as `Letter`, bold as
 * `Letter-Bold`), and the PDF bytes once `doc.end()` is called: every PDF of the BEM file is made here.
 */
export function bemPdfDocument(
	lang: string,
	info: PDFKit.DocumentInfo,
): { doc: Doc; done: Promise<Buffer> } {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: mm(20), bottom: BOTTOM, left: LEFT, right: RIGHT },
		bufferPages: true,
		lang,
		info,
	});
	// parsed once for every PDF (pdfkit takes a parsed fontkit font as well as its bytes)
	const fonts = parsedLetterFonts() as unknown as { regular: Buffer; bold: Buffer };
	doc.registerFont(FONT, fonts.regular);
	doc.registerFont(BOLD, fonts.bold);
	doc.font(FONT);
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	return { doc, done };
}

/** About how high a block prints (as letterPdf writes it, in the body font): for keeping the end together. */
function blockHeight(doc: Doc, block: Block): number {
	doc.font(FONT).fontSize(SIZE);
	const line = doc.currentLineHeight(true);
	const text = (runs: Run[]) => runs.map((r) => r.text).join('');
	if (block.type === 'heading')
		return doc.font(BOLD).heightOfString(block.text, { width: BODY_WIDTH }) + 0.5 * line;
	if (block.type === 'paragraph')
		return (
			block.lines.reduce((h, l) => h + doc.heightOfString(text(l), { width: BODY_WIDTH }), 0) +
			0.6 * line
		);
	if (block.type === 'qr') return QR_SIDE + 0.3 * line;
	return (
		block.items.reduce(
			(h, item) => h + doc.heightOfString(text(item), { width: BODY_WIDTH - mm(7) }) + 0.15 * line,
			0,
		) +
		0.5 * line
	);
}

/**
 * Where the part that must share a page with the closing and signature starts, and how high it is with
 * them: the last section (from its heading), or, when that is longer than a page, its last block. No
 * page then holds only the closing.
 */
function keptWithClosing(doc: Doc, letter: ComposedLetter): { from: number; height: number } {
	doc.font(FONT).fontSize(SIZE);
	const end =
		doc.heightOfString(letter.closing, { width: BODY_WIDTH }) +
		2.5 * doc.currentLineHeight(true) +
		doc.heightOfString(letter.signature.join('\n'), { width: BODY_WIDTH });
	const page = PAGE_HEIGHT - BOTTOM - mm(20);
	const heights = letter.blocks.map((b) => blockHeight(doc, b));
	const fromOf = (from: number) => ({
		from,
		height: heights.slice(from).reduce((a, b) => a + b, end),
	});
	const lastHeading = letter.blocks.map((b) => b.type).lastIndexOf('heading');
	const section = fromOf(Math.max(0, lastHeading));
	const block = fromOf(letter.blocks.length - 1);
	doc.font(FONT).fontSize(SIZE);
	if (section.height <= page) return section;
	// a last block longer than a page breaks where it must
	return block.height <= page ? block : { from: -1, height: 0 };
}

export function letterPdf(letter: ComposedLetter): Promise<Buffer> {
	// a fixed creation date (the letter date) keeps the same letter byte-identical on a re-run
	const { doc, done } = bemPdfDocument(letter.language, {
		Title: letter.subject,
		Author: letter.letterhead[0],
		Subject: letter.reference,
		CreationDate: new Date(`${letter.sentOn}T12:00:00Z`),
	});

	firstPageFrame(doc, letter);
	doc.font(BOLD).fontSize(11);
	say(doc, letter.subject, LEFT, mm(103.5), BODY_WIDTH);
	doc.moveDown(1.2);
	doc.font(FONT).fontSize(SIZE);
	say(doc, letter.greeting, LEFT, doc.y, BODY_WIDTH);
	doc.moveDown(0.8);
	const tail = keptWithClosing(doc, letter);
	for (const [i, block] of letter.blocks.entries()) {
		if (i === tail.from) keepTogether(doc, tail.height);
		if (block.type === 'heading') {
			keepTogether(doc, 48);
			doc.moveDown(0.3);
			doc.font(BOLD).fontSize(SIZE).text(block.text, LEFT, doc.y, { width: BODY_WIDTH });
			doc.font(FONT).moveDown(0.2);
		} else if (block.type === 'paragraph') {
			for (const line of block.lines) writeRuns(doc, line, LEFT, BODY_WIDTH);
			doc.moveDown(0.6);
		} else if (block.type === 'qr') {
			drawQr(doc, block.link);
		} else {
			for (const item of block.items) {
				keepTogether(doc, 14);
				const y = doc.y;
				doc.text('–', LEFT + mm(2), y, { width: mm(4), lineBreak: false });
				doc.y = y;
				writeRuns(doc, item, LEFT + mm(7), BODY_WIDTH - mm(7));
				doc.moveDown(0.15);
			}
			doc.moveDown(0.5);
		}
	}
	keepTogether(doc, 70);
	say(doc, letter.closing, LEFT, doc.y, BODY_WIDTH);
	doc.moveDown(2.5);
	say(doc, letter.signature.join('\n'), LEFT, doc.y, BODY_WIDTH);
	pageNumbers(doc, letter);
	doc.end();
	return done;
}

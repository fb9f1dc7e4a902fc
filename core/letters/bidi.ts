import type { Run } from './compose';

// Right-to-left words (Arabic, Hebrew names) in a left-to-right letter PDF. fontkit shapes and reverses
// each piece pdfkit hands it by that piece's first script, and pdfkit cuts text after every space: a
// name like "Nguyễn محمد Ali" would come out with the space on the wrong side, and several Arabic words
// in left-to-right order. So each run of right-to-left words becomes a piece of its own, its words held
// together by no-break spaces (reversed as a whole: right-to-left word order), with the spaces and
// punctuation around it left to the neighbouring pieces.

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
const RTL_WORDS =
	/[^\s]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC][^\s]*(?: +[^\s]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC][^\s]*)*/gu;
/** punctuation at the edges of a right-to-left run stays in the left-to-right text */
const EDGES = /^([^\p{L}\p{N}\p{M}]*)([\s\S]*?)([^\p{L}\p{N}\p{M}]*)$/u;

export function hasRtl(text: string): boolean {
	return RTL.test(text);
}

/** A run's text cut into pieces, each right-to-left run on its own (same link). */
export function bidiRuns(runs: Run[]): Run[] {
	return runs.flatMap((run) => {
		if (!hasRtl(run.text)) return [run];
		const pieces: string[] = [];
		let last = 0;
		for (const m of run.text.matchAll(RTL_WORDS)) {
			const [, before, core, after] = EDGES.exec(m[0]) as RegExpExecArray;
			const start = m.index as number;
			pieces.push(run.text.slice(last, start) + before, core.replace(/ +/g, '\u00a0'));
			last = start + m[0].length - after.length;
		}
		pieces.push(run.text.slice(last));
		return pieces.filter((p) => p !== '').map((text) => ({ ...run, text }));
	});
}

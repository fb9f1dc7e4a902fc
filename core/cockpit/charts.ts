import { markup, type Html } from './html';
import { WORDS, type Quota } from './i18n';
import type { Lang, QuarterFigures } from './types';

// One inline SVG bar chart per quota, a bar per quarter: no script, no external font or image. A
// suppressed quota is a hatched bar labelled "unterdrückt (< n)", never a zero; the SVG is an image
// whose title and description carry every value as text.

const BAR = 78;
const GAP = 14;
const LEFT = 44;
const TOP = 22;
const PLOT = 120;
const HEIGHT = TOP + PLOT + 44;
const INK = '#1a1a1a';
const GRID = '#767676';
const BAR_FILL = '#1d4e89';

/** a quota as the page writes it, or the suppression mark */
export function quotaText(value: number | null, lang: Lang, minCell: number): string {
	const w = WORDS[lang];
	return value === null ? `${w.suppressed} ${w.below(minCell)}` : w.number(value);
}

export function quotaChart(
	quota: Quota,
	quarters: QuarterFigures[],
	lang: Lang,
	minCell: number,
): Html {
	const w = WORDS[lang];
	const width = LEFT + quarters.length * (BAR + GAP) + GAP;
	const id = `chart-${quota}`;
	const name = w.quotas[quota][0];
	const desc = quarters
		.map((q) => `${q.label}: ${quotaText(q.report[quota], lang, minCell)}`)
		.join('; ');
	const y = (share: number) => TOP + PLOT - share * PLOT;
	const text = (x: number, at: number, size: number, content: unknown, bold = false) =>
		markup`<text x="${x}" y="${at}" text-anchor="middle" font-size="${size}"${bold ? markup` font-weight="bold"` : ''} fill="${INK}">${content}</text>`;
	const grid = [0, 0.5, 1].map(
		(share) =>
			markup`<line x1="${LEFT}" x2="${width - 6}" y1="${y(share)}" y2="${y(share)}" stroke="${GRID}" stroke-width="${share === 0 ? 1.5 : 0.75}"${share === 0 ? '' : markup` stroke-dasharray="3 3"`}/><text x="${LEFT - 6}" y="${y(share) + 4}" text-anchor="end" font-size="11" fill="${INK}">${share * 100} %</text>`,
	);
	const bars = quarters.map((q, i) => {
		const x = LEFT + GAP + i * (BAR + GAP);
		const mid = x + BAR / 2;
		const value = q.report[quota];
		const label = markup`${text(mid, TOP + PLOT + 16, 12, q.label)}${q.running ? text(mid, TOP + PLOT + 31, 11, `(${w.running})`) : ''}`;
		if (value === null)
			return markup`<rect x="${x}" y="${TOP}" width="${BAR}" height="${PLOT}" fill="url(#${id}-hatch)" stroke="${GRID}"/><rect x="${x + 2}" y="${TOP + PLOT / 2 - 19}" width="${BAR - 4}" height="34" fill="#ffffff"/>${text(mid, TOP + PLOT / 2 - 5, 11, w.suppressed)}${text(mid, TOP + PLOT / 2 + 10, 11, w.below(minCell))}${label}`;
		const top = y(value);
		return markup`<rect x="${x}" y="${top}" width="${BAR}" height="${TOP + PLOT - top}" fill="${BAR_FILL}"/>${text(mid, Math.max(top - 5, 12), 12, w.number(value), true)}${label}`;
	});
	return markup`<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" font-family="system-ui, sans-serif"><title id="${id}-title">${w.chartOf(name)}</title><desc id="${id}-desc">${desc}</desc><defs><pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="8" stroke="${GRID}" stroke-width="3"/></pattern></defs>${grid}${bars}</svg>`;
}

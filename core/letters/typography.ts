// Legal citations stay on one line: "§ 167 Abs. 2 SGB IX", "Art. 6 Abs. 1 lit. a DSGVO" get
// non-breaking spaces (U+00A0), so neither the PDF nor a mail client breaks a line inside them. Applied
// to the wording (shipped or a company's), never to filled-in values such as names.

export const NBSP = '\u00a0';

const SP = `[ ${NBSP}]`;
const BOUND: RegExp[] = [
	// "§ 167", "§§ 84", "Art. 15", "Abs. 2", "lit. a", "Nr. 1", "S. 1", "Satz 2"
	new RegExp(`(?<=§|\\b(?:Art|Abs|lit|Nr|S)\\.|\\bSatz) (?=[0-9]|(?<=lit\\. )[a-z]\\b)`, 'g'),
	// "SGB IX"
	/(?<=\bSGB) (?=[IVX]+\b)/g,
	// "167 Abs. 2", "2 SGB IX", "§ 167(2) SGB IX", "13 DSGVO", "lit. a DSGVO"
	new RegExp(
		`(?<=[0-9)]|\\blit\\.${SP}[a-z]) (?=(?:Abs\\.|Satz\\b|S\\.|Nr\\.|lit\\.|SGB\\b|DSGVO\\b|GDPR\\b|BDSG\\b|BetrVG\\b))`,
		'g',
	),
];

/** The text with non-breaking spaces inside legal citations. */
export function bindCitations(text: string): string {
	return BOUND.reduce((t, re) => t.replace(re, NBSP), text);
}

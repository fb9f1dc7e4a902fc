import { defaultTemplate } from './defaults';
import {
	parseLetterInput,
	LetterInputError,
	type Language,
	type LetterKind,
	type ValidLetterInput,
} from './input';
import {
	mergeTemplate,
	placeholdersIn,
	validateTemplate,
	type LetterTemplate,
	type PlaceholderName,
} from './template';
import { replyDueOn } from '../lifecycle/deadlines';
import { bindCitations } from './typography';
import { formatLetterDate, placeholderValues } from './values';

// Turns input + template into a composed letter: structured blocks (for HTML and PDF) and plain text.
// Placeholders are filled here once; renderers only lay the blocks out and escape.

/** A run of text; `link` makes it a hyperlink (only the reply link, an http(s) URL checked at input). */
export interface Run {
	text: string;
	link?: string;
}
export type Block =
	| { type: 'heading'; text: string }
	| { type: 'paragraph'; lines: Run[][] }
	| { type: 'list'; items: Run[][] }
	/** the reply link as a QR code, after the paragraph that prints the link */
	| { type: 'qr'; link: string; label: string };

export interface ComposedLetter {
	kind: LetterKind;
	language: Language;
	caseId: string;
	sentOn: string;
	replyDueOn: string;
	firstLetterDate: string | null;
	subject: string;
	letterhead: string[];
	senderLine: string;
	address: string[];
	/** "Berlin, 11.12.2026" */
	dateLine: string;
	/** "Aktenzeichen: …" */
	reference: string;
	greeting: string;
	blocks: Block[];
	closing: string;
	signature: string[];
	/** the letter body as plain text, greeting to signature (an e-mail body) */
	text: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function fillRuns(text: string, values: Record<PlaceholderName, string>): Run[] {
	const runs: Run[] = [];
	let last = 0;
	for (const m of text.matchAll(PLACEHOLDER)) {
		if (m.index! > last) runs.push({ text: text.slice(last, m.index) });
		const name = m[1] as PlaceholderName;
		runs.push(
			name === 'replyLink'
				? { text: values.replyLink, link: values.replyLink }
				: { text: values[name] },
		);
		last = m.index! + m[0].length;
	}
	if (last < text.length) runs.push({ text: text.slice(last) });
	return runs.filter((r) => r.text !== '');
}

const fillText = (text: string, values: Record<PlaceholderName, string>) =>
	fillRuns(text, values)
		.map((r) => r.text)
		.join('');

/** Blank-line separated paragraphs; a paragraph whose lines all start with "- " is a list. */
function blocksOf(text: string, values: Record<PlaceholderName, string>): Block[] {
	return text
		.split(/\n\s*\n/)
		.map((p) =>
			p
				.split('\n')
				.map((l) => l.trim())
				.filter((l) => l !== ''),
		)
		.filter((lines) => lines.length > 0)
		.map(
			(lines): Block =>
				lines.every((l) => l.startsWith('- '))
					? { type: 'list', items: lines.map((l) => fillRuns(l.slice(2), values)) }
					: { type: 'paragraph', lines: lines.map((l) => fillRuns(l, values)) },
		);
}

const runText = (runs: Run[]) => runs.map((r) => r.text).join('');

function plainText(letter: Omit<ComposedLetter, 'text'>): string {
	const out: string[] = [letter.greeting, ''];
	for (const block of letter.blocks) {
		if (block.type === 'heading') out.push(block.text);
		else if (block.type === 'paragraph') out.push(...block.lines.map(runText), '');
		else if (block.type === 'list')
			out.push(...block.items.map((item) => `- ${runText(item)}`), '');
	}
	out.push(letter.closing, '', ...letter.signature);
	return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

/** The template a letter is rendered from: the shipped one with the company's override, validated. */
export function letterTemplate(
	kind: LetterKind,
	language: Language,
	override?: ValidLetterInput['template'],
): LetterTemplate {
	const template = mergeTemplate(defaultTemplate(kind, language), override);
	validateTemplate(template, kind);
	return template;
}

/** A letter's input and template, both validated: what composeLetter composes from. */
export interface PreparedLetter {
	input: ValidLetterInput;
	template: LetterTemplate;
}

/** Validates the input and the (overridden) template, composing nothing: a check before anything is
 * written. Throws LetterInputError, LetterTemplateError or HealthDetailError naming the field or the
 * missing element. */
export function prepareLetter(raw: unknown): PreparedLetter {
	const input = parseLetterInput(raw);
	const template = letterTemplate(input.kind, input.language, input.template);
	const uses = new Set(
		[template.subject, ...template.sections.map((s) => s.text)].flatMap(placeholdersIn),
	);
	if (uses.has('replyLink') && !input.replyLink) {
		throw new LetterInputError(
			'replyLink is required: the letter prints the link to the reply form ({{replyLink}})',
			'replyLink',
		);
	}
	return { input, template };
}

/** Puts the QR code of the reply link after the first paragraph that prints the link. */
function withQrCode(blocks: Block[], de: boolean): void {
	const at = blocks.findIndex(
		(b) => b.type === 'paragraph' && b.lines.some((l) => l.some((r) => r.link)),
	);
	if (at < 0) return;
	const paragraph = blocks[at] as Extract<Block, { type: 'paragraph' }>;
	const link = paragraph.lines.flat().find((r) => r.link)!.link!;
	const label = de
		? 'QR-Code mit dem Link zum Antwortformular'
		: 'QR code with the link to the reply form';
	blocks.splice(at + 1, 0, { type: 'qr', link, label });
}

/** The wording with non-breaking spaces in its legal citations (placeholders are filled after). */
function withBoundCitations(t: LetterTemplate): LetterTemplate {
	return {
		subject: bindCitations(t.subject),
		greeting: bindCitations(t.greeting),
		closing: bindCitations(t.closing),
		sections: t.sections.map((s) => ({
			...s,
			...(s.heading ? { heading: bindCitations(s.heading) } : {}),
			text: bindCitations(s.text),
		})),
	};
}

/** Validates the input and the (overridden) template (prepareLetter) and composes the letter. */
export function composeLetter(raw: unknown): ComposedLetter {
	const prepared = prepareLetter(raw);
	const { input } = prepared;
	const template = withBoundCitations(prepared.template);
	// the case's own deadline; a preview without one shows what the lifecycle would set
	const dueOn = input.replyDueOn ?? replyDueOn(input.sentOn, input.company.state);
	const values = placeholderValues(input, dueOn);
	const company = input.company;
	const de = input.language === 'de';
	const blocks: Block[] = [];
	for (const section of template.sections) {
		if (section.heading) blocks.push({ type: 'heading', text: fillText(section.heading, values) });
		blocks.push(...blocksOf(section.text, values));
	}
	withQrCode(blocks, de);
	const letterhead = company.letterhead.length > 0 ? company.letterhead : [company.name];
	const letter: Omit<ComposedLetter, 'text'> = {
		kind: input.kind,
		language: input.language,
		caseId: input.caseId,
		sentOn: input.sentOn,
		replyDueOn: dueOn,
		firstLetterDate: input.firstLetterDate ?? null,
		subject: fillText(template.subject, values),
		letterhead,
		senderLine: company.senderLine || letterhead.join(' · '),
		address: [input.employee.name, ...input.employee.address],
		dateLine:
			(company.place ? `${company.place}, ` : '') + formatLetterDate(input.sentOn, input.language),
		reference: `${de ? 'Aktenzeichen' : 'Reference'}: ${input.reference || input.caseId}`,
		greeting: fillText(template.greeting, values),
		blocks,
		closing: fillText(template.closing, values),
		signature: [company.contact.name, company.contact.role ?? '', company.name].filter(
			(l) => l !== '',
		),
	};
	return { ...letter, text: plainText(letter) };
}

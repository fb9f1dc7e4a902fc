import { composeLetter, type ComposedLetter } from './compose';
import { assertPdfPrintable } from './fonts';
import { letterHtml } from './html';
import { letterPdf } from './pdf';

export {
	composeLetter,
	letterTemplate,
	prepareLetter,
	type Block,
	type ComposedLetter,
	type PreparedLetter,
	type Run,
} from './compose';
export { defaultTemplate } from './defaults';
export { assertPdfPrintable, LETTER_FONT_NAME, unprintableScript } from './fonts';
export { escapeHtml, letterHtml } from './html';
export {
	LANGUAGES,
	LETTER_KINDS,
	LetterInputError,
	normaliseSalutation,
	parseLetterInput,
	type CompanySettings,
	type Language,
	type LetterInput,
	type LetterKind,
} from './input';
export { accessExportPdf } from './accessExportPdf';
export { letterPdf } from './pdf';
export {
	LetterTemplateError,
	PLACEHOLDERS,
	PLACEHOLDER_NAMES,
	SECTION_KEYS,
	mergeTemplate,
	placeholdersIn,
	templateOverrideSchema,
	validateTemplate,
	type LetterTemplate,
	type PlaceholderName,
	type Section,
	type TemplateOverride,
} from './template';
export { formatLetterDate } from './values';

export interface RenderedLetter extends ComposedLetter {
	html: string;
	pdf?: Buffer;
}

/**
 * Composes a letter and renders its HTML and (unless `pdf: false`) its PDF. Text the PDF's font cannot
 * print (CJK, for one) is refused for the PDF, naming the field and the script.
 */
export async function renderLetter(
	input: unknown,
	options: { pdf?: boolean } = {},
): Promise<RenderedLetter> {
	const letter = composeLetter(input);
	if (options.pdf !== false) assertPdfPrintable(input);
	const rendered: RenderedLetter = { ...letter, html: letterHtml(letter) };
	if (options.pdf !== false) rendered.pdf = await letterPdf(letter);
	return rendered;
}

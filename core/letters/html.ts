import type { ComposedLetter, Run } from './compose';
import { qrSvg } from './qr';

// The letter body as e-mail HTML (greeting to signature). Every piece of text is escaped; the only
// markup is ours. Inline styles, because mail clients drop <style> blocks.

export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"'\u00a0]/g,
		(c) =>
			({
				'&': '&amp;',
				'<': '&lt;',
				'>': '&gt;',
				'"': '&quot;',
				"'": '&#39;',
				'\u00a0': '&nbsp;',
			})[c] as string,
	);
}

/** An http(s) URL for an href attribute: serialised by the URL parser (a quote becomes %22, not &quot;),
 * then HTML-escaped (& -> &amp;). */
export function hrefOf(link: string): string {
	const url = new URL(link);
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new Error('a letter links only http(s) URLs');
	return escapeHtml(url.href);
}

function runs(list: Run[]): string {
	return list
		.map((r) =>
			r.link ? `<a href="${hrefOf(r.link)}">${escapeHtml(r.text)}</a>` : escapeHtml(r.text),
		)
		.join('');
}

export function letterHtml(letter: ComposedLetter): string {
	const out: string[] = [
		`<div lang="${letter.language}" style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #1a1a1a; max-width: 680px;">`,
	];
	out.push(`<p>${escapeHtml(letter.greeting)}</p>`);
	for (const block of letter.blocks) {
		if (block.type === 'heading')
			out.push(`<h3 style="font-size: 15px; margin: 18px 0 6px;">${escapeHtml(block.text)}</h3>`);
		else if (block.type === 'paragraph') out.push(`<p>${block.lines.map(runs).join('<br>')}</p>`);
		else if (block.type === 'list')
			out.push(`<ul>${block.items.map((item) => `<li>${runs(item)}</li>`).join('')}</ul>`);
		else out.push(`<p>${qrSvg(block.link, 132, escapeHtml(block.label))}</p>`);
	}
	out.push(`<p>${escapeHtml(letter.closing)}</p>`);
	out.push(`<p>${letter.signature.map(escapeHtml).join('<br>')}</p>`);
	out.push('</div>');
	return out.join('\n');
}

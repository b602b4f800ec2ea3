// The shape every e-mail shares: blocks of lines or links, as plain text and as simple HTML.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

/** The language a message is written in: one of the site's locales. */
export type Language = Locale;

/** A paragraph of lines, or a lead-in sentence followed by its link. */
export type Block = { lines: string[]; strong?: boolean } | { lead: string; url: string };

/** One list of blocks makes both bodies, so the text and HTML versions never disagree. */
export function compose(language: Language, blocks: Block[]): { text: string; html: string } {
	const signature = m.email_signature({}, { locale: language });
	const text = [
		...blocks.map((block) =>
			'url' in block ? `${block.lead}\n${block.url}` : block.lines.join('\n')
		),
		`-- \n${signature}`
	].join('\n\n');
	const paragraphs = blocks.map((block) => {
		if ('url' in block) {
			const url = escapeHtml(block.url);
			return `<p>${escapeHtml(block.lead)}<br><a href="${url}">${url}</a></p>`;
		}
		const body = block.lines.map(escapeHtml).join('<br>');
		return `<p>${block.strong ? `<strong style="font-size:1.25em">${body}</strong>` : body}</p>`;
	});
	const html = [
		'<!doctype html>',
		`<html lang="${language}">`,
		'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
		'<body style="font-family:sans-serif;line-height:1.5;max-width:36em">',
		...paragraphs,
		`<p style="color:#555">${escapeHtml(signature)}</p>`,
		'</body>',
		'</html>'
	].join('\n');
	return { text, html };
}

const htmlEntities: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => htmlEntities[character]);
}

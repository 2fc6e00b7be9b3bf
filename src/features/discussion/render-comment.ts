import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';
import type sanitizeHtmlType from 'sanitize-html';

/**
 * Comment Markdown: a small subset for readers. Emphasis, links, quotes, code and lists; plain
 * URLs become links. No images, no headings, no tables, no raw HTML: what is not in the subset
 * stays visible as the text the reader typed. The output is then sanitised to an allow-list, so
 * even a bug in the Markdown layer cannot let markup through.
 */
let libs: { md: MarkdownItType; sanitize: typeof sanitizeHtmlType } | null = null;

/** markdown-it and sanitize-html load with the first comment rendered: page views never need them. */
function load() {
  if (!libs) {
    const require = createRequire(import.meta.url);
    const MarkdownIt = require('markdown-it') as typeof MarkdownItType;
    const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
    md.disable(['image', 'heading', 'lheading', 'table', 'hr', 'html_block', 'html_inline']);
    md.linkify.set({ fuzzyEmail: false });
    libs = { md, sanitize: require('sanitize-html') as typeof sanitizeHtmlType };
  }
  return libs;
}

const allowed: sanitizeHtmlType.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 's', 'a', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow ugc noopener' } }),
  },
  // A link whose address was refused keeps its text, without a dead <a>.
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

/** Bidirectional overrides and isolates, and the byte-order mark: never meaningful in a comment. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** The Markdown as it is stored: newlines normalised, direction overrides removed, trimmed. */
export function normaliseCommentMarkdown(markdown: string): string {
  return markdown.replace(/\r\n?/g, '\n').replace(bidiControls, '').trim();
}

/** Sanitised HTML for a comment's Markdown (already normalised). */
export function renderCommentMarkdown(markdown: string): string {
  const { md, sanitize } = load();
  return sanitize(md.render(markdown), allowed).trim();
}

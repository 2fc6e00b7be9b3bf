// Rewrite root-relative URLs in sanitized HTML (`/media/a.jpg`) to absolute ones, so feed readers
// and aggregators that show the HTML away from the site still load images and follow links.
// Only attributes inside tags are touched; text, comments and protocol-relative `//host` URLs are not.

import { escapeXml } from '../../shared/escape.js';

const URL_ATTRIBUTES = new Set(['href', 'src', 'poster']);
// A start tag, with quoted values consumed whole so a `>` inside one does not end the tag.
const START_TAG = /<[a-zA-Z][^\s/<>]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
// One attribute at a time, in order, so text inside another attribute's value is never matched.
const ATTRIBUTE = /(\s+)([^\s"'<>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

function isRootRelative(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

function absolutizeUrl(url: string, base: string): string {
  return isRootRelative(url) ? `${base}${url}` : url;
}

function absolutizeSrcset(srcset: string, base: string): string {
  return srcset
    .split(',')
    .map((candidate) => candidate.replace(/^(\s*)(\S+)/, (_m, space: string, url: string) => `${space}${absolutizeUrl(url, base)}`))
    .join(',');
}

function rewriteValue(name: string, rawValue: string, base: string): string {
  const quote = rawValue.startsWith('"') || rawValue.startsWith("'") ? rawValue.charAt(0) : '';
  const value = quote ? rawValue.slice(1, -1) : rawValue;
  const rewritten = name === 'srcset' ? absolutizeSrcset(value, base) : absolutizeUrl(value, base);
  return quote ? `${quote}${rewritten}${quote}` : `"${rewritten}"`;
}

function absolutizeTags(html: string, base: string): string {
  return html.replace(START_TAG, (tag) => {
    const nameEnd = tag.search(/[\s/>]/);
    const rest = tag.slice(nameEnd).replace(ATTRIBUTE, (match, space: string, rawName: string, eq?: string, rawValue?: string) => {
      const name = rawName.toLowerCase();
      if (eq === undefined || rawValue === undefined) return match;
      if (!URL_ATTRIBUTES.has(name) && name !== 'srcset') return match;
      return `${space}${rawName}${eq}${rewriteValue(name, rawValue, base)}`;
    });
    return tag.slice(0, nameEnd) + rest;
  });
}

/**
 * Make root-relative `href`, `src` (and `poster`, `srcset`) values absolute against `baseUrl`
 * (the site's PUBLIC_URL; a trailing slash is ignored). Comments are left as they are.
 */
export function absolutizeHtml(html: string, baseUrl: string): string {
  const base = escapeXml(baseUrl.replace(/\/+$/, ''));
  let out = '';
  let i = 0;
  // Walk comment by comment with indexOf (linear even for hostile input such as many `<!--`).
  while (i < html.length) {
    const start = html.indexOf('<!--', i);
    if (start === -1) break;
    const end = html.indexOf('-->', start + 4);
    const stop = end === -1 ? html.length : end + 3;
    out += absolutizeTags(html.slice(i, start), base) + html.slice(start, stop);
    i = stop;
  }
  return out + absolutizeTags(html.slice(i), base);
}

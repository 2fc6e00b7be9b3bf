// Atom 1.0 (RFC 4287). The feed carries the site as its author so every entry has one even when
// an item lists no authors (RFC 4287 §4.1.1 requires an author on the feed or on each entry).

import { escapeXml } from '../../shared/escape.js';
import { absolutizeHtml } from './absolute.js';
import type { FeedChannel, FeedItem, FeedLink, FeedSite } from './types.js';
import { rfc3339, XML_DECLARATION } from './xml.js';

function element(name: string, text: string, attributes = ''): string {
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

function link(rel: string, type: string, href: string): string {
  return `<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>`;
}

function person(who: FeedLink): string {
  return `<author>${element('name', who.name)}${element('uri', who.url)}</author>`;
}

function renderEntry(site: FeedSite, item: FeedItem): string {
  const lines = [
    element('id', item.url),
    element('title', item.title, ' type="text"'),
    link('alternate', 'text/html', item.url),
    element('published', rfc3339(item.publishedAt)),
    element('updated', rfc3339(item.updatedAt)),
    ...item.authors.map(person),
    ...item.tags.map((tag) => `<category term="${escapeXml(tag.name)}" label="${escapeXml(tag.name)}"/>`),
    element('summary', item.summary, ' type="text"'),
    element('content', absolutizeHtml(item.contentHtml, site.url), ' type="html"'),
  ];
  if (item.imageUrl !== null) lines.push(`<link rel="enclosure" href="${escapeXml(item.imageUrl)}"/>`);
  return `<entry>\n${lines.map((line) => `    ${line}`).join('\n')}\n  </entry>`;
}

/** Render an Atom 1.0 feed document; the feed id is the feed's own URL. */
export function renderAtom(site: FeedSite, channel: FeedChannel, items: readonly FeedItem[]): string {
  const head = [
    element('id', channel.selfUrl),
    element('title', channel.title, ' type="text"'),
    element('subtitle', channel.description, ' type="text"'),
    link('self', 'application/atom+xml', channel.selfUrl),
    link('alternate', 'text/html', channel.link),
    element('updated', rfc3339(channel.updated)),
    person({ name: site.name, url: site.url }),
    element('generator', 'Outpost'),
  ];
  return [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">`,
    ...head.map((line) => `  ${line}`),
    ...items.map((item) => `  ${renderEntry(site, item)}`),
    '</feed>',
    '',
  ].join('\n');
}

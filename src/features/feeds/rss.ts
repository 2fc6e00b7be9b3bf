// RSS 2.0 (https://www.rssboard.org/rss-specification) with the usual extensions: atom:link for the
// self URL, content:encoded for the full body, dc:creator per author, media:content for the image.

import { escapeXml } from '../../shared/escape.js';
import { absolutizeHtml } from './absolute.js';
import type { FeedChannel, FeedItem, FeedSite } from './types.js';
import { cdata, rfc822, XML_DECLARATION } from './xml.js';

const NAMESPACES = [
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
].join(' ');

function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function renderItem(site: FeedSite, item: FeedItem): string {
  const lines = [
    element('title', item.title),
    element('link', item.url),
    `<guid isPermaLink="true">${escapeXml(item.url)}</guid>`,
    element('pubDate', rfc822(item.publishedAt)),
    ...item.authors.map((author) => element('dc:creator', author.name)),
    ...item.tags.map((tag) => element('category', tag.name)),
    element('description', item.summary),
    `<content:encoded>${cdata(absolutizeHtml(item.contentHtml, site.url))}</content:encoded>`,
  ];
  if (item.imageUrl !== null) lines.push(`<media:content url="${escapeXml(item.imageUrl)}" medium="image"/>`);
  return `<item>\n${lines.map((line) => `      ${line}`).join('\n')}\n    </item>`;
}

/** Render an RSS 2.0 document for one channel (the whole site, a section, a tag, an author). */
export function renderRss(site: FeedSite, channel: FeedChannel, items: readonly FeedItem[]): string {
  const head = [
    element('title', channel.title),
    element('link', channel.link),
    element('description', channel.description),
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    element('language', site.language),
    element('lastBuildDate', rfc822(channel.updated)),
    element('generator', 'Outpost'),
  ];
  return [
    XML_DECLARATION,
    `<rss version="2.0" ${NAMESPACES}>`,
    '  <channel>',
    ...head.map((line) => `    ${line}`),
    ...items.map((item) => `    ${renderItem(site, item)}`),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

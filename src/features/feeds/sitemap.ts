// Sitemaps (https://www.sitemaps.org/protocol.html) and the Google News sitemap extension
// (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
// Limits are the caller's to respect: 50,000 URLs per file, 1,000 <news:news> per news sitemap,
// and only articles published in the last two days belong in the news sitemap.

import { escapeXml } from '../../shared/escape.js';
import type { FeedSite, NewsSitemapItem, SitemapEntry } from './types.js';
import { rfc3339, w3cDate, XML_DECLARATION } from './xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

function element(name: string, text: string): string {
  return `<${name}>${escapeXml(text)}</${name}>`;
}

function entry(wrapper: 'url' | 'sitemap', item: SitemapEntry): string {
  const lastmod = item.lastmod === undefined ? '' : element('lastmod', w3cDate(item.lastmod));
  return `  <${wrapper}>${element('loc', item.loc)}${lastmod}</${wrapper}>`;
}

function document(root: string, attributes: string, body: readonly string[]): string {
  return [XML_DECLARATION, `<${root} ${attributes}>`, ...body, `</${root}>`, ''].join('\n');
}

/** `<sitemapindex>` listing child sitemaps. */
export function renderSitemapIndex(entries: readonly SitemapEntry[]): string {
  return document('sitemapindex', `xmlns="${SITEMAP_NS}"`, entries.map((item) => entry('sitemap', item)));
}

/** `<urlset>` listing pages. */
export function renderUrlSet(entries: readonly SitemapEntry[]): string {
  return document('urlset', `xmlns="${SITEMAP_NS}"`, entries.map((item) => entry('url', item)));
}

/**
 * ISO 639 language code as Google News wants it: the primary subtag in lower case ('en-US' → 'en'),
 * except Chinese, which must say 'zh-cn' (Simplified) or 'zh-tw' (Traditional).
 */
export function newsLanguage(language: string): string {
  const [primary = '', ...rest] = language.trim().toLowerCase().split(/[-_]/);
  if (primary !== 'zh') return primary;
  return rest.some((subtag) => subtag === 'tw' || subtag === 'hk' || subtag === 'mo' || subtag === 'hant') ? 'zh-tw' : 'zh-cn';
}

/** Google News `<urlset>` for recently published articles. */
export function renderNewsSitemap(site: FeedSite, items: readonly NewsSitemapItem[]): string {
  const publication = `<news:publication>${element('news:name', site.name)}${element('news:language', newsLanguage(site.language))}</news:publication>`;
  const body = items.map((item) =>
    [
      '  <url>',
      `    ${element('loc', item.loc)}`,
      '    <news:news>',
      `      ${publication}`,
      `      ${element('news:publication_date', rfc3339(item.publishedAt))}`,
      `      ${element('news:title', item.title)}`,
      '    </news:news>',
      '  </url>',
    ].join('\n'),
  );
  return document('urlset', `xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}"`, body);
}

import { describe, expect, it } from 'vitest';
import { newsLanguage, renderNewsSitemap, renderSitemapIndex, renderUrlSet } from './sitemap.js';
import { HOSTILE_TITLE, site } from './test-fixtures.js';
import { children, nth, only, parseXml } from './test-xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

describe('renderSitemapIndex', () => {
  it('lists sitemaps with optional lastmod', () => {
    const xml = renderSitemapIndex([{ loc: 'https://news.example/sitemap-pages.xml' }, { loc: 'https://news.example/sitemap-articles.xml?page=2&size=1', lastmod: '2024-03-05T10:30:00+01:00' }]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex ')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('sitemapindex');
    expect(root.attributes.xmlns).toBe(SITEMAP_NS);
    const maps = children(root, 'sitemap');
    expect(maps.map((m) => only(m, 'loc').text)).toEqual(['https://news.example/sitemap-pages.xml', 'https://news.example/sitemap-articles.xml?page=2&size=1']);
    expect(children(nth(maps, 0), 'lastmod')).toHaveLength(0);
    expect(only(nth(maps, 1), 'lastmod').text).toBe('2024-03-05T09:30:00.000Z');
    expect(xml).toContain('?page=2&amp;size=1');
  });
});

describe('renderUrlSet', () => {
  it('lists pages and keeps a bare-date lastmod', () => {
    const root = parseXml(renderUrlSet([{ loc: 'https://news.example/about', lastmod: '2024-01-31' }]));
    expect(root.name).toBe('urlset');
    expect(root.attributes.xmlns).toBe(SITEMAP_NS);
    const url = only(root, 'url');
    expect(only(url, 'loc').text).toBe('https://news.example/about');
    expect(only(url, 'lastmod').text).toBe('2024-01-31');
  });

  it('renders an empty set', () => {
    expect(children(parseXml(renderUrlSet([])), 'url')).toHaveLength(0);
  });
});

describe('renderNewsSitemap', () => {
  it('renders Google News entries', () => {
    const xml = renderNewsSitemap(site, [{ loc: 'https://news.example/a?x=1&y=2', title: HOSTILE_TITLE, publishedAt: '2024-03-05T10:30:00+01:00' }]);
    const root = parseXml(xml);
    expect(root.attributes).toEqual({ xmlns: SITEMAP_NS, 'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9' });
    const url = only(root, 'url');
    expect(only(url, 'loc').text).toBe('https://news.example/a?x=1&y=2');
    const news = only(url, 'news:news');
    const publication = only(news, 'news:publication');
    expect(only(publication, 'news:name').text).toBe('The Outpost & Co');
    expect(only(publication, 'news:language').text).toBe('en');
    expect(only(news, 'news:publication_date').text).toBe('2024-03-05T09:30:00.000Z');
    expect(only(news, 'news:title').text).toBe(HOSTILE_TITLE);
    expect(xml).toContain('<news:title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;apos&apos;</news:title>');
    expect(xml).toContain('<news:name>The Outpost &amp; Co</news:name>');
  });
});

describe('newsLanguage', () => {
  it.each([
    ['en-US', 'en'],
    ['en', 'en'],
    ['PT_br', 'pt'],
    ['uk-UA', 'uk'],
    ['zh-CN', 'zh-cn'],
    ['zh-Hans', 'zh-cn'],
    ['zh-TW', 'zh-tw'],
    ['zh-Hant-HK', 'zh-tw'],
  ])('%s → %s', (input, expected) => {
    expect(newsLanguage(input)).toBe(expected);
  });
});

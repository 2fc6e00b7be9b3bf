import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { makeArticle, makeAuthor } from './support/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const mira = await makeAuthor(t.ctx, 'Mira Castell');
  const tomas = await makeAuthor(t.ctx, 'Tomas Adler');
  const now = t.clock.now().getTime();
  await makeArticle(t.ctx, {
    title: 'Fresh report <today> & more',
    slug: 'fresh',
    authorIds: [mira.id],
    tags: ['Energy'],
    bodyMarkdown: 'See ![map](/media/map.png) and [the archive](/archive).',
    publishedAt: new Date(now - 3_600_000).toISOString(),
    videoUrl: 'https://vimeo.com/76979871',
  });
  await makeArticle(t.ctx, { title: 'Older report', slug: 'older', authorIds: [tomas.id], tags: ['Frontline'], publishedAt: new Date(now - 5 * 86_400_000).toISOString() });
  await makeArticle(t.ctx, { title: 'Draft report', slug: 'draft', authorIds: [tomas.id], status: 'draft' });
});
afterAll(() => t.cleanup());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('feeds', () => {
  it('serves the site RSS with absolute links, escaped titles and the video mark', async () => {
    const res = await get('/feed.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.body).toContain('<title>Fresh report &lt;today&gt; &amp; more (Video)</title>');
    expect(res.body).toContain('<link>http://outpost.test/articles/fresh</link>');
    expect(res.body).toContain('src="http://outpost.test/media/map.png"');
    expect(res.body).toContain('href="http://outpost.test/feed.xml"');
    expect(res.body).toContain('Older report');
    expect(res.body).not.toContain('Draft report');
  });

  it('serves Atom and JSON Feed', async () => {
    const atom = await get('/atom.xml');
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom.body).toContain('<id>http://outpost.test/articles/fresh</id>');
    const json = JSON.parse((await get('/feed.json')).body);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((i: { url: string }) => i.url)).toEqual(['http://outpost.test/articles/fresh', 'http://outpost.test/articles/older']);
  });

  it('serves feeds per tag and per author, and 404 for unknown ones', async () => {
    const tag = await get('/tags/energy/feed.xml');
    expect(tag.body).toContain('Fresh report');
    expect(tag.body).not.toContain('Older report');
    const author = await get('/authors/tomas-adler/atom.xml');
    expect(author.body).toContain('Older report');
    expect(author.body).not.toContain('Fresh report');
    expect((await get('/tags/none/feed.xml')).statusCode).toBe(404);
    expect((await get('/authors/none/feed.json')).statusCode).toBe(404);
  });

  it('announces its feeds on every page', async () => {
    for (const url of ['/', '/articles/older', '/tags/frontline', '/authors/mira-castell', '/archive', '/search?q=report']) {
      const html = (await get(url)).body;
      expect(html, url).toContain('<link rel="alternate" type="application/rss+xml"');
      expect(html, url).toContain('<link rel="alternate" type="application/atom+xml"');
    }
  });
});

describe('sitemaps and robots', () => {
  it('indexes articles, tags, authors and news', async () => {
    const index = await get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    for (const name of ['articles', 'tags', 'authors', 'news']) expect(index.body).toContain(`<loc>http://outpost.test/sitemaps/${name}.xml</loc>`);
    const articles = (await get('/sitemaps/articles.xml')).body;
    expect(articles).toContain('<loc>http://outpost.test/articles/fresh</loc>');
    expect(articles).not.toContain('/articles/draft');
    expect((await get('/sitemaps/tags.xml')).body).toContain('<loc>http://outpost.test/tags/energy</loc>');
    expect((await get('/sitemaps/authors.xml')).body).toContain('<loc>http://outpost.test/authors/tomas-adler</loc>');
  });

  it('lists only the last 48 hours in the news sitemap', async () => {
    const news = (await get('/sitemaps/news.xml')).body;
    expect(news).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(news).toContain('<loc>http://outpost.test/articles/fresh</loc>');
    expect(news).not.toContain('/articles/older');
  });

  it('serves robots.txt pointing at the sitemap', async () => {
    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Sitemap: http://outpost.test/sitemap.xml');
    expect(robots.body).toContain('Disallow: /admin');
  });
});

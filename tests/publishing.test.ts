import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishScheduledArticles } from '../src/features/articles/publish-scheduled.js';
import { saveArticle } from '../src/features/articles/save-article.js';
import { createTestApp, type TestApp } from './support/app.js';
import { makeArticle, makeAuthor } from './support/factories.js';

let t: TestApp;
let authorId: number;

beforeAll(async () => {
  t = await createTestApp();
  authorId = (await makeAuthor(t.ctx, 'Mira Castell')).id;
});
afterAll(() => t.cleanup());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('articles', () => {
  it('shows the cover image with its caption and credit', async () => {
    await saveArticle(t.ctx, {
      title: 'Dawn over the harbour',
      slug: 'dawn-harbour',
      standfirst: 'The port reopened.',
      bodyMarkdown: 'Ships came in at six.',
      status: 'published',
      publishedAt: '2022-06-01T06:00:00.000Z',
      authorIds: [authorId],
      tags: [],
      coverUrl: '/media/harbour.jpg',
      coverAlt: 'Cranes at dawn',
      coverCaption: 'The first ship in three weeks & more.',
      coverCredit: 'Photo: Ana Ruiz',
    });
    const html = (await get('/articles/dawn-harbour')).body;
    expect(html).toMatch(/<figure class="cover"><img src="\/media\/harbour.jpg" alt="Cranes at dawn"[^>]*><figcaption>The first ship in three weeks &amp; more\.<span class="credit"> Photo: Ana Ruiz<\/span><\/figcaption><\/figure>/);
  });

  it('publishes an article with its dateline, byline, tags, video mark and metadata', async () => {
    await saveArticle(t.ctx, {
      title: 'Night convoy crosses the Ostra',
      slug: 'night-convoy',
      standfirst: 'Forty trucks, no lights, one bridge.',
      bodyMarkdown: 'The first truck moved at 2 a.m.\n\n![The crossing](/media/map.png "Full map")',
      status: 'published',
      publishedAt: '2022-05-14T08:00:00.000Z',
      authorIds: [authorId],
      tags: ['Frontline', 'Humanitarian'],
      videoUrl: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
      coverUrl: '/media/cover.jpg',
      coverAlt: 'Trucks at night',
    });
    const res = await get('/articles/night-convoy');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Night convoy crosses the Ostra<span class="video-mark"> (Video)</span>');
    expect(html).toContain('<span class="dateline-month">MAY 2022</span>');
    expect(html).toContain('<time datetime="2022-05-14T08:00:00.000Z">May 14, 2022</time>');
    expect(html).toContain('href="/authors/mira-castell"');
    expect(html).toContain('href="/tags/frontline"');
    expect(html).toContain('<link rel="canonical" href="http://outpost.test/articles/night-convoy"/>');
    expect(html).toContain('"@type":"NewsArticle"');
    expect(html).toContain('<meta property="og:title" content="Night convoy crosses the Ostra (Video)"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]+href="http:\/\/outpost.test\/feed.xml"/);
    // The video is a facade: a link, with no third-party frame or script in the page.
    expect(html).toContain('data-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"');
    expect(html).not.toMatch(/<iframe|<script[^>]+src="https?:/);
    // Body images open full size.
    expect(html).toContain('<a class="zoom" href="/media/map.png" data-zoom>');
  });

  it('keeps drafts and scheduled articles off every public page', async () => {
    await makeArticle(t.ctx, { title: 'Secret draft', slug: 'secret-draft', status: 'draft', authorIds: [authorId] });
    await makeArticle(t.ctx, { title: 'Future piece', slug: 'future-piece', status: 'scheduled', publishedAt: '2030-01-01T00:00:00.000Z', authorIds: [authorId] });
    expect((await get('/articles/secret-draft')).statusCode).toBe(404);
    expect((await get('/articles/future-piece')).statusCode).toBe(404);
    const home = (await get('/')).body;
    expect(home).not.toContain('Secret draft');
    expect(home).not.toContain('Future piece');
    expect((await get('/feed.xml')).body).not.toContain('Future piece');
    expect((await get('/search?q=secret')).body).not.toContain('Secret draft');
  });

  it('publishes a scheduled article when its time comes', async () => {
    const { id } = await makeArticle(t.ctx, {
      title: 'Scheduled dispatch',
      slug: 'scheduled-dispatch',
      status: 'scheduled',
      publishedAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      authorIds: [authorId],
    });
    expect(await publishScheduledArticles(t.ctx)).toEqual([]);
    expect((await get('/')).body).not.toContain('Scheduled dispatch');
    t.clock.advance(3_600_001);
    expect(await publishScheduledArticles(t.ctx)).toEqual([id]);
    // The cached home page was invalidated: the article shows at once.
    expect((await get('/')).body).toContain('Scheduled dispatch');
    expect((await get('/articles/scheduled-dispatch')).statusCode).toBe(200);
  });

  it('redirects a former slug to the article', async () => {
    const { id } = await makeArticle(t.ctx, { title: 'Old name', slug: 'old-name', authorIds: [authorId] });
    await saveArticle(t.ctx, { title: 'New name', slug: 'new-name', bodyMarkdown: 'x', status: 'published', publishedAt: t.clock.now().toISOString(), authorIds: [authorId] }, id);
    const res = await get('/articles/old-name');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/articles/new-name');
  });

  it('refuses an article with no title, a bad slug or a bad video link, saying why', async () => {
    await expect(
      saveArticle(t.ctx, { title: ' ', slug: 'Bad Slug', bodyMarkdown: '', status: 'published', authorIds: [authorId], videoUrl: 'https://example.org/x.html' }),
    ).rejects.toMatchObject({
      code: 'article_invalid',
      fields: { title: 'A title is required.', slug: expect.stringContaining('lower-case'), videoUrl: expect.stringContaining('YouTube or Vimeo') },
    });
    await expect(makeArticle(t.ctx, { slug: 'night-convoy', authorIds: [authorId] })).rejects.toMatchObject({ code: 'article_slug_taken' });
  });
});

describe('pages', () => {
  it('paginates the home page, latest first', async () => {
    for (let i = 0; i < 12; i++) {
      await makeArticle(t.ctx, { title: `Paged report ${String(i).padStart(2, '0')}`, publishedAt: new Date(Date.UTC(2026, 4, 1 + i)).toISOString(), authorIds: [authorId] });
    }
    const first = (await get('/')).body;
    expect(first.indexOf('Paged report 11')).toBeLessThan(first.indexOf('Paged report 10'));
    expect(first).toContain('href="/?page=2" rel="next"');
    const second = await get('/?page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('rel="prev"');
  });

  it.each([
    ['/?page=-1', 'The “page” parameter must be at least 1.'],
    ['/?page=abc', 'The “page” parameter must be a whole number.'],
    ['/?page=99999999999999999999', 'The “page” parameter must be at most 100000.'],
    ['/tags/frontline?page=0', 'The “page” parameter must be at least 1.'],
    ['/archive/2022/13', 'The “month” part of the address must be at most 12.'],
  ])('answers %s with 400 and a clear message', async (url, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(message);
    const json = await get(url, { accept: 'application/json' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual({ error: { code: 'bad_request', message } });
  });

  it('answers a page past the last with 404', async () => {
    const res = await get('/?page=500');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('There is no page 500');
  });

  it('shows a helpful 404 for unknown addresses', async () => {
    const res = await get('/articles/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('There is no article at this address.');
    const unknown = await get('/some/lost-page');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Page not found');
    expect(unknown.body).toContain('value="lost page"');
    expect(unknown.body).toContain('Latest reports');
  });

  it('lists a tag, an author and a month of the archive', async () => {
    const tag = await get('/tags/frontline');
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain('Topic: Frontline');
    expect(tag.body).toContain('Night convoy crosses the Ostra');
    expect(tag.body).toContain('href="http://outpost.test/tags/frontline/feed.xml"');
    const author = await get('/authors/mira-castell');
    expect(author.body).toContain('Reports by Mira Castell');
    const archive = await get('/archive');
    expect(archive.body).toContain('href="/archive/2022/05"');
    const month = await get('/archive/2022/05');
    expect(month.body).toContain('Reports from May 2022');
    expect(month.body).toContain('Night convoy crosses the Ostra');
    expect((await get('/archive/2021/05')).body).toContain('No reports in this month.');
    expect((await get('/tags/nope')).statusCode).toBe(404);
    expect((await get('/authors/nope')).statusCode).toBe(404);
  });

  it('searches titles and bodies, best match first, with highlighted snippets', async () => {
    await makeArticle(t.ctx, { title: 'Water returns to Lyssa', bodyMarkdown: 'Engineers restored the pumping station after three weeks.', authorIds: [authorId] });
    await makeArticle(t.ctx, { title: 'Market day', bodyMarkdown: 'Talk at the market was all about the pumping station and the water.', authorIds: [authorId] });
    const res = await get('/search?q=pumping');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2 reports match');
    expect(res.body).toContain('<mark>pumping</mark>');
    const water = (await get('/search?q=water')).body;
    expect(water.indexOf('Water returns to Lyssa')).toBeLessThan(water.indexOf('Market day'));
    // The last word matches as a prefix; query syntax is inert.
    expect((await get('/search?q=pump')).body).toContain('2 reports match');
    expect((await get('/search?q=%22pump%20OR%20*')).statusCode).toBe(200);
    expect((await get('/search?q=zzzzqqq')).body).toContain('No reports match');
    expect((await get(`/search?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });
});

describe('page cache', () => {
  it('serves anonymous pages from the cache with an ETag, and answers 304', async () => {
    const first = await get('/tags/humanitarian');
    const second = await get('/tags/humanitarian');
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const revalidated = await get('/tags/humanitarian', { 'if-none-match': String(first.headers.etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(first.headers['set-cookie']).toBeUndefined();
  });

  it('sends compressed pages to clients that accept them, each encoding with its own ETag', async () => {
    const plain = await get('/');
    const br = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get('/', { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers.vary).toBe('Accept-Encoding, Cookie');
    expect(new Set([plain.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    expect((await get('/', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) })).statusCode).toBe(304);
    const { brotliDecompressSync } = await import('node:zlib');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
  });

  it('shows an edit at once', async () => {
    const { id, slug } = await makeArticle(t.ctx, { title: 'Before the edit', authorIds: [authorId] });
    expect((await get(`/articles/${slug}`)).body).toContain('Before the edit');
    await get(`/articles/${slug}`);
    await saveArticle(t.ctx, { title: 'After the edit', slug, bodyMarkdown: 'x', status: 'published', publishedAt: t.clock.now().toISOString(), authorIds: [authorId] }, id);
    expect((await get(`/articles/${slug}`)).body).toContain('After the edit');
    expect((await get('/')).body).toContain('After the edit');
  });

  it('bypasses the cache for signed-in readers', async () => {
    await get('/archive');
    const personal = await get('/archive', { cookie: 'outpost_session=abc' });
    expect(personal.headers['x-cache']).toBeUndefined();
    expect(personal.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('service endpoints', () => {
  it('answers /healthz with JSON', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.ctx.database.dialect });
  });

  it('serves the API and its OpenAPI document', async () => {
    const list = await get('/api/v1/articles?perPage=2');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    const one = await get('/api/v1/articles/night-convoy');
    expect(one.json()).toMatchObject({ slug: 'night-convoy', hasVideo: true, url: 'http://outpost.test/articles/night-convoy' });
    expect((await get('/api/v1/articles/nope')).json()).toEqual({ error: { code: 'not_found', message: 'There is no published article with this slug.' } });
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/articles', '/api/v1/articles/{slug}']));
  });

  it('sends security headers', async () => {
    const res = await get('/');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

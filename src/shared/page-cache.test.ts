import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { chooseEncoding, encodedBody, etagOf, PageCache, recompressed } from './page-cache.js';

const page = (body: string, tags: string[]) => ({ body, contentType: 'text/html', status: 200, tags });

describe('PageCache', () => {
  it('returns what was stored, with a stable ETag', () => {
    const cache = new PageCache(10);
    cache.set('/', page('<p>home</p>', ['articles']));
    expect(cache.get('/')?.body).toBe('<p>home</p>');
    expect(cache.get('/')?.etag).toBe(etagOf('<p>home</p>'));
    expect(etagOf('a')).not.toBe(etagOf('b'));
  });

  it('invalidates every entry carrying a tag, and only those', () => {
    const cache = new PageCache(10);
    cache.set('/', page('home', ['articles']));
    cache.set('/articles/a', page('a', ['articles', 'article:1']));
    cache.set('/articles/b', page('b', ['article:2']));
    cache.invalidate(['article:1']);
    expect(cache.get('/articles/a')).toBeUndefined();
    expect(cache.get('/')).toBeDefined();
    cache.invalidate(['articles']);
    expect(cache.get('/')).toBeUndefined();
    expect(cache.get('/articles/b')).toBeDefined();
  });

  it('evicts the least recently used entry past its size', () => {
    const cache = new PageCache(2);
    cache.set('/1', page('1', []));
    cache.set('/2', page('2', []));
    cache.get('/1');
    cache.set('/3', page('3', []));
    expect(cache.get('/2')).toBeUndefined();
    expect(cache.get('/1')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('refuses a page rendered across an invalidation', () => {
    const cache = new PageCache(10);
    const started = cache.generation;
    cache.invalidate(['article:1']);
    cache.set('/articles/a', page('stale', ['article:1']), started);
    expect(cache.get('/articles/a')).toBeUndefined();
  });

  it('stores nothing when disabled', () => {
    const cache = new PageCache(0);
    cache.set('/', page('x', []));
    expect(cache.get('/')).toBeUndefined();
  });
});

describe('compression', () => {
  it('picks brotli, then gzip, honouring q=0, and skips small pages', () => {
    expect(chooseEncoding('gzip, deflate, br', 5000)).toBe('br');
    expect(chooseEncoding('gzip, br;q=0', 5000)).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=1', 5000)).toBe('br');
    expect(chooseEncoding('identity', 5000)).toBe('identity');
    expect(chooseEncoding('*', 5000)).toBe('gzip');
    expect(chooseEncoding(undefined, 5000)).toBe('identity');
    expect(chooseEncoding('br', 100)).toBe('identity');
  });

  it('compresses a page once and keeps the result', () => {
    const page = { body: 'héllo '.repeat(1000) };
    const br = encodedBody(page, 'br');
    expect(encodedBody(page, 'br')).toBe(br);
    expect(brotliDecompressSync(br).toString('utf8')).toBe(page.body);
    expect(gunzipSync(encodedBody(page, 'gzip')).toString('utf8')).toBe(page.body);
    expect(encodedBody(page, 'identity').toString('utf8')).toBe(page.body);
  });

  it('compresses a cached page fast for its first reader, then better for the next ones', async () => {
    const words = 'crews restored water power plant river bridge village evening residents officials damage repair shelling night'.split(' ');
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const body = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i}: ${Array.from({ length: 12 }, () => words[next() % words.length]).join(' ')} ${next()}.</p>`).join('\n');
    const entry = new PageCache(10).set('/a', { body, status: 200, contentType: 'text/html', tags: [] });
    const first = encodedBody(entry, 'gzip');
    expect(gunzipSync(first).toString('utf8')).toBe(body);
    await recompressed();
    const later = encodedBody(entry, 'gzip');
    expect(later.length).toBeLessThan(first.length);
    expect(gunzipSync(later).toString('utf8')).toBe(body);
    expect(later).toEqual(gzipSync(Buffer.from(body), { level: 6 }));
    const br = encodedBody(entry, 'br');
    await recompressed();
    expect(encodedBody(entry, 'br').length).toBeLessThanOrEqual(br.length);
    expect(brotliDecompressSync(encodedBody(entry, 'br')).toString('utf8')).toBe(body);
  });

  it('keeps a cached page as its bytes, and still gives its text', () => {
    const body = '<p>Crews restored water — “finally”.</p>'.repeat(100);
    const entry = new PageCache(10).set('/b', { body, status: 200, contentType: 'text/html', tags: [] });
    expect(entry.encoded?.identity).toEqual(Buffer.from(body, 'utf8'));
    expect(entry.body).toBe(body);
    expect(encodedBody(entry, 'identity')).toBe(entry.encoded?.identity);
  });
});

describe('values derived from the database', () => {
  it('are made once and kept until the next invalidation or clear, even with no page stored', () => {
    const cache = new PageCache(0);
    let made = 0;
    const make = () => ++made;
    expect(cache.derived('n', make)).toBe(1);
    expect(cache.derived('n', make)).toBe(1);
    cache.invalidate(['article:1']);
    expect(cache.derived('n', make)).toBe(2);
    cache.clear();
    expect(cache.derived('n', make)).toBe(3);
  });

  it('share one promise while it runs, and forget it if it rejects', async () => {
    const cache = new PageCache(10);
    const failing = cache.derived('q', () => Promise.reject(new Error('database gone')));
    expect(cache.derived('q', () => Promise.resolve(1))).toBe(failing);
    await expect(failing).rejects.toThrow('database gone');
    expect(await cache.derived('q', () => Promise.resolve(2))).toBe(2);
  });
});

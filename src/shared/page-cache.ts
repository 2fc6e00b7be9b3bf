import { hash } from 'node:crypto';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';

export interface CachedPage {
  body: string;
  etag: string;
  contentType: string;
  status: number;
  tags: readonly string[];
  /** The body's bytes and their compressed forms, each made once, on first need. */
  encoded?: Partial<Record<Encoding, Buffer>>;
  /** Kept in the page cache (served again): worth compressing better once it has been sent. */
  shared?: boolean;
}

export type Encoding = 'identity' | 'gzip' | 'br';

/** Pages under this size are sent as they are: compressing them saves less than it costs. */
const MIN_COMPRESS_BYTES = 1024;

/** Accept-Encoding values seen, and what they allow: browsers send a handful of distinct ones. */
const acceptedEncodings = new Map<string, Encoding>();

/** The best encoding the client accepts, of those worth using for this page. */
export function chooseEncoding(acceptEncoding: string | undefined, size: number): Encoding {
  if (!acceptEncoding || size < MIN_COMPRESS_BYTES) return 'identity';
  let best = acceptedEncodings.get(acceptEncoding);
  if (best === undefined) {
    best = bestAccepted(acceptEncoding);
    if (acceptedEncodings.size >= 64) acceptedEncodings.clear();
    acceptedEncodings.set(acceptEncoding, best);
  }
  return best;
}

function bestAccepted(acceptEncoding: string): Encoding {
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

const brotliParams = (quality: number, size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: size } });
/** Final levels: what cached pages are served with. */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
/** First levels: a page-cache miss is compressed fast (its reader is waiting), then again, better. */
const BROTLI_QUALITY_FAST = 1;
const GZIP_LEVEL_FAST = 1;

const upgrades = new Set<Promise<void>>();

/**
 * The page's bytes in `encoding`, computed once and kept with the page. A page kept in the cache
 * is first compressed at a fast level, for the reader waiting for it (about 0.3 ms instead of
 * 0.7–1 ms for 40 kB), and recompressed at the final level on the thread pool: later readers get
 * the smaller bytes. A page that is not kept is compressed once, at the final level.
 */
export function encodedBody(page: Pick<CachedPage, 'body' | 'encoded' | 'shared'>, encoding: Encoding): Buffer {
  page.encoded ??= {};
  let bytes = page.encoded[encoding];
  if (!bytes) {
    const raw = page.encoded.identity ?? (page.encoded.identity = Buffer.from(page.body, 'utf8'));
    if (encoding === 'identity') return raw;
    const fast = page.shared === true;
    bytes =
      encoding === 'br'
        ? brotliCompressSync(raw, brotliParams(fast ? BROTLI_QUALITY_FAST : BROTLI_QUALITY, raw.length))
        : gzipSync(raw, { level: fast ? GZIP_LEVEL_FAST : GZIP_LEVEL });
    page.encoded[encoding] = bytes;
    if (fast) recompress(page as { encoded: Partial<Record<Encoding, Buffer>> }, encoding, raw);
  }
  return bytes;
}

function recompress(page: { encoded: Partial<Record<Encoding, Buffer>> }, encoding: 'br' | 'gzip', raw: Buffer): void {
  const done = new Promise<void>((resolve) => {
    const keep = (error: Error | null, better: Buffer) => {
      // Keep the smaller; on an error the fast bytes stay, which are correct.
      const current = page.encoded[encoding];
      if (!error && current && better.length <= current.length) page.encoded[encoding] = better;
      resolve();
    };
    // Started once the response is on its way: setting up the compressor costs the main thread
    // 0.1–0.2 ms, which the waiting reader should not pay.
    setImmediate(() => {
      if (encoding === 'br') brotliCompress(raw, brotliParams(BROTLI_QUALITY, raw.length), keep);
      else gzip(raw, { level: GZIP_LEVEL }, keep);
    });
  });
  upgrades.add(done);
  void done.then(() => upgrades.delete(done));
}

/** For tests: resolves once every recompression started so far has finished. */
export async function recompressed(): Promise<void> {
  await Promise.all([...upgrades]);
}

/**
 * The rendered-page cache for anonymous GETs: an LRU keyed by URL, each entry tagged with what it
 * shows ("articles", "article:42", "tag:7"). Invalidation removes every entry carrying a tag.
 */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly byTag = new Map<string, Set<string>>();
  /**
   * Bumped by every invalidation. A page rendered while an invalidation happened may show stale
   * data, so `set` refuses it when the generation it started under is no longer current.
   */
  generation = 0;
  /** Values derived from the database, dropped with every invalidation (see `derived`). */
  private readonly derivedValues = new Map<string, unknown>();

  constructor(private readonly maxEntries: number) {}

  /**
   * A value derived from the database (the navigation's topics, the funding bar's figures), under
   * a name unique in the app (`nav.tags`), made once and kept until the next invalidation: every write that changes what pages show
   * invalidates, on every instance, so the value is exactly as fresh as the cached pages. A
   * promise is kept too (concurrent renders share one query), and forgotten if it rejects. Kept
   * even when the cache stores no page (PAGE_CACHE=0): invalidations still happen.
   */
  derived<T>(key: string, make: () => T): T {
    if (this.derivedValues.has(key)) return this.derivedValues.get(key) as T;
    const value = make();
    this.derivedValues.set(key, value);
    if (value instanceof Promise)
      value.catch(() => {
        if (this.derivedValues.get(key) === value) this.derivedValues.delete(key);
      });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Refresh recency: Map keeps insertion order, so re-inserting moves the key to the end.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, page: Omit<CachedPage, 'etag'> & { etag?: string }, startedAt = this.generation): CachedPage {
    if (this.maxEntries <= 0 || startedAt !== this.generation) return { ...page, etag: page.etag ?? etagOf(page.body) };
    this.delete(key);
    // The page is kept as its UTF-8 bytes only (what is sent); the text, rarely needed again, is
    // decoded from them on demand. Keeping both doubled the cache's memory.
    const identity = page.encoded?.identity ?? Buffer.from(page.body, 'utf8');
    const entry: CachedPage = { ...page, etag: page.etag ?? etagOf(identity), shared: true, encoded: { ...page.encoded, identity } };
    Object.defineProperty(entry, 'body', { get: () => identity.toString('utf8'), enumerable: true });
    this.entries.set(key, entry);
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return entry;
  }

  invalidate(tags: readonly string[]): void {
    this.generation++;
    this.derivedValues.clear();
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.delete(key);
      this.byTag.delete(tag);
    }
  }

  clear(): void {
    this.generation++;
    this.derivedValues.clear();
    this.entries.clear();
    this.byTag.clear();
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.byTag.delete(tag);
    }
  }
}

/** A strong ETag from the body's bytes (its UTF-8 bytes, for a string: the same ETag either way). */
export function etagOf(body: string | Buffer): string {
  return `"${hash('sha1', body, 'base64url').slice(0, 22)}"`;
}

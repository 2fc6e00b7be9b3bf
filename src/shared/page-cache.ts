import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface CachedPage {
  body: string;
  etag: string;
  contentType: string;
  status: number;
  tags: readonly string[];
  /** The body's bytes and their compressed forms, each made once, on first need. */
  encoded?: Partial<Record<Encoding, Buffer>>;
}

export type Encoding = 'identity' | 'gzip' | 'br';

/** Pages under this size are sent as they are: compressing them saves less than it costs. */
const MIN_COMPRESS_BYTES = 1024;

/** The best encoding the client accepts, of those worth using for this page. */
export function chooseEncoding(acceptEncoding: string | undefined, size: number): Encoding {
  if (!acceptEncoding || size < MIN_COMPRESS_BYTES) return 'identity';
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

/** The page's bytes in `encoding`, computed once and kept with the page. */
export function encodedBody(page: Pick<CachedPage, 'body' | 'encoded'>, encoding: Encoding): Buffer {
  page.encoded ??= {};
  let bytes = page.encoded[encoding];
  if (!bytes) {
    const raw = page.encoded.identity ?? (page.encoded.identity = Buffer.from(page.body, 'utf8'));
    bytes =
      encoding === 'br'
        ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : encoding === 'gzip'
          ? gzipSync(raw, { level: 6 })
          : raw;
    page.encoded[encoding] = bytes;
  }
  return bytes;
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

  constructor(private readonly maxEntries: number) {}

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
    const entry: CachedPage = { ...page, etag: page.etag ?? etagOf(page.body) };
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
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.delete(key);
      this.byTag.delete(tag);
    }
  }

  clear(): void {
    this.generation++;
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

/** A strong ETag from the body's bytes. */
export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

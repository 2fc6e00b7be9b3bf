import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { expireFundingDay } from '../../features/funding/day-boundary.js';
import { type CachedPage, chooseEncoding, encodedBody, etagOf } from '../../shared/page-cache.js';

/** Cookies that make a request personal; such requests bypass the shared page cache. */
const personalCookies = ['outpost_session', 'outpost_guest'];

export function isAnonymous(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie;
  return !cookie || !personalCookies.some((name) => cookie.includes(`${name}=`));
}

const trackingParams = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref)$/;

/** The cache key: path and query, without tracking parameters. */
export function cacheKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of [...params.keys()]) if (trackingParams.test(name)) params.delete(name);
  const rest = params.toString();
  return rest ? `${url.slice(0, q)}?${rest}` : url.slice(0, q);
}

const publicCacheControl = 'public, max-age=0, must-revalidate';

/**
 * Send a page as bytes, compressed when the client accepts it (brotli, then gzip). Compressed
 * forms are made once per cached page, so a warm page costs no compression at all. Each encoding
 * has its own ETag, as RFC 9110 asks of different representations.
 */
function send(request: FastifyRequest, reply: FastifyReply, page: Pick<CachedPage, 'body' | 'etag' | 'contentType' | 'status' | 'encoded'>, cacheControl: string) {
  const identity = encodedBody(page, 'identity');
  const encoding = chooseEncoding(request.headers['accept-encoding'], identity.length);
  const etag = encoding === 'identity' ? page.etag : `${page.etag.slice(0, -1)}-${encoding}"`;
  reply.header('etag', etag).header('cache-control', cacheControl).header('vary', 'Accept-Encoding, Cookie');
  const match = request.headers['if-none-match'];
  if (match && (match === etag || match === page.etag || match.split(/\s*,\s*/).includes(etag))) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.code(page.status).type(page.contentType).send(encodedBody(page, encoding));
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The page cache's generation when this request started (see PageCache.generation). */
    cacheGeneration: number;
  }
}

/** Serve anonymous GETs from the page cache before any route runs. */
export function installPageCache(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('cacheGeneration', 0);
  app.addHook('onRequest', async (request, reply) => {
    // The funding bar changes at local midnight by itself (days left, a new month).
    expireFundingDay(ctx);
    request.cacheGeneration = ctx.cache.generation;
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !isAnonymous(request)) return;
    const hit = ctx.cache.get(cacheKey(request.url));
    if (hit) {
      reply.header('x-cache', 'hit');
      return send(request, reply, hit, publicCacheControl);
    }
  });
}

export interface PageResult {
  body: string;
  /** What the page shows, for invalidation: 'articles', 'article:42'. */
  tags: string[];
  status?: number;
  contentType?: string;
}

/**
 * Send a rendered page. Anonymous 200s are stored in the page cache; every response carries an
 * ETag, so a browser or CDN revalidates cheaply.
 */
export function sendPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, result: PageResult) {
  const page = {
    body: result.body,
    status: result.status ?? 200,
    contentType: result.contentType ?? 'text/html; charset=utf-8',
    // A page showing the funding bar goes stale with every settled gift.
    tags: result.body.includes(' data-funding-bar=') && !result.tags.includes('funding') ? [...result.tags, 'funding'] : result.tags,
  };
  if (isAnonymous(request) && page.status === 200) {
    const stored = ctx.cache.set(cacheKey(request.url), page, request.cacheGeneration);
    reply.header('x-cache', 'miss');
    return send(request, reply, stored, publicCacheControl);
  }
  return send(request, reply, { ...page, etag: etagOf(page.body) }, 'private, no-cache');
}

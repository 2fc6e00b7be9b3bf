import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';

/** The form field and the header that carry the token. */
export const csrfField = '_csrf';
export const csrfHeader = 'x-csrf-token';

/**
 * A session-bound CSRF token: an HMAC of the session id under the site secret. It changes when
 * the session does (every sign-in), needs no storage, and cannot be computed without the secret.
 */
export function csrfTokenFor(ctx: AppContext, sessionId: string): string {
  return createHmac('sha256', ctx.secret).update(`csrf:${sessionId}`).digest('base64url');
}

/** The token a request carries: the `_csrf` form field, or the `X-CSRF-Token` header for scripts. */
function presented(request: FastifyRequest): string | null {
  const body = request.body;
  if (body && typeof body === 'object' && csrfField in body) {
    const value = (body as Record<string, unknown>)[csrfField];
    if (typeof value === 'string') return value;
  }
  const header = request.headers[csrfHeader];
  if (typeof header === 'string') return header;
  // A multipart body (a file upload) is read by its handler, after the guard has run: a plain
  // upload form (no script) therefore carries the token in its action's query string.
  if ((request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const query = request.query as Record<string, unknown> | undefined;
    if (typeof query?.[csrfField] === 'string') return query[csrfField] as string;
  }
  return null;
}

/** Does this request carry the token of its own session? */
export function csrfValid(ctx: AppContext, request: FastifyRequest): boolean {
  if (!request.sessionId) return false;
  const given = presented(request);
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(ctx, request.sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

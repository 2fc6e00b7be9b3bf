import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../features/accounts/policy.js';
import { HttpError } from '../errors.js';
import { signedInUser } from '../middleware/auth-guard.js';

/** An optional text field of at most `max` characters. */
export const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
/** An id in a URL: digits only. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });

/**
 * Check a form body against its schema inside the handler. The route guard answers a signed-out
 * or forbidden request first; a malformed body from an allowed account is then a 400 naming the field.
 */
export function formBody<T extends TSchema>(schema: T, body: unknown, ctx: AppContext): Static<T> {
  const value = body ?? {};
  if (!Value.Check(schema, value)) {
    const first = [...Value.Errors(schema, value)][0];
    const name = first?.path.replace(/^\//, '') || 'body';
    throw new HttpError(400, 'bad_request', ctx.site.i18n.t('validation.body', { name, problem: ctx.site.i18n.t('validation.invalid') }));
  }
  return value as Static<T>;
}

/** The signed-in account as the policy (and revisions, uploads) see it. */
export function actorOf(request: FastifyRequest): Actor & { name: string } {
  const user = signedInUser(request);
  return { id: user.id, role: user.role, status: user.status, name: user.name };
}

/** After a successful form post: 303 to the page that shows the result. */
export function seeOther(reply: FastifyReply, url: string) {
  return reply.header('cache-control', 'no-store').redirect(url, 303);
}

/** A form field that may be sent once or many times (checkboxes, multi-selects) as a list. */
export function many(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Does the client want JSON (scripts) rather than a page? */
export function wantsJsonReply(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * A rate limit on an admin write, per account: generous for people, a wall for a runaway script
 * or a stolen session. Over it: 429 with Retry-After (Redis-backed when scaled out).
 */
export function adminWriteLimit(app: FastifyInstance, ctx: AppContext, name: string, max: number, windowMs = 10 * 60_000) {
  const limiter = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (request) => `admin:${name}:${request.user?.id ?? request.ip}` });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', String(seconds));
    throw new HttpError(429, 'rate_limited', ctx.site.i18n.t('error.rateLimited', { seconds }));
  };
}

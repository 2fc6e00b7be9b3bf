import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../../context.js';
import { normaliseEmail } from '../../features/accounts/create-user.js';
import { HttpError } from '../errors.js';

const window = 15 * 60_000;
const limiters = new WeakMap<FastifyInstance, preHandlerAsyncHookHandler>();

/** Attempts allowed in 15 minutes: per client address, and per account (email) across addresses. */
export const signInLimit = { perIp: 30, perAccount: 10, windowMs: window };

function accountKey(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? normaliseEmail(body.email) : '';
  // Hashed: rate-limit keys (in Redis, when scaled out) should not hold addresses.
  return `signin-account:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
}

/**
 * The sign-in rate limits, shared by every route that tries credentials or sends a sign-in email
 * (password sign-in, sign-in link, password reset): 30 attempts per IP and 10 per account in 15
 * minutes, then 429 with Retry-After. A preHandler, because the account is in the parsed body.
 * Counters live where the other limits do (memory, or Redis when REDIS_URL is set).
 */
export function signInLimits(app: FastifyInstance, ctx: AppContext): preHandlerAsyncHookHandler {
  // One set of counters per app, whichever routes use them.
  const existing = limiters.get(app);
  if (existing) return existing;
  const perIp = app.createRateLimit({ max: signInLimit.perIp, timeWindow: window, keyGenerator: (request) => `signin-ip:${request.ip}` });
  const perAccount = app.createRateLimit({ max: signInLimit.perAccount, timeWindow: window, keyGenerator: accountKey });
  const handler: preHandlerAsyncHookHandler = async (request, reply) => {
    for (const limit of [perIp, perAccount]) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        const seconds = Math.max(1, result.ttlInSeconds);
        reply.header('retry-after', String(seconds));
        throw new HttpError(429, 'rate_limited', ctx.site.i18n.t('error.rateLimited', { seconds }));
      }
    }
  };
  limiters.set(app, handler);
  return handler;
}

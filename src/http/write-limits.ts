import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { type Identity, voterKey } from '../shared/identity.js';
import { HttpError } from './errors.js';
import { resolveOrCreateIdentity } from './identity.js';

export interface WriteLimit {
  /**
   * Count this request against the sender's address, then against their identity (a reader we do
   * not know yet becomes a guest in between, and gets the cookie). Over a limit: 429 with Retry-After.
   */
  identify(request: FastifyRequest, reply: FastifyReply): Promise<Identity>;
}

/** Posting and voting limits, shared by the HTML forms and the JSON API. */
export interface CommentLimits {
  create: WriteLimit;
  vote: WriteLimit;
}

const identityKeys = new WeakMap<FastifyRequest, string>();

/**
 * Two limits on one kind of write: per identity (account or guest) and per IP address (shared by
 * everyone behind it, so it is looser; it also bounds readers who drop their cookie to get a fresh
 * identity). Counters are @fastify/rate-limit's stores: in memory, or in Redis when REDIS_URL is set.
 */
export function writeLimit(app: FastifyInstance, ctx: AppContext, name: string, limits: { perIdentity: number; perIp: number; windowMs: number }): WriteLimit {
  const byIp = app.createRateLimit({ max: limits.perIp, timeWindow: limits.windowMs, keyGenerator: (request) => `${name}:ip:${request.ip}` });
  const byIdentity = app.createRateLimit({
    max: limits.perIdentity,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `${name}:${identityKeys.get(request) ?? `ip:${request.ip}`}`,
  });
  const enforce = async (limiter: typeof byIp, request: FastifyRequest, reply: FastifyReply) => {
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', String(seconds));
    throw new HttpError(429, 'rate_limited', ctx.site.i18n.t('error.rateLimited', { seconds }));
  };
  return {
    async identify(request, reply) {
      await enforce(byIp, request, reply);
      const identity = await resolveOrCreateIdentity(ctx, request, reply);
      identityKeys.set(request, voterKey(identity));
      await enforce(byIdentity, request, reply);
      return identity;
    },
  };
}

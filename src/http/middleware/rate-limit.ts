import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';

/**
 * Rate limits for write endpoints. Routes opt in with `config: { rateLimit: { max, timeWindow,
 * keyGenerator } }`. Counters live in memory, or in Redis when REDIS_URL is set so that every
 * instance behind the load balancer shares them. A limited request gets 429 with Retry-After.
 */
export async function installRateLimit(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const redis = ctx.config.redisUrl ? new (await import('ioredis')).Redis(ctx.config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 }) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => {})));
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'outpost:rl:' } : {}),
    // Never let a Redis outage take writes down with it: allow the request and log.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new HttpError(429, 'rate_limited', ctx.site.i18n.t('error.rateLimited', { seconds }));
    },
  });
}

import path from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from '../context.js';
import { listPublishedArticles } from '../features/articles/queries.js';
import { NotFoundPage } from '../views/pages/errors.js';
import { renderDocument } from '../views/render.js';
import { installErrorHandler, sendError, wantsJson } from './errors.js';
import { type LiveHub, liveRoutes } from './live-hub.js';
import { installAuthGuard } from './middleware/auth-guard.js';
import { installPageCache } from './middleware/page-cache.js';
import { installRateLimit } from './middleware/rate-limit.js';
import { installSameOriginCheck } from './middleware/same-origin.js';
import { installSecurityHeaders } from './middleware/security-headers.js';
import { installSessions } from './middleware/session.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes } from './routes/admin.js';
import { adminModerationRoutes } from './routes/admin-moderation.js';
import { adminNotificationRoutes } from './routes/admin-notifications.js';
import { apiRoutes } from './routes/api.js';
import { articleRoutes } from './routes/articles.js';
import { commentRoutes } from './routes/comments.js';
import { feedbackRoutes } from './routes/feedback.js';
import { feedRoutes } from './routes/feeds.js';
import { fundingRoutes } from './routes/funding.js';
import { healthRoutes } from './routes/health.js';
import { listingRoutes } from './routes/listings.js';
import { moderationRoutes } from './routes/moderation.js';
import { notificationRoutes } from './routes/notifications.js';
import { passwordRoutes } from './routes/password.js';
import { searchRoutes } from './routes/search.js';
import { setupRoutes } from './routes/setup.js';
import { signInRoutes } from './routes/signin.js';
import { siteRoutes } from './routes/site.js';
import { projectRoot, siteView } from './site-view.js';
import { type LazySchemas, lazySchemas } from './lazy-schemas.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Server-Sent Events connections of this instance. */
    live: LiveHub;
    /** Route schemas, compiled on first use; `warmUp()` compiles the rest (src/http/lazy-schemas.ts). */
    schemas: LazySchemas;
  }
}

/** Build the HTTP app around a context. Does not listen: main.ts and the tests do that. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const schemas = lazySchemas();
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    // Per-request access logs cost more than the cached page itself; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 300, ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } },
    schemaController: { compilersFactory: schemas.compilersFactory },
  });
  app.decorate('schemas', schemas);

  await app.register(cookie, { secret: ctx.secret });
  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Outpost API', version: '1', description: 'Read and write the newsroom: articles, and (as features land) comments, votes and subscriptions.' },
      servers: [{ url: ctx.config.publicUrl }],
    },
    hideUntagged: true,
  });

  installSecurityHeaders(app);
  installErrorHandler(app, ctx);
  installPageCache(app, ctx);
  installSameOriginCheck(app, ctx);
  await installRateLimit(app, ctx);
  // After the page cache (a cached page needs no session) and the same-origin check.
  installSessions(app, ctx);
  installAuthGuard(app, ctx);

  const root = projectRoot();
  await app.register(fastifyStatic, {
    root: path.join(root, 'dist', 'public'),
    prefix: '/assets/',
    // build.mjs writes a .br and a .gz beside every asset; caches must key on Accept-Encoding.
    preCompressed: true,
    setHeaders: (res) => res.setHeader('vary', 'Accept-Encoding'),
    immutable: true,
    maxAge: '365d',
    wildcard: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(ctx.config.dataDir, 'media'),
    prefix: '/media/',
    decorateReply: false,
    maxAge: '7d',
  });

  healthRoutes(app, ctx);
  app.decorate('live', liveRoutes(app, ctx));
  articleRoutes(app, ctx);
  commentRoutes(app, ctx);
  moderationRoutes(app, ctx);
  feedbackRoutes(app, ctx);
  listingRoutes(app, ctx);
  searchRoutes(app, ctx);
  feedRoutes(app, ctx);
  siteRoutes(app, ctx);
  apiRoutes(app, ctx);
  signInRoutes(app, ctx);
  passwordRoutes(app, ctx);
  setupRoutes(app, ctx);
  accountRoutes(app, ctx);
  adminRoutes(app, ctx);
  adminModerationRoutes(app, ctx);
  fundingRoutes(app, ctx);
  notificationRoutes(app, ctx);
  adminNotificationRoutes(app, ctx);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request) || request.method !== 'GET') {
      return sendError(ctx, request, reply, 404, 'not_found', ctx.site.i18n.t('error.nothingHere', { method: request.method, path: request.url.split('?')[0] ?? '/' }));
    }
    const [site, latest] = await Promise.all([siteView(ctx, request), listPublishedArticles(ctx.database.db, {}, { limit: 3, offset: 0 })]);
    const body = renderDocument(NotFoundPage({ site, path: request.url.split('?')[0] ?? '/', latest: latest.items }));
    return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  });

  return app;
}

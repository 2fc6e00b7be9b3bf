import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { can, type RouteAction } from '../../features/accounts/policy.js';
import { NoticePage } from '../../views/pages/notice.js';
import { renderDocument } from '../../views/render.js';
import { csrfValid } from '../csrf.js';
import { wantsJson } from '../errors.js';
import { siteView } from '../site-view.js';

/** What a route needs: a signed-in account ('session'), or one allowed to do a policy action. */
export type RouteAuth = RouteAction | 'session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Guard the route (see middleware/auth-guard.ts). Every /admin and /api/v1/admin route must. */
    auth?: RouteAuth;
  }
  interface FastifyInstance {
    /** Every guarded route and what it needs, for the route × role matrix test. */
    guardedRoutes: GuardedRoute[];
  }
}

export interface GuardedRoute {
  method: string;
  url: string;
  auth: RouteAuth;
}

/** Paths that only staff reach; a route here without `config.auth` is a startup error. */
const staffOnly = /^\/(admin|api\/v1\/admin)(\/|$)/;
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

async function sendNotice(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, status: number, code: string, title: string, message: string) {
  reply.code(status).header('cache-control', 'no-store');
  if (wantsJson(request)) return reply.send({ error: { code, message } });
  const site = await siteView(ctx, request);
  return reply.type('text/html; charset=utf-8').send(renderDocument(NoticePage({ site, title, message })));
}

/**
 * Route guards, declared on the route: `config: { auth: 'admin.enter' }`. In order:
 * signed out → 303 to /signin?next=… (401 JSON for the API); a state change without the
 * session's CSRF token → 403; an account the policy refuses → 403 page saying so.
 */
export function installAuthGuard(app: FastifyInstance, ctx: AppContext): void {
  // Read at call time: the site's language can change at runtime (reloadSettings).
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);
  const routes: GuardedRoute[] = [];
  app.decorate('guardedRoutes', routes);

  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth;
    if (!auth) {
      if (staffOnly.test(route.url)) throw new Error(`${route.url} is a staff route but declares no config.auth`);
      return;
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, auth });
  });

  // preValidation: the body is parsed (the CSRF token is in it) but not yet checked against the
  // route's schema, so a signed-out or forbidden request is answered as such, never with a 400.
  app.addHook('preValidation', async (request, reply) => {
    const auth = request.routeOptions.config.auth;
    if (!auth) return;
    const { user } = request;
    if (!user) {
      if (wantsJson(request)) return sendNotice(ctx, request, reply, 401, 'unauthenticated', t('accounts.signin.title'), t('accounts.guard.signedOut'));
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.header('cache-control', 'no-store').redirect(`/signin${next}`, 303);
    }
    if (!safeMethods.has(request.method) && !csrfValid(ctx, request)) {
      return sendNotice(ctx, request, reply, 403, 'csrf_invalid', t('accounts.csrf.title'), t('accounts.csrf.message'));
    }
    if (auth !== 'session' && !can(user, auth)) {
      const message = t('accounts.guard.forbidden', { name: user.name, role: t(`accounts.role.${user.role}`) });
      return sendNotice(ctx, request, reply, 403, 'forbidden', t('accounts.guard.forbiddenTitle'), message);
    }
  });
}

/** The account of a request the guard has let through (`config.auth` set); throws otherwise. */
export function signedInUser(request: FastifyRequest): NonNullable<FastifyRequest['user']> {
  if (!request.user) throw new Error(`${request.url}: no signed-in user; guard the route with config.auth`);
  return request.user;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';

/**
 * Paths that receive signed requests from other sites and check them themselves: payment webhooks,
 * and one-click unsubscribe (RFC 8058: the mail provider POSTs to the link; the token authorises).
 */
const exempt = [/^\/webhooks\//, /^\/notifications\/unsubscribe\/[^/]+$/];

function sameOrigin(request: FastifyRequest, allowed: Set<string>): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return allowed.has(origin);
  if (origin === 'null') return false;
  // No Origin and no Sec-Fetch-Site: not a browser form or fetch. Without cookies such a request
  // carries no ambient authority to abuse (API clients); with cookies we cannot tell, so refuse.
  return typeof site === 'string' || !request.headers.cookie;
}

/**
 * CSRF defence for every state change (design principle 4): cached pages carry no per-user
 * token, so a POST, PUT, PATCH or DELETE must come from our own origin. Session-bound tokens are
 * added on top for signed-in forms.
 */
export function installSameOriginCheck(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const path = request.url.split('?')[0] ?? '';
    if (exempt.some((re) => re.test(path))) return;
    const allowed = new Set([new URL(ctx.config.publicUrl).origin]);
    const host = request.headers.host;
    if (host) allowed.add(`${request.protocol}://${host}`);
    if (!sameOrigin(request, allowed)) {
      throw new HttpError(403, 'cross_site_request', ctx.site.i18n.t('error.crossSite'));
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { SessionUser } from '../../features/accounts/queries.js';
import { resolveSession } from '../../features/accounts/resolve-session.js';
import { type NewSession, startSession } from '../../features/accounts/start-session.js';
import { getGuestIdByToken } from '../../features/discussion/create-guest.js';
import { csrfTokenFor } from '../csrf.js';
import { GUEST_COOKIE, guestToken } from '../identity.js';

export const sessionCookie = 'outpost_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account (null when signed out, the session expired, or the account is suspended). */
    user: SessionUser | null;
    /** The session's id (the SHA-256 of the cookie's token), when signed in. */
    sessionId: string | null;
    /** The CSRF token for forms this request's page shows; null when signed out. */
    csrfToken: string | null;
  }
}

/** Paths that never need to know who is asking: no session lookup for them. */
const anonymousPaths = /^\/(assets|media)\/|^\/(favicon\.(svg|ico)|healthz)$/;

function cookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.publicUrl.startsWith('https:') };
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(sessionCookie, session.token, { ...cookieOptions(ctx), expires: new Date(session.expiresAt) });
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, cookieOptions(ctx));
}

/** The raw session token the browser sent, if any (to replace it at sign-in). */
export function sessionToken(request: FastifyRequest): string | null {
  return request.cookies[sessionCookie] ?? null;
}

/**
 * Load `request.user` from the `outpost_session` cookie. Runs after the page cache, so a cached
 * anonymous page costs no session lookup; a dead cookie is cleared, so that browser goes back to
 * cached pages.
 */
export function installSessions(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = sessionToken(request);
    if (!token || anonymousPaths.test(request.url.split('?')[0] ?? '')) return;
    const found = await resolveSession(ctx, token);
    if (!found) {
      clearSessionCookie(ctx, reply);
      return;
    }
    request.user = found.user;
    request.sessionId = found.sessionId;
    request.csrfToken = csrfTokenFor(ctx, found.sessionId);
  });
}

/**
 * Sign this browser in as `user`: a brand-new session (the one the browser had, if any, is
 * deleted: no session fixation) and its cookie. A guest identity the browser commented or voted
 * with becomes the account's (same transaction), and its cookie is cleared.
 */
export async function signInBrowser(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, user: SessionUser): Promise<void> {
  const guest = guestToken(request);
  const claimGuestId = guest ? await getGuestIdByToken(ctx.database.db, guest) : null;
  const session = await startSession(ctx, {
    userId: user.id,
    userAgent: request.headers['user-agent'] ?? '',
    ip: request.ip,
    replacesToken: sessionToken(request),
    claimGuestId,
  });
  setSessionCookie(ctx, reply, session);
  if (guest) reply.clearCookie(GUEST_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.publicUrl.startsWith('https:') });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { createGuest, getGuestIdByToken } from '../features/discussion/create-guest.js';
import type { Identity } from '../shared/identity.js';

export type { Identity } from '../shared/identity.js';

/** The guest identity cookie: signed, HttpOnly, SameSite=Lax; set by a reader's first POST, never by a GET. */
export const GUEST_COOKIE = 'outpost_guest';
const YEAR_SECONDS = 365 * 24 * 3600;

const resolved = new WeakMap<FastifyRequest, Promise<Identity | null>>();

/** The verified token of the guest cookie, or null. Cheap (an HMAC check, no query). */
export function guestToken(request: FastifyRequest): string | null {
  const raw = request.cookies[GUEST_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * Who sent this request, or null for a reader we do not know yet. A valid session (loaded into
 * `request.user` by middleware/session.ts) wins; otherwise the guest cookie is checked.
 */
export function resolveIdentity(ctx: AppContext, request: FastifyRequest): Promise<Identity | null> {
  if (request.user) return Promise.resolve({ kind: 'user', userId: request.user.id });
  let pending = resolved.get(request);
  if (!pending) {
    pending = (async (): Promise<Identity | null> => {
      const token = guestToken(request);
      const guestId = token ? await getGuestIdByToken(ctx.database.db, token) : null;
      return guestId ? { kind: 'guest', guestId } : null;
    })();
    resolved.set(request, pending);
  }
  return pending;
}

/** The sender's identity; a reader we do not know yet becomes a guest, and gets the cookie with this response. */
export async function resolveOrCreateIdentity(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<Identity> {
  const known = await resolveIdentity(ctx, request);
  if (known) return known;
  const { guestId, token } = await createGuest(ctx);
  reply.setCookie(GUEST_COOKIE, token, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: YEAR_SECONDS,
  });
  const identity: Identity = { kind: 'guest', guestId };
  resolved.set(request, Promise.resolve(identity));
  return identity;
}

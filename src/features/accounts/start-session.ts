import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { claimGuest } from '../discussion/claim-guest.js';
import { hashToken, newToken } from './tokens.js';

/** How long a session lives after sign-in. */
export const sessionLifetimeMs = 30 * 24 * 60 * 60_000;

export interface NewSession {
  /** The cookie value. Never stored: the database keeps its SHA-256 as the session id. */
  token: string;
  sessionId: string;
  expiresAt: string;
}

/**
 * Start a session for an account that has just proved who it is. The session the browser had
 * before (if any) is deleted, so a session id planted before sign-in is worthless after it
 * (session fixation): every sign-in gets a new, random id. A guest identity the browser had
 * (`claimGuestId`) becomes the account's in the same transaction: its comments and votes (see
 * discussion/claim-guest.ts).
 */
export async function startSession(
  ctx: AppContext,
  input: { userId: number; userAgent?: string; ip?: string; replacesToken?: string | null; claimGuestId?: number | null },
): Promise<NewSession> {
  const token = newToken();
  const sessionId = hashToken(token);
  const now = ctx.clock.now();
  const expiresAt = iso(new Date(now.getTime() + sessionLifetimeMs));
  await ctx.database.transaction(async (tx) => {
    if (input.replacesToken) await tx.db.deleteFrom('sessions').where('id', '=', hashToken(input.replacesToken)).execute();
    await tx.db.deleteFrom('sessions').where('user_id', '=', input.userId).where('expires_at', '<=', iso(now)).execute();
    await tx.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: input.userId,
        created_at: iso(now),
        last_seen_at: iso(now),
        expires_at: expiresAt,
        user_agent: (input.userAgent ?? '').slice(0, 300),
        ip: (input.ip ?? '').slice(0, 64),
      })
      .execute();
    if (input.claimGuestId) await claimGuest(ctx, tx, { guestId: input.claimGuestId, userId: input.userId });
  });
  return { token, sessionId, expiresAt };
}

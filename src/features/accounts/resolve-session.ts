import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { getSessionWithUser, type SessionUser } from './queries.js';
import { hashToken, isTokenShaped } from './tokens.js';

/** last_seen_at is written at most this often, so reading pages does not mean writing rows. */
const touchEveryMs = 5 * 60_000;

/**
 * The account behind a session cookie's token, or null when the token is unknown or expired, or
 * the account is suspended (a suspended account is treated as signed out).
 */
export async function resolveSession(ctx: AppContext, token: string): Promise<{ user: SessionUser; sessionId: string } | null> {
  if (!isTokenShaped(token)) return null;
  const sessionId = hashToken(token);
  const db = ctx.database.db;
  const row = await getSessionWithUser(db, sessionId);
  if (!row) return null;
  const now = ctx.clock.now();
  if (row.expires_at <= iso(now)) {
    await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    return null;
  }
  if (row.status !== 'active') return null;
  if (now.getTime() - Date.parse(row.last_seen_at) >= touchEveryMs) {
    await db.updateTable('sessions').set({ last_seen_at: iso(now) }).where('id', '=', sessionId).execute();
  }
  return { user: { id: row.id, name: row.name, email: row.email, role: row.role, status: row.status }, sessionId };
}

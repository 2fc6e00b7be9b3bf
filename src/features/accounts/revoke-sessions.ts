import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { listUserSessions, type SessionRow } from './queries.js';

/** An account's live sessions, for its profile page. */
export async function listSessions(ctx: AppContext, userId: number): Promise<SessionRow[]> {
  return listUserSessions(ctx.database.db, userId, iso(ctx.clock.now()));
}

/** End one of an account's own sessions (signing out, or revoking a lost device). True if it existed. */
export async function revokeSession(ctx: AppContext, input: { userId: number; sessionId: string }): Promise<boolean> {
  const result = await ctx.database.db.deleteFrom('sessions').where('id', '=', input.sessionId).where('user_id', '=', input.userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** "Sign out everywhere": end every session of the account, this browser's included. */
export async function revokeAllSessions(ctx: AppContext, userId: number): Promise<number> {
  const result = await ctx.database.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

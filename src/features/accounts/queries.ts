import type { Kysely } from 'kysely';
import type { DB, LoginTokenPurpose, Role } from '../../db/schema/index.js';

/** The account behind a request, as routes, views and the policy see it. */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: 'active' | 'suspended';
}

export interface SessionRow {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string;
  ip: string;
}

export async function getUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role', 'status', 'password_hash']).where('email', '=', email).executeTakeFirst();
}

export async function getUserById(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role', 'status', 'password_hash']).where('id', '=', id).executeTakeFirst();
}

/** A session with its account, whatever its expiry and the account's status (the caller decides). */
export async function getSessionWithUser(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 's.expires_at', 's.last_seen_at', 'u.id', 'u.name', 'u.email', 'u.role', 'u.status'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

/** The live sessions of an account, most recently used first. */
export async function listUserSessions(db: Kysely<DB>, userId: number, now: string): Promise<SessionRow[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, userAgent: r.user_agent, ip: r.ip }));
}

export async function insertLoginToken(
  db: Kysely<DB>,
  row: { tokenHash: string; purpose: LoginTokenPurpose; userId: number | null; createdAt: string; expiresAt: string; email?: string | null },
): Promise<void> {
  await db
    .insertInto('login_tokens')
    .values({ token_hash: row.tokenHash, purpose: row.purpose, user_id: row.userId, created_at: row.createdAt, expires_at: row.expiresAt, used_at: null, email: row.email ?? null })
    .execute();
}

export async function getLoginToken(db: Kysely<DB>, tokenHash: string) {
  return db.selectFrom('login_tokens').select(['purpose', 'user_id', 'expires_at', 'used_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Mark a live token used, in one statement: of two requests racing with the same link, exactly
 * one gets the row back. Undefined when the token is unknown, used, expired or for another purpose.
 */
export async function markLoginTokenUsed(db: Kysely<DB>, tokenHash: string, purposes: readonly LoginTokenPurpose[], now: string) {
  return db
    .updateTable('login_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['purpose', 'user_id', 'email'])
    .executeTakeFirst();
}

/** Forget links that expired more than a day ago (used or not): the table stays small. */
export async function deleteStaleLoginTokens(db: Kysely<DB>, before: string): Promise<void> {
  await db.deleteFrom('login_tokens').where('expires_at', '<', before).execute();
}

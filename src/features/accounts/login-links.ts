import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB, LoginTokenPurpose } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { deleteStaleLoginTokens, insertLoginToken } from './queries.js';
import { hashToken, newToken } from './tokens.js';

const minute = 60_000;

/** How long a one-time link works, by purpose. Emailed sign-in and reset links: 15 minutes. */
export const linkLifetimeMs: Record<LoginTokenPurpose, number> = {
  signin: 15 * minute,
  reset: 15 * minute,
  invite: 7 * 24 * 60 * minute,
  setup: 24 * 60 * minute,
  signup: 15 * minute,
};

/** Where each kind of link lands. */
const paths: Record<LoginTokenPurpose, string> = {
  signin: '/signin/link/',
  reset: '/password/new/',
  invite: '/password/new/',
  setup: '/setup/',
  // A sign-up link lands on the same confirm page as a sign-in link.
  signup: '/signin/link/',
};

/** A local path to return to after signing in: "/admin/articles?x=1", never "//evil.example". */
export function safeNext(next: string | undefined | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.length > 500) return null;
  // No control characters (a header-splitting or parser-confusion attempt).
  return [...next].some((c) => c.charCodeAt(0) < 32) ? null : next;
}

/**
 * Store a new one-time token (hashed) and return the token itself, to put in a link. Pass the
 * transaction's `db` so the token exists only if the surrounding write commits.
 */
export async function issueLoginToken(
  db: Kysely<DB>,
  now: Date,
  input: { purpose: LoginTokenPurpose; userId: number | null; ttlMs?: number; email?: string },
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = iso(new Date(now.getTime() + (input.ttlMs ?? linkLifetimeMs[input.purpose])));
  await deleteStaleLoginTokens(db, iso(new Date(now.getTime() - 24 * 60 * minute)));
  await insertLoginToken(db, { tokenHash: hashToken(token), purpose: input.purpose, userId: input.userId, createdAt: iso(now), expiresAt, email: input.email ?? null });
  return { token, expiresAt };
}

/** The absolute URL of a one-time link (PUBLIC_URL based), optionally returning to `next`. */
export function loginLinkUrl(ctx: AppContext, purpose: LoginTokenPurpose, token: string, next?: string | null): string {
  const back = safeNext(next);
  return `${ctx.config.publicUrl}${paths[purpose]}${token}${back ? `?next=${encodeURIComponent(back)}` : ''}`;
}

/** A one-time sign-in link for an account, e.g. printed by `outpost user create` without --password. */
export async function createSignInLink(ctx: AppContext, input: { userId: number; ttlMs?: number }): Promise<{ url: string; expiresAt: string }> {
  const { token, expiresAt } = await issueLoginToken(ctx.database.db, ctx.clock.now(), { purpose: 'signin', userId: input.userId, ttlMs: input.ttlMs });
  return { url: loginLinkUrl(ctx, 'signin', token), expiresAt };
}

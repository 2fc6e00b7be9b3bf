import type { AppContext } from '../../context.js';
import type { LoginTokenPurpose } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { AccountError } from './errors.js';
import { createUser } from './create-user.js';
import { getLoginToken, getUserByEmail, getUserById, markLoginTokenUsed, type SessionUser } from './queries.js';
import { hashToken, isTokenShaped } from './tokens.js';

/** Why a link does not work, in words (the link's state is no secret: it reveals no account). */
export async function linkProblem(ctx: AppContext, token: string, purposes: readonly LoginTokenPurpose[]): Promise<AccountError> {
  const { t } = ctx.site.i18n;
  const row = isTokenShaped(token) ? await getLoginToken(ctx.database.db, hashToken(token)) : undefined;
  if (!row || !purposes.includes(row.purpose)) return new AccountError('link_invalid', t('accounts.link.invalid'));
  if (row.used_at) return new AccountError('link_used', t('accounts.link.used'));
  return new AccountError('link_expired', t('accounts.link.expired'));
}

/** Is this link usable now? Reads only: showing the confirm page must not use the link up. */
export async function checkLoginLink(ctx: AppContext, token: string, purposes: readonly LoginTokenPurpose[]): Promise<{ purpose: LoginTokenPurpose }> {
  const row = isTokenShaped(token) ? await getLoginToken(ctx.database.db, hashToken(token)) : undefined;
  if (row && purposes.includes(row.purpose) && !row.used_at && row.expires_at > iso(ctx.clock.now())) return { purpose: row.purpose };
  throw await linkProblem(ctx, token, purposes);
}

/** Use a link up (exactly once, even under concurrent clicks) and return its token row. */
export async function consumeLoginLink(ctx: AppContext, token: string, purposes: readonly LoginTokenPurpose[]) {
  const used = isTokenShaped(token) ? await markLoginTokenUsed(ctx.database.db, hashToken(token), purposes, iso(ctx.clock.now())) : undefined;
  if (!used) throw await linkProblem(ctx, token, purposes);
  return used;
}

/** The member account a sign-up link was sent for: created now, or the one made since (by another link). */
async function memberFor(ctx: AppContext, email: string) {
  const existing = await getUserByEmail(ctx.database.db, email);
  if (existing) return existing;
  try {
    await createUser(ctx, { email, role: 'member' });
  } catch (error) {
    // Two links used at once: the address is unique, the other one created it.
    ctx.logger.debug({ err: error }, 'sign-up link: account created concurrently');
  }
  return getUserByEmail(ctx.database.db, email);
}

/**
 * Sign in with an emailed (or CLI-printed) link: the link is used up, the account returned. A
 * sign-up link (sent to an address without an account) creates the member account first.
 */
export async function useSignInLink(ctx: AppContext, token: string): Promise<SessionUser> {
  const used = await consumeLoginLink(ctx, token, ['signin', 'signup']);
  const user =
    used.purpose === 'signup' && used.email ? await memberFor(ctx, used.email) : used.user_id === null ? undefined : await getUserById(ctx.database.db, used.user_id);
  if (!user) throw new AccountError('link_invalid', ctx.site.i18n.t('accounts.link.invalid'));
  if (user.status !== 'active') throw new AccountError('account_suspended', ctx.site.i18n.t('accounts.signin.suspended'));
  return { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status };
}

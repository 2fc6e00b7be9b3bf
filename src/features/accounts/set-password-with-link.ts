import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { AccountError } from './errors.js';
import { hashPassword } from './passwords.js';
import { getUserById, markLoginTokenUsed, type SessionUser } from './queries.js';
import { hashToken, isTokenShaped } from './tokens.js';
import { linkProblem } from './use-login-link.js';

/** A new password's problem in words, or null. Checked before a link is used up. */
export function passwordProblem(ctx: AppContext, password: string): string | null {
  const { t } = ctx.site.i18n;
  if (password.length < 10) return t('accounts.password.tooShort', { min: 10 });
  if (password.length > 256) return t('accounts.password.tooLong', { max: 256 });
  return null;
}

/**
 * Set a password with a reset or invitation link. The link is used up in the same transaction
 * that stores the new hash, and every existing session of the account ends (a reset is what one
 * does after losing a device or a password). The caller then starts a fresh session.
 */
export async function setPasswordWithLink(ctx: AppContext, input: { token: string; password: string }): Promise<SessionUser> {
  const problem = passwordProblem(ctx, input.password);
  if (problem) throw new AccountError('account_invalid', problem, { password: problem });
  const purposes = ['reset', 'invite'] as const;
  const passwordHash = await hashPassword(input.password);
  const now = iso(ctx.clock.now());
  const user = await ctx.database.transaction(async (tx) => {
    const used = isTokenShaped(input.token) ? await markLoginTokenUsed(tx.db, hashToken(input.token), purposes, now) : undefined;
    if (!used || used.user_id === null) return null;
    const found = await getUserById(tx.db, used.user_id);
    if (found?.status !== 'active') return null;
    await tx.db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', found.id).execute();
    await tx.db.deleteFrom('sessions').where('user_id', '=', found.id).execute();
    return found;
  });
  if (!user) throw await linkProblem(ctx, input.token, purposes);
  return { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status };
}

import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { normaliseEmail } from './create-user.js';
import { AccountError } from './errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { mayUsePassword } from './policy.js';
import { getUserByEmail, type SessionUser } from './queries.js';

let dummyHash: Promise<string> | null = null;

/** A hash of a random password, to verify against when there is no account: the same work, the same time. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/**
 * Check a staff member's email and password. Every failure (no account, no password, wrong
 * password, a reader's account) costs one argon2id verification and gives the same error, so
 * neither the answer nor its timing tells whether the address has an account.
 */
export async function signInWithPassword(ctx: AppContext, input: { email: string; password: string }): Promise<SessionUser> {
  const { t } = ctx.site.i18n;
  const user = await getUserByEmail(ctx.database.db, normaliseEmail(input.email));
  const hash = user?.password_hash ?? (await dummy());
  const matches = await verifyPassword(hash, input.password);
  if (!user?.password_hash || !matches || !mayUsePassword(user.role)) {
    throw new AccountError('signin_failed', t('accounts.signin.failed'));
  }
  // Only someone who knows the password learns that the account is suspended.
  if (user.status !== 'active') throw new AccountError('account_suspended', t('accounts.signin.suspended'));
  return { id: user.id, name: user.name, email: user.email, role: user.role, status: user.status };
}

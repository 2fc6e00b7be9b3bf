import type { AppContext } from '../../context.js';
import { normaliseEmail } from './create-user.js';
import { linkEmail } from './emails.js';
import { issueLoginToken, linkLifetimeMs, loginLinkUrl } from './login-links.js';
import { mayUsePassword } from './policy.js';
import { getUserByEmail } from './queries.js';

/**
 * Email a password-reset link to a staff account with this address. A reader (no password) gets
 * a sign-in link instead. Nothing is said about whether the account exists.
 */
export async function requestPasswordReset(ctx: AppContext, input: { email: string }): Promise<void> {
  const email = normaliseEmail(input.email);
  await ctx.database.transaction(async (tx) => {
    const user = await getUserByEmail(tx.db, email);
    if (user?.status !== 'active') return;
    const purpose = mayUsePassword(user.role) ? 'reset' : 'signin';
    const { token } = await issueLoginToken(tx.db, ctx.clock.now(), { purpose, userId: user.id });
    const message = linkEmail(ctx, purpose, user, loginLinkUrl(ctx, purpose, token), linkLifetimeMs[purpose] / 60_000);
    tx.onCommit(async () => {
      await ctx.mailer.sendMail(message);
    });
  });
}

import type { AppContext } from '../../context.js';
import { linkEmail } from './emails.js';
import { normaliseEmail } from './create-user.js';

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
import { issueLoginToken, linkLifetimeMs, loginLinkUrl } from './login-links.js';
import { getUserByEmail } from './queries.js';

/**
 * Email a one-time sign-in link to an active account with this address, or, to an address with
 * no account, a one-time sign-up link that creates a reader (member) account when it is used — so
 * readers become members from the browser. A suspended account gets nothing. Says nothing about
 * which happened: the caller shows the same page either way. The email goes out after the token
 * has committed (until the notifications outbox takes over sending).
 */
export async function requestSignInLink(ctx: AppContext, input: { email: string; next?: string | null }): Promise<void> {
  const email = normaliseEmail(input.email);
  await ctx.database.transaction(async (tx) => {
    const user = await getUserByEmail(tx.db, email);
    if (!user) {
      if (!emailShape.test(email)) return;
      const { token } = await issueLoginToken(tx.db, ctx.clock.now(), { purpose: 'signup', userId: null, email });
      const message = linkEmail(ctx, 'signup', { email, name: email }, loginLinkUrl(ctx, 'signup', token, input.next), linkLifetimeMs.signup / 60_000);
      tx.onCommit(async () => {
        await ctx.mailer.sendMail(message);
      });
      return;
    }
    if (user.status !== 'active') return;
    const { token } = await issueLoginToken(tx.db, ctx.clock.now(), { purpose: 'signin', userId: user.id });
    const url = loginLinkUrl(ctx, 'signin', token, input.next);
    const message = linkEmail(ctx, 'signin', user, url, linkLifetimeMs.signin / 60_000);
    tx.onCommit(async () => {
      await ctx.mailer.sendMail(message);
    });
  });
}

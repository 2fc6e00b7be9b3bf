import type { AppContext } from '../../context.js';
import type { Role } from '../../db/schema/index.js';
import { escapeXml } from '../../shared/escape.js';
import type { MailMessage } from '../mail/mailer.js';
import { insertUser, normaliseEmail } from './create-user.js';
import { AccountError } from './errors.js';
import { issueLoginToken, linkLifetimeMs, loginLinkUrl } from './login-links.js';
import { type Actor, can } from './policy.js';

/** The roles an invitation may give: staff, never the owner (docs/roles.md). */
export const invitableRoles: readonly Role[] = ['admin', 'editor', 'author', 'moderator'];

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function inviteEmail(ctx: AppContext, to: { email: string; name: string }, inviter: string, role: Role, url: string): MailMessage {
  const { t } = ctx.site.i18n;
  const site = ctx.site.settings.siteName;
  const days = Math.round(linkLifetimeMs.invite / 86_400_000);
  const greeting = t('accounts.email.greeting', { name: to.name });
  const intro = t('admin.users.email.intro', { inviter, site, role: t(`accounts.role.${role}`) });
  const how = t('admin.users.email.how', { days });
  const text = `${greeting}\n\n${intro}\n\n${how}\n\n${url}\n\n— ${site}\n`;
  const html = [
    `<p>${escapeXml(greeting)}</p>`,
    `<p>${escapeXml(intro)}</p>`,
    `<p>${escapeXml(how)}</p>`,
    `<p><a href="${escapeXml(url)}">${escapeXml(t('admin.users.email.button'))}</a></p>`,
    `<p>${escapeXml(url)}</p>`,
    `<p>— ${escapeXml(site)}</p>`,
  ].join('\n');
  return { to: to.email, subject: t('admin.users.email.subject', { site }), text, html, headers: { 'Auto-Submitted': 'auto-generated' } };
}

/**
 * Invite a member of staff: create the account (no password yet) with the role, and email a
 * one-time `invite` link (7 days) to /password/new/<token>, where they choose a password and are
 * signed in. The token and the account commit together; the email goes after the commit.
 */
export async function inviteUser(ctx: AppContext, input: { actor: Actor & { name: string }; email: string; name: string; role: Role }): Promise<{ id: number; email: string }> {
  const { t } = ctx.site.i18n;
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  const fields: Record<string, string> = {};
  if (!emailPattern.test(email) || email.length > 254) fields.email = t('accounts.field.emailInvalid');
  if (name.length > 120) fields.name = t('accounts.setup.nameTooLong');
  if (!invitableRoles.includes(input.role)) fields.role = t('admin.users.error.role');
  if (Object.keys(fields).length) throw new AccountError('account_invalid', t('admin.form.problems'), fields);
  if (!can(input.actor, 'user.invite', { role: input.role })) throw new AccountError('account_forbidden', t('admin.users.error.forbidden'));
  const now = ctx.clock.now();
  return ctx.database.transaction(async (tx) => {
    const taken = await tx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new AccountError('account_email_taken', t('admin.users.error.emailTaken'), { email: t('admin.users.error.emailTaken') });
    const user = await insertUser(tx, now, { email, name, role: input.role, passwordHash: null });
    const { token } = await issueLoginToken(tx.db, now, { purpose: 'invite', userId: user.id });
    const shownName = name || email.split('@')[0] || email;
    const message = inviteEmail(ctx, { email, name: shownName }, input.actor.name, input.role, loginLinkUrl(ctx, 'invite', token));
    tx.onCommit(async () => {
      await ctx.mailer.sendMail(message);
    });
    return { id: user.id, email };
  });
}

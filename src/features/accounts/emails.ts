import type { AppContext } from '../../context.js';
import type { MailMessage } from '../mail/mailer.js';
import { escapeXml } from '../../shared/escape.js';
import type { MessageKey } from '../../i18n/index.js';

type LinkEmail = 'signin' | 'reset' | 'signup';

const keys: Record<LinkEmail, { subject: MessageKey; intro: MessageKey; button: MessageKey }> = {
  signin: { subject: 'accounts.email.signin.subject', intro: 'accounts.email.signin.intro', button: 'accounts.email.signin.button' },
  reset: { subject: 'accounts.email.reset.subject', intro: 'accounts.email.reset.intro', button: 'accounts.email.reset.button' },
  signup: { subject: 'accounts.email.signup.subject', intro: 'accounts.email.signup.intro', button: 'accounts.email.signup.button' },
};

/** A one-time link email, as plain text and simple HTML, in the site's language. */
export function linkEmail(ctx: AppContext, kind: LinkEmail, to: { email: string; name: string }, url: string, minutes: number): MailMessage {
  const { t } = ctx.site.i18n;
  const site = ctx.site.settings.siteName;
  const k = keys[kind];
  const greeting = t('accounts.email.greeting', { name: to.name });
  const intro = t(k.intro, { site, minutes });
  const ignore = t('accounts.email.ignore');
  const text = `${greeting}\n\n${intro}\n\n${url}\n\n${ignore}\n\n— ${site}\n`;
  const html = [
    `<p>${escapeXml(greeting)}</p>`,
    `<p>${escapeXml(intro)}</p>`,
    `<p><a href="${escapeXml(url)}">${escapeXml(t(k.button))}</a></p>`,
    `<p>${escapeXml(url)}</p>`,
    `<p>${escapeXml(ignore)}</p>`,
    `<p>— ${escapeXml(site)}</p>`,
  ].join('\n');
  return { to: to.email, subject: t(k.subject, { site }), text, html, headers: { 'Auto-Submitted': 'auto-generated' } };
}

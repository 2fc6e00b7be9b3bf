import type { AppContext } from '../../context.js';
import type { SubscriptionDelivery, SubscriptionKind } from '../../db/schema/index.js';
import { escapeXml } from '../../shared/escape.js';
import type { MailMessage } from '../mail/mailer.js';
import { commentExcerpt } from './excerpt.js';
import { CONFIRM_TTL_MS, MANAGE_TTL_MS } from './tokens.js';

export interface EmailComment {
  id: number;
  authorName: string;
  createdAt: string;
  bodyHtml: string;
  replyToName: string | null;
}

const style = {
  body: 'font-family: system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif; color: #1b1b1b; line-height: 1.5; max-width: 40rem;',
  site: 'font-size: 1.1rem; margin: 0 0 1rem;',
  quote: 'margin: 0.25rem 0 0.5rem; padding-left: 0.75rem; border-left: 3px solid #e3e1dc; color: #3c4043;',
  small: 'font-size: 0.875rem; color: #5f6368;',
};

/** The host part of Message-IDs: PUBLIC_URL's host name. */
export function messageIdHost(ctx: AppContext): string {
  return new URL(ctx.config.publicUrl).hostname || 'outpost.invalid';
}

export const commentUrl = (ctx: AppContext, slug: string, id: number) => `${ctx.config.publicUrl}/articles/${slug}/comments/${id}`;

/**
 * One notification email: every comment of the batch with its excerpt and a link straight to it,
 * the site's name, a link to manage all subscriptions and one to unsubscribe from this one. The
 * one-click unsubscribe headers (RFC 8058) are set by the sender beside this.
 */
export function notificationEmail(
  ctx: AppContext,
  input: {
    to: string;
    kind: SubscriptionKind;
    delivery: SubscriptionDelivery;
    article: { title: string; slug: string };
    comments: EmailComment[];
    manageUrl: string;
    unsubscribeUrl: string;
  },
): Pick<MailMessage, 'to' | 'subject' | 'text' | 'html'> {
  const { t, dateTime } = ctx.site.i18n;
  const site = ctx.site.settings.siteName;
  const count = input.comments.length;
  const title = input.article.title;
  const subjectKey = input.kind === 'replies' ? 'notifications.email.subjectReplies' : 'notifications.email.subjectArticle';
  const subject = input.delivery === 'digest' ? t('notifications.email.subjectDigest', { subject: t(subjectKey, { count, title }), site }) : t(subjectKey, { count, title, site });
  const intro = t(input.kind === 'replies' ? 'notifications.email.introReplies' : 'notifications.email.introArticle', { count, title });
  const why = t(input.kind === 'replies' ? 'notifications.email.whyReplies' : 'notifications.email.whyArticle', { title });
  const when = t(input.delivery === 'digest' ? 'notifications.email.whenDigest' : 'notifications.email.whenImmediate');
  const items = input.comments.map((c) => ({
    url: commentUrl(ctx, input.article.slug, c.id),
    byline: c.replyToName
      ? t('notifications.email.bylineReply', { name: c.authorName, to: c.replyToName, date: dateTime(c.createdAt) })
      : t('notifications.email.byline', { name: c.authorName, date: dateTime(c.createdAt) }),
    excerpt: commentExcerpt(c.bodyHtml),
  }));
  const read = t('notifications.email.read');
  const manage = t('notifications.email.manage');
  const unsubscribe = t('notifications.email.unsubscribe');

  const text = [
    site,
    '',
    intro,
    '',
    ...items.flatMap((i) => [i.byline, i.excerpt, `${read}: ${i.url}`, '']),
    `${why} ${when}`,
    `${manage}: ${input.manageUrl}`,
    `${unsubscribe}: ${input.unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = [
    `<div style="${style.body}">`,
    `<p style="${style.site}"><strong>${escapeXml(site)}</strong></p>`,
    `<p>${escapeXml(intro)}</p>`,
    ...items.map(
      (i) =>
        `<div><p style="margin: 1rem 0 0;"><strong>${escapeXml(i.byline)}</strong></p><blockquote style="${style.quote}">${escapeXml(i.excerpt)}</blockquote><p style="margin: 0;"><a href="${escapeXml(i.url)}">${escapeXml(read)}</a></p></div>`,
    ),
    `<hr style="border: 0; border-top: 1px solid #e3e1dc; margin: 1.5rem 0 1rem;">`,
    `<p style="${style.small}">${escapeXml(why)} ${escapeXml(when)}</p>`,
    `<p style="${style.small}"><a href="${escapeXml(input.manageUrl)}">${escapeXml(manage)}</a> · <a href="${escapeXml(input.unsubscribeUrl)}">${escapeXml(unsubscribe)}</a></p>`,
    '</div>',
  ].join('\n');
  return { to: input.to, subject, text, html };
}

/** The double opt-in email: what the reader asked for and the one link that turns it on. */
export function confirmationEmail(ctx: AppContext, input: { to: string; kinds: SubscriptionKind[]; article: { title: string }; confirmUrl: string }): Pick<MailMessage, 'to' | 'subject' | 'text' | 'html'> {
  const { t } = ctx.site.i18n;
  const site = ctx.site.settings.siteName;
  const intro = t('notifications.confirmEmail.intro', { site, title: input.article.title });
  const what = input.kinds.map((k) => t(k === 'replies' ? 'notifications.form.replies' : 'notifications.form.followUps'));
  const button = t('notifications.confirmEmail.button');
  const validity = t('notifications.confirmEmail.validity', { days: CONFIRM_TTL_MS / 86_400_000 });
  const ignore = t('notifications.confirmEmail.ignore');
  const text = [site, '', intro, ...what.map((w) => `- ${w}`), '', `${button}: ${input.confirmUrl}`, '', validity, ignore, ''].join('\n');
  const html = [
    `<div style="${style.body}">`,
    `<p style="${style.site}"><strong>${escapeXml(site)}</strong></p>`,
    `<p>${escapeXml(intro)}</p>`,
    `<ul>${what.map((w) => `<li>${escapeXml(w)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeXml(input.confirmUrl)}">${escapeXml(button)}</a></p>`,
    `<p style="${style.small}">${escapeXml(validity)} ${escapeXml(ignore)}</p>`,
    '</div>',
  ].join('\n');
  return { to: input.to, subject: t('notifications.confirmEmail.subject', { site }), text, html };
}

/** A fresh link to the "Manage notifications" page, asked for from an expired one. */
export function manageLinkEmail(ctx: AppContext, input: { to: string; manageUrl: string }): Pick<MailMessage, 'to' | 'subject' | 'text' | 'html'> {
  const { t } = ctx.site.i18n;
  const site = ctx.site.settings.siteName;
  const intro = t('notifications.manageEmail.intro', { site, days: MANAGE_TTL_MS / 86_400_000 });
  const button = t('notifications.manage.title');
  const ignore = t('notifications.manageEmail.ignore');
  const text = [site, '', intro, '', `${button}: ${input.manageUrl}`, '', ignore, ''].join('\n');
  const html = [
    `<div style="${style.body}">`,
    `<p style="${style.site}"><strong>${escapeXml(site)}</strong></p>`,
    `<p>${escapeXml(intro)}</p>`,
    `<p><a href="${escapeXml(input.manageUrl)}">${escapeXml(button)}</a></p>`,
    `<p style="${style.small}">${escapeXml(ignore)}</p>`,
    '</div>',
  ].join('\n');
  return { to: input.to, subject: t('notifications.manageEmail.subject', { site }), text, html };
}

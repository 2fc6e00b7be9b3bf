import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { SubscriptionDelivery, SubscriptionKind } from '../../db/schema/index.js';
import { ArticleError } from '../../features/articles/errors.js';
import { confirmSubscriptions } from '../../features/notifications/confirm-subscriptions.js';
import { NotificationError } from '../../features/notifications/errors.js';
import { manageUrl } from '../../features/notifications/links.js';
import { changeSubscription, getManageView, requestManageLink, type SubscriptionChange, subscriberFromManageToken } from '../../features/notifications/manage-subscriptions.js';
import { userSubscriber } from '../../features/notifications/queries.js';
import { requireToken } from '../../features/notifications/read-token.js';
import { type SubscribeResult, subscribe } from '../../features/notifications/subscribe.js';
import { checkUnsubscribeLink, unsubscribeWithToken } from '../../features/notifications/unsubscribe.js';
import type { MessageKey } from '../../i18n/index.js';
import { FollowPage } from '../../views/notifications/follow-form.js';
import { ManageLinkForm, ManagePage, TokenActionPage } from '../../views/notifications/manage-page.js';
import { NoticePage } from '../../views/pages/notice.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml, sendNotice } from '../account-pages.js';
import { requireArticle } from '../article-page.js';
import { statusForCode } from '../errors.js';
import { signedInUser } from '../middleware/auth-guard.js';
import { siteView } from '../site-view.js';
import { writeLimit } from '../write-limits.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
// Any string: a mangled token gets the "not valid" page, not a schema error.
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 600 }) });
const Delivery = Type.Unsafe<SubscriptionDelivery>({ type: 'string', enum: ['immediate', 'digest'] });
const FollowForm = Type.Object({ email: Type.Optional(Type.String({ maxLength: 1000 })), delivery: Type.Optional(Delivery) });
const ChangeForm = Type.Object({
  subscription: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }),
  action: Type.Unsafe<'delivery' | 'remove'>({ type: 'string', enum: ['delivery', 'remove'] }),
  delivery: Type.Optional(Delivery),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});
const DoneQuery = Type.Object({ done: Type.Optional(Type.Unsafe<'changed' | 'removed' | 'unchanged'>({ type: 'string', enum: ['changed', 'removed', 'unchanged'] })) });

/** The fields "Notify of" adds to the comment form. */
export const NotifyFields = {
  notify_article: Type.Optional(Type.String({ maxLength: 10 })),
  notify_replies: Type.Optional(Type.String({ maxLength: 10 })),
};

export interface NotifyChoice {
  article: boolean;
  replies: boolean;
}

export function notifyChoiceOf(form: { notify_article?: string; notify_replies?: string }): NotifyChoice {
  return { article: Boolean(form.notify_article), replies: Boolean(form.notify_replies) };
}

const kindsOf = (choice: NotifyChoice): SubscriptionKind[] => [...(choice.article ? ['article' as const] : []), ...(choice.replies ? ['replies' as const] : [])];

/** A guest who ticks "Notify of" must give an email: the field's message, or nothing to say. */
export function notifyFieldErrors(ctx: AppContext, signedIn: boolean, choice: NotifyChoice, email: string): Record<string, string> {
  if (signedIn || !kindsOf(choice).length) return {};
  const problem = email.trim() === '' ? ctx.site.i18n.t('notifications.error.commentEmail') : null;
  return problem ? { email: problem } : {};
}

/**
 * After a comment is posted with "Notify of" ticked: subscribe. An account is subscribed at once; a
 * guest is sent the confirmation email. Returns true when the reader should be told to check their
 * email (scripts get the `X-Outpost-Notify: confirmation-sent` header instead of the notice page).
 * The comment is already committed: a problem here is logged and never loses it.
 */
export async function subscribeFromCommentForm(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { identity: Parameters<typeof subscribe>[1]['identity']; articleId: number; choice: NotifyChoice; email: string },
): Promise<boolean> {
  const kinds = kindsOf(input.choice);
  if (!kinds.length) return false;
  try {
    const result = await subscribe(ctx, { identity: input.identity, articleId: input.articleId, kinds, email: input.email });
    if (result.outcome === 'confirmation_sent' || result.outcome === 'confirmation_pending') {
      reply.header('x-outpost-notify', 'confirmation-sent');
      return true;
    }
    reply.header('x-outpost-notify', 'subscribed');
  } catch (error) {
    request.log.warn({ err: error }, 'subscribing from the comment form failed');
  }
  return false;
}

/** The "check your email" page shown after such a comment, linking back to it. */
export function postedNoticeHref(commentHref: string): string {
  return `/notifications/posted?back=${encodeURIComponent(commentHref)}`;
}

/** Our own article pages (with the comment anchor) only. */
function safeCommentHref(back: unknown): string | null {
  return typeof back === 'string' && /^\/articles\/[A-Za-z0-9][A-Za-z0-9-]{0,199}(\?[A-Za-z0-9_.~=&%-]{0,300})?(#comment-\d{1,12})?$/.test(back) ? back : null;
}

const whatKey = (kinds: readonly SubscriptionKind[]): MessageKey =>
  kinds.includes('article') && kinds.includes('replies') ? 'notifications.what.both' : kinds.includes('replies') ? 'notifications.what.replies' : 'notifications.what.article';

/**
 * "Notify of" over HTTP: follow a discussion, the double opt-in link, one-click unsubscribe
 * (RFC 8058), and "Manage notifications" by emailed link or from the account. Every link from an
 * email shows a page with a button on GET and acts on POST, so mail scanners change nothing.
 */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);
  const followLimit = writeLimit(app, ctx, 'follow', { perIdentity: 10, perIp: 30, windowMs: 3_600_000 });
  const linkLimit = writeLimit(app, ctx, 'manage-link', { perIdentity: 5, perIp: 10, windowMs: 3_600_000 });

  /** A link that does not work: what happened, and a way on. */
  const linkProblem = async (request: FastifyRequest, reply: FastifyReply, error: NotificationError) => {
    const site = await siteView(ctx, request);
    const manageExpired = error.code === 'notify_token_expired' && request.url.startsWith('/notifications/manage/');
    const page = NoticePage({
      site,
      title: t('notifications.token.problemTitle'),
      message: error.message,
      link: manageExpired ? undefined : { href: '/', label: t('funding.thanks.back') },
      children: manageExpired ? ManageLinkForm({ site }) : undefined,
    });
    return sendHtml(reply, statusForCode(error.code), renderDocument(page));
  };
  const handled = async (request: FastifyRequest, reply: FastifyReply, action: () => Promise<unknown>) => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof NotificationError && error.code !== 'notify_invalid') return linkProblem(request, reply, error);
      throw error;
    }
  };

  const followPage = async (request: FastifyRequest, reply: FastifyReply, status: number, slug: string, form?: { email: string; delivery: SubscriptionDelivery; error?: string; message?: string }) => {
    const article = await requireArticle(ctx, slug);
    const site = await siteView(ctx, request);
    return sendHtml(reply, status, renderDocument(FollowPage({ site, article, form })));
  };

  app.get('/articles/:slug/follow', { schema: { params: SlugParams } }, async (request, reply) => followPage(request, reply, 200, (request.params as { slug: string }).slug));

  app.post('/articles/:slug/follow', { schema: { params: SlugParams, body: FollowForm } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const body = request.body as { email?: string; delivery?: SubscriptionDelivery };
    const article = await requireArticle(ctx, slug);
    const identity = await followLimit.identify(request, reply);
    let result: SubscribeResult;
    try {
      result = await subscribe(ctx, { identity, articleId: article.id, kinds: ['article'], email: body.email, delivery: body.delivery });
    } catch (error) {
      if (error instanceof NotificationError && error.code === 'notify_invalid') {
        return followPage(request, reply, 422, slug, { email: body.email ?? '', delivery: body.delivery ?? 'immediate', error: error.fields.email, message: error.fields.email ? undefined : error.message });
      }
      if (error instanceof NotificationError || error instanceof ArticleError) {
        return sendNotice(ctx, request, reply, statusForCode(error.code), { title: t('notifications.follow.heading'), message: error.message, link: { href: `/articles/${article.slug}`, label: t('notifications.done.back') } });
      }
      throw error;
    }
    const params = { email: result.address, what: t('notifications.what.article'), title: article.title };
    const notices = {
      subscribed: { title: t('notifications.done.subscribedTitle'), message: t('notifications.done.subscribed', params) },
      already: { title: t('notifications.done.alreadyTitle'), message: t('notifications.done.already', params) },
      confirmation_sent: { title: t('notifications.done.sentTitle'), message: t('notifications.done.sent', params) },
      confirmation_pending: { title: t('notifications.done.sentTitle'), message: t('notifications.done.pending', params) },
    };
    return sendNotice(ctx, request, reply, 200, { ...notices[result.outcome], link: { href: `/articles/${article.slug}`, label: t('notifications.done.back') } });
  });

  app.get('/notifications/posted', { schema: { querystring: Type.Object({ back: Type.Optional(Type.String({ maxLength: 600 })) }) } }, async (request, reply) => {
    const back = safeCommentHref((request.query as { back?: string }).back);
    return sendNotice(ctx, request, reply, 200, {
      title: t('notifications.done.sentTitle'),
      message: t('notifications.done.commentPosted'),
      link: back ? { href: back, label: t('notifications.done.backComment') } : undefined,
    });
  });

  // Double opt-in.
  app.get('/notifications/confirm/:token', { schema: { params: TokenParams } }, async (request, reply) =>
    handled(request, reply, async () => {
      const { token } = request.params as { token: string };
      const { ids } = requireToken(ctx, token, 'confirm');
      const row = await ctx.database.db
        .selectFrom('notification_subscriptions as s')
        .leftJoin('articles as a', 'a.id', 's.article_id')
        .select(['a.title'])
        .where('s.id', 'in', ids)
        .executeTakeFirst();
      const site = await siteView(ctx, request);
      const page = TokenActionPage({
        site,
        title: t('notifications.confirm.title'),
        lead: t('notifications.confirm.lead', { title: row?.title ?? t('notifications.unsubscribe.thisDiscussion') }),
        action: `/notifications/confirm/${token}`,
        button: t('notifications.confirm.button'),
      });
      return sendHtml(reply, 200, renderDocument(page));
    }),
  );

  app.post('/notifications/confirm/:token', { schema: { params: TokenParams } }, async (request, reply) =>
    handled(request, reply, async () => {
      const result = await confirmSubscriptions(ctx, (request.params as { token: string }).token);
      const title = result.article?.title ?? t('notifications.unsubscribe.thisDiscussion');
      const done = result.outcome === 'confirmed';
      return sendNotice(ctx, request, reply, 200, {
        title: t(done ? 'notifications.confirm.doneTitle' : 'notifications.confirm.alreadyTitle'),
        message: done ? t('notifications.confirm.done', { what: t(whatKey(result.kinds)), title }) : t('notifications.confirm.already'),
        link: result.article ? { href: `/articles/${result.article.slug}`, label: t('notifications.done.back') } : undefined,
      });
    }),
  );

  // One-click unsubscribe. The POST comes from mail providers (RFC 8058: no cookies, no Origin,
  // a form body "List-Unsubscribe=One-Click", url-encoded or multipart): the same-origin check
  // exempts this path and the signed token is the authority. Its own scope reads any small body.
  app.get('/notifications/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) =>
    handled(request, reply, async () => {
      const { token } = request.params as { token: string };
      const view = await checkUnsubscribeLink(ctx, token);
      const title = view.article?.title ?? t('notifications.unsubscribe.thisDiscussion');
      if (view.state === 'unsubscribed' || view.state === 'gone') {
        return sendNotice(ctx, request, reply, 200, {
          title: t('notifications.unsubscribe.alreadyTitle'),
          message: t(view.state === 'gone' ? 'notifications.unsubscribe.gone' : 'notifications.unsubscribe.already'),
        });
      }
      const site = await siteView(ctx, request);
      const page = TokenActionPage({
        site,
        title: t('notifications.unsubscribe.title'),
        lead: t('notifications.unsubscribe.lead', { what: t(whatKey(view.kind ? [view.kind] : [])), title }),
        action: `/notifications/unsubscribe/${token}`,
        button: t('notifications.unsubscribe.button'),
      });
      return sendHtml(reply, 200, renderDocument(page));
    }),
  );
  app.register(async (scope) => {
    scope.addContentTypeParser(['multipart/form-data', 'text/plain'], { parseAs: 'string', bodyLimit: 16_384 }, (_request, _body, done) => done(null, undefined));
    scope.post('/notifications/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) =>
      handled(request, reply, async () => {
        const result = await unsubscribeWithToken(ctx, (request.params as { token: string }).token);
        const title = result.article?.title ?? t('notifications.unsubscribe.thisDiscussion');
        const message =
          result.outcome === 'unsubscribed' ? t('notifications.unsubscribe.done', { title }) : t(result.state === 'gone' ? 'notifications.unsubscribe.gone' : 'notifications.unsubscribe.already');
        return sendNotice(ctx, request, reply, 200, {
          title: t(result.outcome === 'unsubscribed' ? 'notifications.unsubscribe.doneTitle' : 'notifications.unsubscribe.alreadyTitle'),
          message,
          link: result.subscriberKey ? { href: manageHref(result.subscriberKey), label: t('notifications.email.manage') } : undefined,
        });
      }),
    );
  });
  const manageHref = (subscriberKey: string) => new URL(manageUrl(ctx, subscriberKey, ctx.clock.now())).pathname;

  // Manage by emailed link.
  const doneNotice = (done: string | undefined) =>
    done === 'changed' ? t('notifications.manage.saved') : done === 'removed' ? t('notifications.manage.removed') : done === 'unchanged' ? t('notifications.manage.unchanged') : null;
  const changeOf = (body: { action: 'delivery' | 'remove'; delivery?: SubscriptionDelivery }): SubscriptionChange =>
    body.action === 'remove' ? { action: 'remove' } : { action: 'delivery', delivery: body.delivery ?? 'immediate' };

  app.get('/notifications/manage/:token', { schema: { params: TokenParams, querystring: DoneQuery } }, async (request, reply) =>
    handled(request, reply, async () => {
      const { token } = request.params as { token: string };
      const view = await getManageView(ctx, subscriberFromManageToken(ctx, token));
      const site = await siteView(ctx, request);
      const page = ManagePage({ site, ...view, action: `/notifications/manage/${token}`, notice: doneNotice((request.query as { done?: string }).done) });
      return sendHtml(reply, 200, renderDocument(page));
    }),
  );

  app.post('/notifications/manage/:token', { schema: { params: TokenParams, body: ChangeForm } }, async (request, reply) =>
    handled(request, reply, async () => {
      const { token } = request.params as { token: string };
      const body = request.body as { subscription: number; action: 'delivery' | 'remove'; delivery?: SubscriptionDelivery };
      const subscriberKey = subscriberFromManageToken(ctx, token);
      const outcome = await changeSubscription(ctx, { subscriberKey, subscriptionId: body.subscription, change: changeOf(body) });
      const done = outcome === 'unchanged' ? 'unchanged' : body.action === 'remove' ? 'removed' : 'changed';
      return reply.code(303).header('cache-control', 'no-store').redirect(`/notifications/manage/${token}?done=${done}`, 303);
    }),
  );

  app.post('/notifications/manage-link', { schema: { body: Type.Object({ email: Type.String({ maxLength: 1000 }) }) } }, async (request, reply) => {
    const { email } = request.body as { email: string };
    await linkLimit.identify(request, reply);
    try {
      await requestManageLink(ctx, email);
    } catch (error) {
      if (!(error instanceof NotificationError)) throw error;
      const site = await siteView(ctx, request);
      const page = NoticePage({ site, title: t('notifications.manage.newLink'), message: error.message, children: ManageLinkForm({ site, email, error: error.fields.email }) });
      return sendHtml(reply, 422, renderDocument(page));
    }
    return sendNotice(ctx, request, reply, 200, { title: t('notifications.manage.linkSentTitle'), message: t('notifications.manage.linkSent') });
  });

  // Manage from the signed-in profile.
  app.get('/account/notifications', { config: { auth: 'account.manage' }, schema: { querystring: DoneQuery } }, async (request, reply) => {
    const user = signedInUser(request);
    const view = await getManageView(ctx, userSubscriber(user.id));
    const site = await siteView(ctx, request);
    const page = ManagePage({ site, ...view, action: '/account/notifications', csrfToken: request.csrfToken, notice: doneNotice((request.query as { done?: string }).done) });
    return sendHtml(reply, 200, renderDocument(page));
  });

  app.post('/account/notifications', { config: { auth: 'account.manage' }, schema: { body: ChangeForm } }, async (request, reply) => {
    const user = signedInUser(request);
    const body = request.body as { subscription: number; action: 'delivery' | 'remove'; delivery?: SubscriptionDelivery };
    const outcome = await changeSubscription(ctx, { subscriberKey: userSubscriber(user.id), subscriptionId: body.subscription, change: changeOf(body) });
    const done = outcome === 'unchanged' ? 'unchanged' : body.action === 'remove' ? 'removed' : 'changed';
    return reply.code(303).header('cache-control', 'no-store').redirect(`/account/notifications?done=${done}`, 303);
  });
}

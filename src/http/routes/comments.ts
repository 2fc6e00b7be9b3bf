import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { castVote } from '../../features/discussion/cast-vote.js';
import { createComment } from '../../features/discussion/create-comment.js';
import { defaultCommentSort } from '../../features/discussion/cursor.js';
import { deleteComment } from '../../features/discussion/delete-comment.js';
import { editComment, getEditableComment } from '../../features/discussion/edit-comment.js';
import { DiscussionError } from '../../features/discussion/errors.js';
import { getCommentLocation } from '../../features/discussion/get-comment-location.js';
import { editableUntil } from '../../features/discussion/policy.js';
import { commentColumns, getCommentRow, isShownRow, toCommentView } from '../../features/discussion/queries.js';
import { discussionHref } from '../../features/discussion/urls.js';
import { passageOf } from '../../features/feedback/attach-passage.js';
import { FeedbackError } from '../../features/feedback/errors.js';
import { EditCommentPage } from '../../views/discussion/edit-comment-page.js';
import { renderDocument } from '../../views/render.js';
import { renderArticlePage, requireArticle } from '../article-page.js';
import { FragmentQuery, fragmentWanted, personalIdentity, renderComments, renderEditForm, renderVoteForm, sendFragment } from '../discussion-fragments.js';
import { sendPage } from '../middleware/page-cache.js';
import { HttpError, statusForCode } from '../errors.js';
import { resolveIdentity } from '../identity.js';
import { ownCommentHref, ownCommentLocation } from '../moderation-view.js';
import { siteView } from '../site-view.js';
import { type CommentLimits, writeLimit } from '../write-limits.js';
import { commentApiRoutes } from './comments-api.js';
import { NotifyFields, notifyChoiceOf, notifyFieldErrors, postedNoticeHref, subscribeFromCommentForm } from './notifications.js';
import { PassageFormFields, type PassageFormBody, passageFormView } from './feedback.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }) });
// What the reader types has no length limit in the schema (only the request's size limit): the use
// case checks it, so a text too long comes back in the form with a message, not as a bare 400.
const CommentForm = Type.Object({
  body: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  parent_id: Type.Optional(Type.String({ pattern: '^[0-9]{0,12}$' })),
  idempotency_key: Type.Optional(Type.String({ maxLength: 200 })),
  // Inline feedback (features/feedback): the passage a new comment is about; all empty for an ordinary comment.
  ...PassageFormFields,
  // "Notify of" (features/notifications): follow-up comments, replies to my comments.
  ...NotifyFields,
  // Moderation: the hidden field only robots fill in (views/discussion/honeypot.tsx).
  website: Type.Optional(Type.String({ maxLength: 1_000 })),
});
type CommentFormBody = { body?: string; name?: string; email?: string; parent_id?: string; idempotency_key?: string; notify_article?: string; notify_replies?: string; website?: string } & PassageFormBody;
const VoteForm = Type.Object({ vote: Type.Unsafe<'up' | 'down'>({ type: 'string', enum: ['up', 'down'] }), back: Type.Optional(Type.String({ maxLength: 500 })) });
const BackForm = Type.Object({ back: Type.Optional(Type.String({ maxLength: 500 })) });
const EditForm = Type.Object({ body: Type.String() });

/** A page address to come back to after a form post: only one of our article pages. */
export function safeBack(back: unknown): string | null {
  return typeof back === 'string' && /^\/articles\/[A-Za-z0-9][A-Za-z0-9-]{0,199}(\?[A-Za-z0-9_.~=&%-]{0,300})?$/.test(back) ? back : null;
}

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

/**
 * The discussion's HTML forms, working without scripts: post or reply (303 to the new comment, or
 * the article again with the reader's text and the errors), vote, edit and delete; and comment
 * permalinks. The JSON API (comments-api.ts) runs the same use cases.
 */
export function commentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limits: CommentLimits = {
    create: writeLimit(app, ctx, 'comment', { perIdentity: 5, perIp: 30, windowMs: 60_000 }),
    vote: writeLimit(app, ctx, 'vote', { perIdentity: 60, perIp: 300, windowMs: 60_000 }),
  };

  // With ?fragment=1 (scripts): 201 with the new comment as page items, or the form again with
  // the reader's text and the errors (see discussion-fragments.ts).
  app.post('/articles/:slug/comments', { schema: { params: SlugParams, querystring: FragmentQuery, body: CommentForm } }, async (request, reply) => {
    const article = await requireArticle(ctx, (request.params as { slug: string }).slug);
    const form = request.body as CommentFormBody;
    const values = { body: form.body ?? '', name: form.name ?? '', email: form.email ?? '', idempotencyKey: form.idempotency_key ?? '' };
    const parentId = form.parent_id ? Number(form.parent_id) : null;
    const passage = passageOf({ start: form.passage_start, end: form.passage_end, exact: form.passage_exact, prefix: form.passage_prefix, suffix: form.passage_suffix, articleId: form.passage_article });
    const fragment = fragmentWanted(request);
    const notify = notifyChoiceOf(form);
    const refuse = async (status: number, message: string, errors: Record<string, string> = {}) => {
      const page = await renderArticlePage(ctx, request, article, {
        sort: defaultCommentSort,
        replyto: parentId ?? undefined,
        form: { values, errors, message, passage: passageFormView(passage, form.passage_question), notify },
        fragment: fragment ? 'form' : undefined,
      });
      return html(reply, status, page);
    };
    try {
      const identity = await limits.create.identify(request, reply);
      const notifyErrors = notifyFieldErrors(ctx, identity.kind === 'user', notify, values.email);
      if (Object.keys(notifyErrors).length) return refuse(422, ctx.site.i18n.t('discussion.error.invalid'), notifyErrors);
      const { comment, created } = await createComment(ctx, { identity, articleId: article.id, parentId, ...values, passage, ip: request.ip, honeypot: form.website ?? '' });
      const confirming = await subscribeFromCommentForm(ctx, request, reply, { identity, articleId: article.id, choice: notify, email: values.email });
      if (fragment) return sendFragment(reply, created ? 201 : 200, await renderComments(ctx, request, { articleId: article.id, identity }, [comment]));
      // A comment held or refused by moderation is shown to its author alone, on the first page.
      const location = comment.status === 'published' ? await getCommentLocation(ctx, { commentId: comment.id }) : { href: ownCommentHref(article.slug, comment.id) };
      return reply.code(303).header('cache-control', 'no-store').redirect(confirming ? postedNoticeHref(location.href) : location.href, 303);
    } catch (error) {
      if (error instanceof DiscussionError || error instanceof FeedbackError) return refuse(statusForCode(error.code), error.message, error.fields);
      if (error instanceof HttpError && error.statusCode === 429) return refuse(429, error.message);
      throw error;
    }
  });

  // Comments by id as page items, for scripts (new comments arriving live, a changed one):
  // anonymous requests share cache entries like pages do.
  app.get(
    '/articles/:slug/comments/fragments',
    { schema: { params: SlugParams, querystring: Type.Intersect([FragmentQuery, Type.Object({ ids: Type.String({ pattern: '^[0-9]{1,12}(,[0-9]{1,12}){0,49}$' }) })]) } },
    async (request, reply) => {
      const article = await requireArticle(ctx, (request.params as { slug: string }).slug);
      const ids = [...new Set((request.query as { ids: string }).ids.split(',').map(Number))];
      const rows = await ctx.database.db.selectFrom('comments').select(commentColumns).where('id', 'in', ids).where('article_id', '=', article.id).execute();
      const byId = new Map(rows.filter(isShownRow).map((r) => [r.id, toCommentView(r)]));
      const comments = ids.flatMap((id) => byId.get(id) ?? []);
      const body = await renderComments(ctx, request, { articleId: article.id, identity: await personalIdentity(ctx, request) }, comments);
      return sendPage(ctx, request, reply, { body, tags: [`article:${article.id}`] });
    },
  );

  app.get('/articles/:slug/comments/:id', { schema: { params: Type.Intersect([SlugParams, IdParams]) } }, async (request, reply) => {
    const { slug, id } = request.params as { slug: string; id: number };
    const article = await requireArticle(ctx, slug);
    const location = await getCommentLocation(ctx, { commentId: id });
    if (location.articleId !== article.id) throw new DiscussionError('comment_not_found', ctx.site.i18n.t('discussion.error.notFound'));
    return reply.code(302).header('cache-control', 'no-store').redirect(location.href, 302);
  });

  app.post('/comments/:id/vote', { schema: { params: IdParams, querystring: FragmentQuery, body: VoteForm } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const { vote, back } = request.body as { vote: 'up' | 'down'; back?: string };
    const identity = await limits.vote.identify(request, reply);
    await castVote(ctx, { identity, commentId: id, value: vote, toggle: true });
    const to = safeBack(back);
    if (fragmentWanted(request)) {
      const row = await getCommentRow(ctx.database.db, id);
      if (!row) throw new DiscussionError('comment_not_found', ctx.site.i18n.t('discussion.error.notFound'));
      return sendFragment(reply, 200, await renderVoteForm(ctx, request, { articleId: row.article_id, identity, back: to }, toCommentView(row)));
    }
    const href = to ? `${to}#comment-${id}` : (await getCommentLocation(ctx, { commentId: id })).href;
    return reply.code(303).header('cache-control', 'no-store').redirect(href, 303);
  });

  /**
   * The edit form, on its own page or (scripts) inline. With `refused`, the form again with the
   * reader's text and why it was not saved, whatever the reason (bad text, the window or the
   * discussion closed meanwhile…), so nothing typed is lost.
   */
  const editPage = async (request: FastifyRequest, reply: FastifyReply, id: number, refused: { body: string; error: DiscussionError } | null) => {
    let row: { created_at: string; body_md?: string } | undefined;
    if (refused) row = await getCommentRow(ctx.database.db, id);
    else row = await getEditableComment(ctx, await resolveIdentity(ctx, request), id);
    const body = refused ? refused.body : (row?.body_md ?? '');
    const error = refused ? (refused.error.fields.body ?? refused.error.message) : null;
    const status = refused ? statusForCode(refused.error.code) : 200;
    const back = await getCommentLocation(ctx, { commentId: id }).then(
      (location) => location.href,
      () => '/',
    );
    if (fragmentWanted(request)) return sendFragment(reply, status, await renderEditForm(ctx, request, { commentId: id, body, back, error }));
    const site = await siteView(ctx);
    // Still the author's to edit (and delete): the window and the delete button; otherwise the text and the reason alone.
    const own = !refused || refused.error.code === 'comment_invalid';
    const until = own && row ? editableUntil(row.created_at, ctx.site.settings) : null;
    const page = EditCommentPage({ site, commentId: id, body, until, back, error, canDelete: own || refused?.error.code === 'comment_edit_window_closed' || refused?.error.code === 'discussion_closed' });
    return html(reply, status, renderDocument(page));
  };

  app.get('/comments/:id/edit', { schema: { params: IdParams, querystring: FragmentQuery } }, async (request, reply) => editPage(request, reply, (request.params as { id: number }).id, null));

  app.post('/comments/:id/edit', { schema: { params: IdParams, querystring: FragmentQuery, body: EditForm } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const { body } = request.body as { body: string };
    const identity = await resolveIdentity(ctx, request);
    if (!identity) throw new DiscussionError('comment_forbidden', ctx.site.i18n.t('discussion.error.forbidden'));
    let edited: Awaited<ReturnType<typeof editComment>>;
    try {
      edited = await editComment(ctx, { identity, commentId: id, body });
    } catch (error) {
      if (error instanceof DiscussionError) return editPage(request, reply, id, { body, error });
      throw error;
    }
    if (fragmentWanted(request)) return sendFragment(reply, 200, await renderComments(ctx, request, { articleId: edited.articleId, identity }, [edited]));
    // An edit moderation now holds is shown to its author alone, on the first page.
    const href = edited.status === 'published' ? (await getCommentLocation(ctx, { commentId: id })).href : await ownCommentLocation(ctx, edited.articleId, id);
    return reply.code(303).header('cache-control', 'no-store').redirect(href, 303);
  });

  app.post('/comments/:id/delete', { schema: { params: IdParams, querystring: FragmentQuery, body: Type.Optional(BackForm) } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const identity = await resolveIdentity(ctx, request);
    if (!identity) throw new DiscussionError('comment_forbidden', ctx.site.i18n.t('discussion.error.forbidden'));
    const deleted = await deleteComment(ctx, { identity, commentId: id });
    const back = safeBack((request.body as { back?: string } | undefined)?.back);
    if (fragmentWanted(request)) {
      // The placeholder that stays (a thread holds), or an empty list: the comment is gone.
      const row = deleted.placeholder ? await getCommentRow(ctx.database.db, id) : undefined;
      const shown = row && isShownRow(row) ? [toCommentView(row)] : [];
      return sendFragment(reply, 200, await renderComments(ctx, request, { articleId: deleted.articleId, identity, back }, shown));
    }
    let href: string;
    if (deleted.placeholder) href = back ? `${back}#comment-${id}` : (await getCommentLocation(ctx, { commentId: id })).href;
    else {
      const article = await ctx.database.db.selectFrom('articles').select('slug').where('id', '=', deleted.articleId).executeTakeFirstOrThrow();
      href = back ? `${back}#comments` : discussionHref(article.slug, {}, 'comments');
    }
    return reply.code(303).header('cache-control', 'no-store').redirect(href, 303);
  });

  commentApiRoutes(app, ctx, limits);
}

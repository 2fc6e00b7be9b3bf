import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { castVote, type VoteChoice } from '../../features/discussion/cast-vote.js';
import { createComment } from '../../features/discussion/create-comment.js';
import { type CommentSort, commentSorts, defaultCommentSort } from '../../features/discussion/cursor.js';
import { deleteComment } from '../../features/discussion/delete-comment.js';
import { editComment } from '../../features/discussion/edit-comment.js';
import { DiscussionError } from '../../features/discussion/errors.js';
import { listComments } from '../../features/discussion/list-comments.js';
import { editableUntil, isWithinEditWindow } from '../../features/discussion/policy.js';
import { type CommentView, getCommentRow, getViewerState, isShownRow, toCommentView } from '../../features/discussion/queries.js';
import type { ThreadNode } from '../../features/discussion/threads.js';
import type { PassageInput } from '../../features/feedback/resolve-passage.js';
import { requireArticle, requireArticleRef } from '../article-page.js';
import { resolveIdentity } from '../identity.js';
import { ownModeration } from '../moderation-view.js';
import type { CommentLimits } from '../write-limits.js';
import { PassageBody } from './feedback.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 999_999_999_999 });
/** A passage comment's passage (features/feedback): W3C Web Annotation selectors over the article's text. */
const Passage = Type.Object(
  {
    state: Type.String({ enum: ['anchored', 'orphaned'], description: 'orphaned: the passage is no longer in the article (the selectors are where it was last found)' }),
    quote: Type.String({ description: 'The passage as the reader chose it' }),
    selectors: Type.Array(
      Type.Union([
        Type.Object({ type: Type.Literal('TextQuoteSelector'), exact: Type.String(), prefix: Type.String(), suffix: Type.String() }),
        Type.Object({ type: Type.Literal('TextPositionSelector'), start: Type.Integer(), end: Type.Integer({ description: 'Exclusive; UTF-16 code units' }) }),
      ]),
      { description: 'A TextQuoteSelector, then a TextPositionSelector, as last anchored' },
    ),
  },
  { description: 'Inline feedback: the passage of the article this comment is about' },
);
type PassageJson = {
  state: string;
  quote: string;
  selectors: [{ type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }, { type: 'TextPositionSelector'; start: number; end: number }];
};
const Comment = Type.Object({
  id: Type.Integer(),
  articleId: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  rootId: Type.Integer(),
  depth: Type.Integer(),
  replyToId: Nullable(Type.Integer()),
  replyToName: Nullable(Type.String()),
  authorName: Type.String({ description: 'Empty for a deleted comment' }),
  bodyHtml: Type.String({ description: 'Sanitised HTML; empty for a deleted comment' }),
  status: Type.String({ enum: ['published', 'deleted', 'pending', 'rejected', 'spam', 'shadow'], description: 'pending, rejected, spam and shadow are seen by their author only (moderation)' }),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
  upvotes: Type.Integer(),
  downvotes: Type.Integer(),
  score: Type.Integer(),
  replyCount: Type.Integer({ description: 'Shown direct replies' }),
  hiddenReplies: Type.Integer({ description: 'Direct replies not included in this response' }),
  url: Type.String({ format: 'uri', description: 'Permalink' }),
  passage: Nullable(Passage),
});
const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }),
});
const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const IdParams = Type.Object({ id: Id });
const VoteValue = Type.Unsafe<VoteChoice>({ type: 'string', enum: ['up', 'down', 'none'] });
const tags = ['comments'];

/** The discussion's JSON API, described in /api/v1/openapi.json; the same use cases as the HTML forms. */
export function commentApiRoutes(app: FastifyInstance, ctx: AppContext, limits: CommentLimits): void {
  /** The passages of those of `commentIds` that are passage comments. */
  const passagesOf = async (commentIds: number[]): Promise<Map<number, PassageJson>> => {
    if (!commentIds.length) return new Map();
    const rows = await ctx.database.db
      .selectFrom('passage_anchors')
      .select(['comment_id', 'state', 'quote', 'exact', 'prefix', 'suffix', 'start_offset', 'end_offset'])
      .where('comment_id', 'in', commentIds)
      .execute();
    return new Map(
      rows.map((r) => [
        r.comment_id,
        {
          state: r.state,
          quote: r.quote,
          selectors: [
            { type: 'TextQuoteSelector', exact: r.exact, prefix: r.prefix, suffix: r.suffix },
            { type: 'TextPositionSelector', start: Number(r.start_offset), end: Number(r.end_offset) },
          ],
        },
      ]),
    );
  };
  const json = (slug: string, c: CommentView, passages: ReadonlyMap<number, PassageJson>, hiddenReplies = 0) => {
    const { owner: _owner, path: _path, wilson: _wilson, ...rest } = c;
    return { ...rest, hiddenReplies, url: `${ctx.config.publicUrl}/articles/${slug}/comments/${c.id}`, passage: passages.get(c.id) ?? null };
  };
  const one = async (slug: string, c: CommentView) => json(slug, c, await passagesOf([c.id]));
  const flatten = (slug: string, nodes: ThreadNode[], passages: ReadonlyMap<number, PassageJson>): unknown[] =>
    nodes.flatMap((n) => [json(slug, n.comment, passages, n.hiddenReplies), ...flatten(slug, n.replies, passages)]);
  const slugOf = async (articleId: number) => (await ctx.database.db.selectFrom('articles').select('slug').where('id', '=', articleId).executeTakeFirstOrThrow()).slug;
  const notFound = () => new DiscussionError('comment_not_found', ctx.site.i18n.t('discussion.error.notFound'));

  app.get(
    '/api/v1/articles/:slug/comments',
    {
      schema: {
        summary: "A page of an article's discussion: top-level comments in the chosen order, each followed by its first replies (depth-first)",
        tags,
        params: SlugParams,
        querystring: Type.Object({
          sort: Type.Optional(Type.Unsafe<CommentSort>({ type: 'string', enum: [...commentSorts] })),
          after: Type.Optional(Type.String({ maxLength: 120, description: 'The `next` cursor of the previous page' })),
        }),
        response: { 200: Type.Object({ sort: Type.String(), total: Type.Integer(), items: Type.Array(Comment), next: Nullable(Type.String()) }), ...errors },
      },
    },
    async (request) => {
      const article = await requireArticle(ctx, (request.params as { slug: string }).slug);
      const query = request.query as { sort?: CommentSort; after?: string };
      const page = await listComments(ctx, { articleId: article.id, sort: query.sort ?? defaultCommentSort, after: query.after });
      // Only a thread's root can be a passage comment.
      const passages = await passagesOf(page.threads.map((n) => n.comment.id));
      return { sort: page.sort, total: article.commentCount, items: flatten(article.slug, page.threads, passages), next: page.next };
    },
  );

  app.post(
    '/api/v1/articles/:slug/comments',
    {
      schema: {
        summary: 'Post a comment or a reply; a repeat with the same idempotency key returns the first comment (200)',
        tags,
        params: SlugParams,
        body: Type.Object({
          body: Type.String({ maxLength: 100_000 }),
          name: Type.Optional(Type.String({ maxLength: 1_000, description: 'Required for guests' })),
          email: Type.Optional(Type.String({ maxLength: 1_000, description: 'Optional; never shown' })),
          parentId: Type.Optional(Nullable(Id)),
          idempotencyKey: Type.Optional(Type.String({ maxLength: 200 })),
          passage: Type.Optional(PassageBody),
        }),
        response: { 200: Comment, 201: Comment, ...errors },
      },
    },
    async (request, reply) => {
      const article = await requireArticleRef(ctx, (request.params as { slug: string }).slug);
      const input = request.body as { body: string; name?: string; email?: string; parentId?: number | null; idempotencyKey?: string; passage?: PassageInput };
      const identity = await limits.create.identify(request, reply);
      const { comment, created } = await createComment(ctx, { identity, articleId: article.id, ...input, ip: request.ip });
      // Without a passage in the request, neither a new comment nor the repeat it matched has one.
      const passages = input.passage || !created ? await passagesOf([comment.id]) : new Map<number, PassageJson>();
      return reply.code(created ? 201 : 200).header('cache-control', 'no-store').send(json(article.slug, comment, passages));
    },
  );

  app.get(
    '/api/v1/articles/:slug/me',
    {
      schema: {
        summary: "The reader's own comments and votes on an article (personal, never cached)",
        tags,
        params: SlugParams,
        response: {
          200: Type.Object({
            identity: Nullable(Type.String({ enum: ['guest', 'user'] })),
            commentIds: Type.Array(Type.Integer()),
            editable: Type.Array(Type.Object({ commentId: Type.Integer(), until: Type.String({ format: 'date-time' }) })),
            votes: Type.Array(Type.Object({ commentId: Type.Integer(), value: Type.String({ enum: ['up', 'down'] }) })),
            moderation: Type.Array(
              Type.Object({
                commentId: Type.Integer(),
                state: Type.String({ enum: ['pending', 'rejected', 'removed', 'shadow'], description: 'pending: "Awaiting moderation"; shadow: looks published' }),
                reasons: Type.Array(Type.String(), { description: 'Why, in words for people (the rule or the policy point)' }),
                note: Nullable(Type.String()),
                appeal: Nullable(Type.String({ enum: ['open', 'granted', 'denied', 'withdrawn'] })),
                appealUrl: Nullable(Type.String()),
              }),
              { description: "The reader's comments others do not see (moderation), and why" },
            ),
          }),
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const article = await requireArticle(ctx, (request.params as { slug: string }).slug);
      reply.header('cache-control', 'private, no-store');
      const identity = await resolveIdentity(ctx, request);
      if (!identity) return { identity: null, commentIds: [], editable: [], votes: [], moderation: [] };
      const [state, own] = await Promise.all([getViewerState(ctx.database.db, article.id, identity), ownModeration(ctx, article.id, identity)]);
      const moderation = [...own.notices].map(([commentId, n]) => ({ commentId, state: n.state, reasons: n.reasons, note: n.note, appeal: n.appeal, appealUrl: n.appealHref }));
      const now = ctx.clock.now();
      const editable = [...state.createdAt]
        .filter(([, createdAt]) => isWithinEditWindow(createdAt, ctx.site.settings, now))
        .map(([commentId, createdAt]) => ({ commentId, until: editableUntil(createdAt, ctx.site.settings) }));
      return { identity: identity.kind, commentIds: state.commentIds, editable, votes: state.votes.map((v) => ({ commentId: v.commentId, value: v.value > 0 ? 'up' : 'down' })), moderation };
    },
  );

  app.get('/api/v1/comments/:id', { schema: { summary: 'One comment', tags, params: IdParams, response: { 200: Comment, 404: ErrorBody } } }, async (request) => {
    const row = await getCommentRow(ctx.database.db, (request.params as { id: number }).id);
    if (!row || !isShownRow(row)) throw notFound();
    const article = await requireArticle(ctx, await slugOf(row.article_id));
    return one(article.slug, toCommentView(row));
  });

  app.patch(
    '/api/v1/comments/:id',
    {
      schema: {
        summary: "Edit one's own comment, within the edit window",
        tags,
        params: IdParams,
        body: Type.Object({ body: Type.String({ maxLength: 100_000 }) }),
        response: { 200: Comment, ...errors },
      },
    },
    async (request) => {
      const identity = await resolveIdentity(ctx, request);
      if (!identity) throw new DiscussionError('comment_forbidden', ctx.site.i18n.t('discussion.error.forbidden'));
      const comment = await editComment(ctx, { identity, commentId: (request.params as { id: number }).id, body: (request.body as { body: string }).body });
      return one(await slugOf(comment.articleId), comment);
    },
  );

  app.delete(
    '/api/v1/comments/:id',
    { schema: { summary: "Delete one's own comment (with replies, it stays as a placeholder)", tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const identity = await resolveIdentity(ctx, request);
      if (!identity) throw new DiscussionError('comment_forbidden', ctx.site.i18n.t('discussion.error.forbidden'));
      await deleteComment(ctx, { identity, commentId: (request.params as { id: number }).id });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/comments/:id/vote',
    {
      schema: {
        summary: 'Vote a comment up or down, or take the vote back (none)',
        tags,
        params: IdParams,
        body: Type.Object({ value: VoteValue }),
        response: {
          200: Type.Object({ commentId: Type.Integer(), value: Type.String({ enum: ['up', 'down', 'none'] }), upvotes: Type.Integer(), downvotes: Type.Integer(), score: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const identity = await limits.vote.identify(request, reply);
      return castVote(ctx, { identity, commentId: (request.params as { id: number }).id, value: (request.body as { value: VoteChoice }).value });
    },
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { AppContext } from '../context.js';
import { type CommentSort, commentSorts, defaultCommentSort } from '../features/discussion/cursor.js';
import { isDiscussionOpen } from '../features/discussion/policy.js';
import { type CommentView, getDiscussionArticle } from '../features/discussion/queries.js';
import type { ThreadNode } from '../features/discussion/threads.js';
import { type DiscussionQuery, discussionHref } from '../features/discussion/urls.js';
import type { Identity } from '../shared/identity.js';
import { CommentFragment } from '../views/discussion/comment-fragment.js';
import { VoteForm } from '../views/discussion/comment-item.js';
import { EditCommentForm } from '../views/discussion/edit-comment-page.js';
import { type DiscussionView, type DiscussionViewer, emptyCommentForm } from '../views/discussion/types.js';
import { viewerFor } from './article-page.js';
import { resolveIdentity } from './identity.js';
import { isAnonymous } from './middleware/page-cache.js';
import { siteView } from './site-view.js';

/**
 * `?fragment=1` on the discussion's forms: instead of redirecting back to the page, answer the
 * script that posted with the part of the page that changed, rendered by the page's own view
 * components (one renderer). `sort` is the order the reader's page shows, for the links inside.
 */
export const FragmentQuery = Type.Object({
  fragment: Type.Optional(Type.Unsafe<'1'>({ type: 'string', enum: ['1'] })),
  sort: Type.Optional(Type.Unsafe<CommentSort>({ type: 'string', enum: [...commentSorts] })),
});

export function fragmentWanted(request: FastifyRequest): boolean {
  return (request.query as { fragment?: string } | undefined)?.fragment === '1';
}

/** A fragment is personal (the reader's own controls) and answers one request: never stored. */
export function sendFragment(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

interface Scope {
  articleId: number;
  /** The reader, when known: their controls are rendered. */
  identity: Identity | null;
  /** The address the forms inside come back to (without scripts); the page's when the script sent it. */
  back?: string | null;
}

/** The discussion's view of an article as one reader sees it, for rendering parts of it. */
async function fragmentView(ctx: AppContext, request: FastifyRequest, scope: Scope) {
  const article = await getDiscussionArticle(ctx.database.db, scope.articleId);
  if (!article) return null;
  const sort = (request.query as { sort?: CommentSort } | undefined)?.sort ?? defaultCommentSort;
  const open = isDiscussionOpen(article, ctx.site.settings, ctx.clock.now());
  const [site, viewer] = await Promise.all([siteView(ctx, request), scope.identity ? viewerFor(ctx, article.id, scope.identity) : Promise.resolve(null)]);
  const view: DiscussionView = {
    articleId: article.id,
    slug: article.slug,
    count: Number(article.comments_count),
    open,
    sort,
    mode: { kind: 'list', after: null, threads: [], next: null },
    form: emptyCommentForm(),
    viewer: viewer && !open ? ({ ...viewer, editable: new Set() } satisfies DiscussionViewer) : viewer,
  };
  const here: DiscussionQuery = { sort };
  return { site, view, here, back: scope.back ?? discussionHref(article.slug, here) };
}

const leaf = (comment: CommentView): ThreadNode => ({ comment, replies: [], hiddenReplies: comment.replyCount });

/** Comments as page items, in an <ol> carrying the discussion's heading (see CommentFragment). */
export async function renderComments(ctx: AppContext, request: FastifyRequest, scope: Scope, comments: CommentView[]): Promise<string> {
  const parts = await fragmentView(ctx, request, scope);
  if (!parts) return '';
  return renderToString(CommentFragment({ site: parts.site, view: parts.view, nodes: comments.map(leaf), back: parts.back, here: parts.here }));
}

/** One comment's score and vote buttons, pressed as the reader voted. */
export async function renderVoteForm(ctx: AppContext, request: FastifyRequest, scope: Scope, comment: CommentView): Promise<string> {
  const parts = await fragmentView(ctx, request, scope);
  if (!parts) return '';
  return renderToString(VoteForm({ site: parts.site, view: parts.view, node: leaf(comment), back: parts.back }));
}

/** The edit form, to show in place of the comment. */
export async function renderEditForm(ctx: AppContext, request: FastifyRequest, input: { commentId: number; body: string; back: string; error: string | null }): Promise<string> {
  const site = await siteView(ctx, request);
  return renderToString(EditCommentForm({ site, ...input, inline: true }));
}

/** The reader of a GET, only when the request is personal (a cached page cannot know them). */
export async function personalIdentity(ctx: AppContext, request: FastifyRequest): Promise<Identity | null> {
  return isAnonymous(request) ? null : resolveIdentity(ctx, request);
}

import { Type } from '@sinclair/typebox';
import { renderToString } from 'preact-render-to-string';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { type ArticleFull, getPublishedArticleBySlug, getPublishedArticleRef } from '../features/articles/queries.js';
import { videoOrNull } from '../features/articles/video.js';
import { type CommentSort, commentSorts, defaultCommentSort } from '../features/discussion/cursor.js';
import { listCommentThread } from '../features/discussion/list-comment-thread.js';
import { listComments } from '../features/discussion/list-comments.js';
import { isDiscussionOpen, isWithinEditWindow } from '../features/discussion/policy.js';
import { getCommentRow, getViewerState } from '../features/discussion/queries.js';
import { type CommentFormView, type DiscussionView, type DiscussionViewer, emptyCommentForm } from '../views/discussion/types.js';
import { CommentForm } from '../views/discussion/comment-form.js';
import { DiscussionSection } from '../views/discussion/discussion-section.js';
import { ArticlePage } from '../views/pages/article.js';
import { renderDocument } from '../views/render.js';
import { HttpError } from './errors.js';
import { feedbackBody, loadFeedback } from './feedback-view.js';
import { type Identity, resolveIdentity } from './identity.js';
import { isAnonymous } from './middleware/page-cache.js';
import { ownModeration, withOwnComments } from './moderation-view.js';
import { siteView } from './site-view.js';

/** `?sort=newest|oldest|votes|best&after=<cursor>&thread=<id>&replyto=<id>` on an article page. */
export const DiscussionQuerystring = Type.Object({
  sort: Type.Optional(Type.Unsafe<CommentSort>({ type: 'string', enum: [...commentSorts] })),
  after: Type.Optional(Type.String({ maxLength: 120 })),
  thread: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999_999 })),
  replyto: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999_999 })),
  /** For scripts: only the discussion section, or only the comment form, rendered as on the page. */
  fragment: Type.Optional(Type.Unsafe<DiscussionFragment>({ type: 'string', enum: ['discussion', 'form'] })),
  /** The "Inline Feedbacks" tab: every passage comment instead of the threads (views/feedback). */
  tab: Type.Optional(Type.Unsafe<'feedback'>({ type: 'string', enum: ['feedback'] })),
});

export type DiscussionFragment = 'discussion' | 'form';

export function discussionOptions(query: { sort?: CommentSort; after?: string; thread?: number; replyto?: number; fragment?: DiscussionFragment; tab?: 'feedback' }): DiscussionOptions {
  return { sort: query.sort ?? defaultCommentSort, after: query.after, thread: query.thread, replyto: query.replyto, fragment: query.fragment, tab: query.tab };
}

export interface DiscussionOptions {
  sort: CommentSort;
  after?: string;
  /** Show this comment and all its replies instead of the whole discussion. */
  thread?: number;
  /** The comment the form replies to. */
  replyto?: number;
  /** A refused post, shown back to the reader. */
  form?: Omit<CommentFormView, 'replyTo'>;
  /** Render only this part of the page (an HTML fragment for scripts), not the document. */
  fragment?: DiscussionFragment;
  /** Show the "Inline Feedbacks" tab. */
  tab?: 'feedback';
}

/**
 * The article page with its discussion. Anonymous requests get the page everyone gets (cacheable);
 * a request carrying the reader's cookie is never cached, so it may show their own controls.
 */
export async function renderArticlePage(ctx: AppContext, request: FastifyRequest, article: ArticleFull, options: DiscussionOptions): Promise<string> {
  const db = ctx.database.db;
  const [site, listing, replyRow, viewer, feedback] = await Promise.all([
    siteView(ctx, request),
    options.thread
      ? listCommentThread(ctx, { articleId: article.id, commentId: options.thread, after: options.after }).then((r) => ({
          kind: 'thread' as const,
          threadId: options.thread as number,
          after: options.after ?? null,
          thread: r.thread,
          next: r.next,
        }))
      : // On the "Inline Feedbacks" tab, `after` pages the tab, not the threads.
        listComments(ctx, { articleId: article.id, sort: options.sort, after: options.tab === 'feedback' ? undefined : options.after }).then((r) => ({
          kind: 'list' as const,
          after: options.tab === 'feedback' ? null : (options.after ?? null),
          threads: r.threads,
          next: r.next,
        })),
    options.replyto ? getCommentRow(db, options.replyto) : Promise.resolve(undefined),
    viewerOf(ctx, request, article.id),
    loadFeedback(ctx, article.id, options.tab === 'feedback', options.tab === 'feedback' ? (options.after ?? null) : null),
  ]);
  const replyTo = replyRow && replyRow.article_id === article.id && replyRow.status === 'published' ? { id: replyRow.id, authorName: replyRow.author_name } : null;
  const form: CommentFormView = options.form ? { ...options.form, replyTo } : emptyCommentForm(replyTo);
  const open = isDiscussionOpen({ comments_open: article.commentsOpen ? 1 : 0, published_at: article.publishedAt }, ctx.site.settings, ctx.clock.now());
  const discussion: DiscussionView = {
    articleId: article.id,
    slug: article.slug,
    count: article.commentCount,
    open,
    sort: options.sort,
    mode: withOwnComments(listing, viewer?.ownHidden),
    form,
    viewer: viewer && !open ? { ...viewer, editable: new Set() } : viewer,
    feedback,
  };
  if (options.fragment === 'discussion') return renderToString(DiscussionSection({ site, view: discussion }));
  if (options.fragment === 'form') {
    const here = listing.kind === 'list' ? { sort: options.sort, after: listing.after } : { sort: options.sort, thread: listing.threadId, after: listing.after };
    return renderToString(CommentForm({ site, slug: article.slug, form, here }));
  }
  return renderDocument(ArticlePage({ site, article, bodyHtml: feedbackBody(site, article, feedback, open), video: videoOrNull(article.videoUrl), discussion }));
}

async function viewerOf(ctx: AppContext, request: FastifyRequest, articleId: number): Promise<DiscussionViewer | null> {
  if (isAnonymous(request)) return null;
  const identity = await resolveIdentity(ctx, request);
  return identity ? viewerFor(ctx, articleId, identity) : null;
}

/** What `identity` may do on an article's comments: its own, its votes, the ones it may still edit. */
export async function viewerFor(ctx: AppContext, articleId: number, identity: Identity): Promise<DiscussionViewer> {
  const [state, own] = await Promise.all([getViewerState(ctx.database.db, articleId, identity), ownModeration(ctx, articleId, identity)]);
  const now = ctx.clock.now();
  const editable = new Set([...state.createdAt].filter(([, createdAt]) => isWithinEditWindow(createdAt, ctx.site.settings, now)).map(([id]) => id));
  return { mine: new Set(state.commentIds), votes: new Map(state.votes.map((v) => [v.commentId, v.value])), editable, moderation: own.notices, ownHidden: own.comments };
}

/** A published article's id and slug (following a renamed slug), or 404: all a discussion route needs. */
export async function requireArticleRef(ctx: AppContext, slug: string): Promise<{ id: number; slug: string }> {
  let found = await getPublishedArticleRef(ctx.database.db, slug);
  if (found && 'redirectTo' in found) found = await getPublishedArticleRef(ctx.database.db, found.redirectTo);
  if (!found || 'redirectTo' in found) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundArticle'));
  return found;
}

/** A published article by slug (following a renamed slug), or 404. */
export async function requireArticle(ctx: AppContext, slug: string): Promise<ArticleFull> {
  let found = await getPublishedArticleBySlug(ctx.database.db, slug);
  if (found && 'redirectTo' in found) found = await getPublishedArticleBySlug(ctx.database.db, found.redirectTo);
  if (!found || 'redirectTo' in found) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundArticle'));
  return found.article;
}

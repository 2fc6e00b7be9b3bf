import type { AppContext } from '../context.js';
import type { CommentView } from '../features/discussion/queries.js';
import type { ThreadNode } from '../features/discussion/threads.js';
import { listOwnHiddenComments, mergeOwnComments, type OwnModeration } from '../features/moderation/own-comments.js';
import { reasonText } from '../features/moderation/reasons.js';
import type { I18n } from '../i18n/index.js';
import type { Identity } from '../shared/identity.js';
import type { ModerationNoticeView } from '../views/discussion/moderation-notice.js';

/** Where the author of a comment others do not see finds it: the first page, where it is merged in. */
export function ownCommentHref(slug: string, commentId: number): string {
  return `/articles/${slug}#comment-${commentId}`;
}

export function noticeOf(i18n: I18n, commentId: number, m: OwnModeration): ModerationNoticeView {
  const appealable = (m.state === 'rejected' || m.state === 'removed') && m.appeal === null;
  return { state: m.state, reasons: m.reasons.map((code) => reasonText(i18n, code)), note: m.note, appeal: m.appeal, appealHref: appealable ? `/comments/${commentId}/appeal` : null };
}

/** The reader's own hidden comments on an article, and what they are told about each. */
export async function ownModeration(ctx: AppContext, articleId: number, identity: Identity): Promise<{ comments: CommentView[]; notices: Map<number, ModerationNoticeView> }> {
  const own = await listOwnHiddenComments(ctx.database.db, articleId, identity);
  return { comments: own.map((o) => o.comment), notices: new Map(own.map((o) => [o.comment.id, noticeOf(ctx.site.i18n, o.comment.id, o.moderation)])) };
}

type Listing = { kind: 'list'; after: string | null; threads: ThreadNode[]; next: string | null } | { kind: 'thread'; threadId: number; after: string | null; thread: ThreadNode; next: string | null };

/** The page's listing with the reader's own hidden comments in it (personal pages only). */
export function withOwnComments<L extends Listing>(listing: L, own: readonly CommentView[] | undefined): L {
  if (!own?.length) return listing;
  if (listing.kind === 'list') return { ...listing, threads: mergeOwnComments(listing.threads, own, listing.after === null) };
  const [thread] = mergeOwnComments([listing.thread], own, false);
  return thread ? { ...listing, thread } : listing;
}

/** ownCommentHref for a comment known by its article's id. */
export async function ownCommentLocation(ctx: AppContext, articleId: number, commentId: number): Promise<string> {
  const article = await ctx.database.db.selectFrom('articles').select('slug').where('id', '=', articleId).executeTakeFirstOrThrow();
  return ownCommentHref(article.slug, commentId);
}

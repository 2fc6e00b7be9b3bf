import type { AppContext } from '../../context.js';
import { DiscussionError } from '../discussion/errors.js';
import { type CommentRow, commentColumns, isShown, listReplyRows } from '../discussion/queries.js';
import { buildThread, REPLY_ROWS, shownReplies, type ThreadNode } from '../discussion/threads.js';
import { groupPassages, type Passage } from './passages.js';
import { listPassageSummaries } from './queries.js';

/** The most passage threads the "Inline Feedbacks" tab shows a page ("Load more" shows the next). */
export const FEEDBACK_TAB_LIMIT = 100;

export interface PassageThreads {
  passage: Passage;
  threads: ThreadNode[];
}

/** Threads (each with its first replies, as in the discussion) of the given root comments, by root id. */
async function threadsOf(ctx: AppContext, commentIds: number[]): Promise<Map<number, ThreadNode>> {
  const db = ctx.database.db;
  const out = new Map<number, ThreadNode>();
  if (commentIds.length === 0) return out;
  const roots: CommentRow[] = await db
    .selectFrom('comments')
    .select(commentColumns)
    .where('id', 'in', commentIds)
    .where(isShown)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const replies = await listReplyRows(
    db,
    roots.filter((r) => Number(r.reply_count) > 0).map((r) => r.id),
    REPLY_ROWS,
  );
  for (const root of roots)
    out.set(
      root.id,
      buildThread(
        root,
        shownReplies(
          root,
          replies.filter((r) => r.root_id === root.id),
        ),
      ),
    );
  return out;
}

/**
 * A page of the tab: after the thread `<anchorId>.<index>` (the last one shown, and where it was in
 * the list), so a page is found again even when a thread before it went since. Opaque to readers.
 */
function parseFeedbackCursor(ctx: AppContext, after: string): { anchorId: number; index: number } {
  const m = /^(\d{1,12})\.(\d{1,9})$/.exec(after);
  if (!m) throw new DiscussionError('comment_cursor_invalid', ctx.site.i18n.t('discussion.error.badCursor'));
  return { anchorId: Number(m[1]), index: Number(m[2]) };
}

/**
 * The "Inline Feedbacks" tab: every passage of the article with its comment threads, in the order
 * of the text, then the passages no longer in the article — FEEDBACK_TAB_LIMIT threads a page,
 * `next` the cursor of the page after (null on the last), for `?tab=feedback&after=<cursor>`.
 */
export async function listPassageThreads(
  ctx: AppContext,
  articleId: number,
  options: { after?: string | null; limit?: number } = {},
): Promise<{
  anchored: PassageThreads[];
  orphaned: PassageThreads[];
  total: number;
  truncated: boolean;
  next: string | null;
}> {
  const limit = options.limit ?? FEEDBACK_TAB_LIMIT;
  const summaries = await listPassageSummaries(ctx.database.db, articleId);
  const groups = groupPassages(summaries);
  // Every thread of the tab, in order: its root comment and the anchor that ties it to its passage.
  const all = [...groups.anchored, ...groups.orphaned].flatMap((p) => p.commentIds.map((commentId, i) => ({ commentId, anchorId: p.anchorIds[i] as number })));
  let from = 0;
  if (options.after) {
    const cursor = parseFeedbackCursor(ctx, options.after);
    const at = all.findIndex((x) => x.anchorId === cursor.anchorId);
    from = at >= 0 ? at + 1 : Math.min(cursor.index + 1, all.length);
  }
  const page = all.slice(from, from + limit);
  const last = page[page.length - 1];
  const next = last && from + limit < all.length ? `${last.anchorId}.${from + page.length - 1}` : null;
  const shown = new Set(page.map((x) => x.commentId));
  const threads = await threadsOf(ctx, [...shown]);
  const withThreads = (p: Passage): PassageThreads => ({
    passage: p,
    threads: p.commentIds.flatMap((id) => (shown.has(id) ? (threads.get(id) ?? []) : [])),
  });
  return {
    anchored: groups.anchored.map(withThreads).filter((p) => p.threads.length > 0),
    orphaned: groups.orphaned.map(withThreads).filter((p) => p.threads.length > 0),
    total: summaries.reduce((n, s) => n + s.count, 0),
    truncated: next !== null,
    next,
  };
}

/** One passage (by the id of any of its anchors) with its threads, or null when the article has no such passage to show. */
export async function getPassageThreads(ctx: AppContext, articleId: number, anchorId: number): Promise<PassageThreads | null> {
  const groups = groupPassages(await listPassageSummaries(ctx.database.db, articleId));
  const passage = [...groups.anchored, ...groups.orphaned].find((p) => p.anchorIds.includes(anchorId));
  if (!passage) return null;
  const threads = await threadsOf(ctx, passage.commentIds);
  return {
    passage,
    threads: passage.commentIds.flatMap((id) => threads.get(id) ?? []),
  };
}

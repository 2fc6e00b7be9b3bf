import type { AppContext } from '../../context.js';
import { decodeThreadCursor, encodeThreadCursor } from './cursor.js';
import { DiscussionError } from './errors.js';
import { getCommentRow, isShownRow, listDescendantRows } from './queries.js';
import { buildThread, THREAD_PAGE, type ThreadNode } from './threads.js';

/**
 * One comment with all its replies (where "Show N more replies" leads), a page of 200 replies at a
 * time in thread order; `after` is the cursor of the last reply shown.
 */
export async function listCommentThread(ctx: AppContext, input: { articleId: number; commentId: number; after?: string }): Promise<{ thread: ThreadNode; next: string | null }> {
  const { i18n } = ctx.site;
  let after: string | null = null;
  if (input.after) {
    after = decodeThreadCursor(input.after);
    if (!after) throw new DiscussionError('comment_cursor_invalid', i18n.t('discussion.error.badCursor'));
  }
  const head = await getCommentRow(ctx.database.db, input.commentId);
  if (!head || head.article_id !== input.articleId || !isShownRow(head)) throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
  const rows = await listDescendantRows(ctx.database.db, head, after, THREAD_PAGE + 1);
  const page = rows.slice(0, THREAD_PAGE);
  const last = page[page.length - 1];
  return { thread: buildThread(head, page), next: rows.length > THREAD_PAGE && last ? encodeThreadCursor(last.path) : null };
}

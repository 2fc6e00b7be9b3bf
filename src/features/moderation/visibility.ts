import type { Tx } from '../../db/database.js';
import type { CommentStatus } from '../../db/schema/index.js';
import { isShownRow, plus } from '../discussion/queries.js';

/**
 * Keep the discussion's counters right when moderation changes a comment's status: the article's
 * comments_count (published comments), and the reply_count of the comments above it (shown
 * replies), up the thread for as long as a placeholder's being shown changes with it — the same
 * walk as deleting a comment (discussion/delete-comment.ts), in both directions.
 */
export async function adjustCounters(
  tx: Tx,
  row: { article_id: number; parent_id: number | null; reply_count: number },
  before: CommentStatus,
  after: CommentStatus,
): Promise<void> {
  const published = (after === 'published' ? 1 : 0) - (before === 'published' ? 1 : 0);
  if (published !== 0) await tx.db.updateTable('articles').set({ comments_count: plus('comments_count', published) }).where('id', '=', row.article_id).execute();
  const wasShown = isShownRow({ status: before, reply_count: row.reply_count });
  const nowShown = isShownRow({ status: after, reply_count: row.reply_count });
  if (wasShown === nowShown) return;
  const delta = nowShown ? 1 : -1;
  let parentId = row.parent_id;
  while (parentId !== null) {
    const parent = await tx.db
      .updateTable('comments')
      .set({ reply_count: plus('reply_count', delta) })
      .where('id', '=', parentId)
      .returning(['id', 'parent_id', 'status', 'reply_count'])
      .executeTakeFirst();
    if (!parent) break;
    const before = isShownRow({ status: parent.status, reply_count: Number(parent.reply_count) - delta });
    if (before === isShownRow(parent)) break;
    parentId = parent.parent_id;
  }
}

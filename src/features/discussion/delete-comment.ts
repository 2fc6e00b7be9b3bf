import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { type Identity, voterKey } from '../../shared/identity.js';
import { publishLive } from '../live/publish-live.js';
import { DiscussionError } from './errors.js';
import { writeLog } from '../moderation/audit-log.js';
import { adjustCounters } from '../moderation/visibility.js';
import { commentColumns, isShownRow, ownedBy } from './queries.js';

/**
 * Delete one's own comment, at any time — also one moderation holds, rejected or shadowed. Its text
 * is removed. With replies it stays as a "Comment deleted" placeholder so the thread holds; without,
 * it disappears, and so does any placeholder above it that was kept only for its sake. The counters
 * change only by what was shown (adjustCounters).
 */
export async function deleteComment(ctx: AppContext, input: { identity: Identity; commentId: number }): Promise<{ id: number; articleId: number; placeholder: boolean }> {
  const { i18n } = ctx.site;
  return ctx.database.transaction(async (tx) => {
    let q = tx.db.selectFrom('comments').select(commentColumns).where('id', '=', input.commentId);
    if (tx.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
    // Someone else's comment that is not shown (held, shadowed, removed) does not exist for them.
    if (!ownedBy(input.identity, row)) {
      if (!isShownRow(row)) throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
      throw new DiscussionError('comment_forbidden', i18n.t('discussion.error.forbidden'));
    }
    const placeholder = Number(row.reply_count) > 0;
    if (row.status === 'deleted') return { id: row.id, articleId: row.article_id, placeholder };
    const now = ctx.clock.now();

    await tx.db
      .updateTable('comments')
      // Deleted by its author, not removed by a moderator (moderated_at tells them apart).
      .set({ status: 'deleted', deleted_at: iso(now), body_md: '', body_html: '', author_email: null, moderated_at: null })
      .where('id', '=', row.id)
      .execute();
    // The counters follow what was shown: a comment moderation hid, held or shadowed was already
    // out of the article's count and its parent's replies (moderation/visibility.ts).
    await adjustCounters(tx, { ...row, reply_count: Number(row.reply_count) }, row.status, 'deleted');
    // An open appeal of a removed comment is withdrawn with it: granting it now would publish an
    // empty comment its author chose to delete.
    const withdrawn = await tx.db
      .updateTable('moderation_appeals')
      .set({ status: 'withdrawn', decided_at: iso(now) })
      .where('comment_id', '=', row.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(withdrawn.numUpdatedRows) > 0) await writeLog(tx, now, { actor: null, action: 'appeal_withdraw', commentId: row.id, subject: voterKey(input.identity) });

    tx.onCommit(() => ctx.invalidate([`article:${row.article_id}`, 'comment-counts']));
    tx.onCommit(() => publishLive(ctx, `article:${row.article_id}`, 'comment', { action: 'deleted', commentId: row.id, rootId: row.root_id, parentId: row.parent_id }));
    return { id: row.id, articleId: row.article_id, placeholder };
  });
}

import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { checkCommentBody } from '../discussion/comment-input.js';
import { DiscussionError } from '../discussion/errors.js';
import { publishLive } from '../live/publish-live.js';
import { writeLog } from './audit-log.js';
import type { Moderator } from './review-comments.js';

/**
 * A moderator changes a comment's text (to take out a phone number, say): the comment then shows
 * "edited by moderator", and the log keeps the text as it was.
 */
export async function editCommentAsModerator(ctx: AppContext, input: { actor: Moderator; commentId: number; body: string; note?: string | null }): Promise<void> {
  const { i18n } = ctx.site;
  const body = checkCommentBody(i18n, input.body);
  if ('error' in body) throw new DiscussionError('comment_invalid', i18n.t('discussion.error.invalid'), { body: body.error });
  const now = ctx.clock.now();
  await ctx.database.transaction(async (tx) => {
    const before = await tx.db.selectFrom('comments').select(['id', 'article_id', 'root_id', 'parent_id', 'body_md', 'status']).where('id', '=', input.commentId).executeTakeFirst();
    if (!before) throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
    if (before.body_md === body.markdown) return;
    await tx.db.updateTable('comments').set({ body_md: body.markdown, body_html: body.html, moderator_edited_at: iso(now) }).where('id', '=', before.id).execute();
    await writeLog(tx, now, { actor: input.actor, action: 'edit', commentId: before.id, note: input.note ?? null, detail: { before: before.body_md.slice(0, 10_000) } });
    if (before.status === 'published') {
      tx.onCommit(() => ctx.invalidate([`article:${before.article_id}`]));
      tx.onCommit(() => publishLive(ctx, `article:${before.article_id}`, 'comment', { action: 'updated', commentId: before.id, rootId: before.root_id, parentId: before.parent_id }));
    }
  });
}

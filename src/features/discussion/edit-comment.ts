import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import type { Identity } from '../../shared/identity.js';
import { publishLive } from '../live/publish-live.js';
import { moderateComment } from '../moderation/moderate-comment.js';
import { adjustCounters } from '../moderation/visibility.js';
import { checkCommentBody } from './comment-input.js';
import { DiscussionError } from './errors.js';
import { discussionLimits, isDiscussionOpen, isWithinEditWindow } from './policy.js';
import { type CommentRow, type CommentView, commentColumns, getDiscussionArticle, ownedBy, toCommentView } from './queries.js';

export interface EditCommentInput {
  identity: Identity;
  commentId: number;
  body: string;
}

/** The comment, if `identity` may change it now; otherwise the reason, as a DiscussionError. */
export async function getEditableComment(ctx: AppContext, identity: Identity | null, commentId: number): Promise<CommentRow & { body_md: string; author_email: string | null; ip: string | null }> {
  const { i18n, settings } = ctx.site;
  const row = await ctx.database.db.selectFrom('comments').select([...commentColumns, 'body_md', 'author_email', 'ip']).where('id', '=', commentId).executeTakeFirst();
  if (!row || row.status === 'pending' || row.status === 'rejected' || row.status === 'spam') throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
  if (!identity || !ownedBy(identity, row)) throw new DiscussionError('comment_forbidden', i18n.t('discussion.error.forbidden'));
  if (row.status === 'deleted') throw new DiscussionError('comment_deleted', i18n.t('discussion.error.deleted'));
  if (!isWithinEditWindow(row.created_at, settings, ctx.clock.now())) {
    const minutes = discussionLimits(settings).editWindowMs / 60_000;
    throw new DiscussionError('comment_edit_window_closed', i18n.t('discussion.error.editWindow', { minutes }));
  }
  const article = await getDiscussionArticle(ctx.database.db, row.article_id);
  if (!article || !isDiscussionOpen(article, settings, ctx.clock.now())) throw new DiscussionError('discussion_closed', i18n.t('discussion.error.closed'));
  return row;
}

/** Change a comment's text: its author only, within the edit window; "(edited)" shows afterwards. */
export async function editComment(ctx: AppContext, input: EditCommentInput): Promise<CommentView> {
  const { i18n } = ctx.site;
  // Whether one may edit first: a stranger hears "not yours", not what is wrong with the text.
  const current = await getEditableComment(ctx, input.identity, input.commentId);
  const body = checkCommentBody(i18n, input.body);
  if ('error' in body) throw new DiscussionError('comment_invalid', i18n.t('discussion.error.invalid'), { body: body.error });
  if (current.body_md === body.markdown) return toCommentView(current);
  return ctx.database.transaction(async (tx) => {
    // The edited text goes through moderation again: it may now be held or rejected (features/moderation).
    const article = await getDiscussionArticle(tx.db, current.article_id);
    if (!article) throw new DiscussionError('discussion_closed', i18n.t('discussion.error.closed'));
    const email = current.author_email ?? (input.identity.kind === 'user' ? ((await tx.db.selectFrom('users').select('email').where('id', '=', input.identity.userId).executeTakeFirst())?.email ?? null) : null);
    const moderation = await moderateComment(ctx, tx, { kind: 'edit', identity: input.identity, article, markdown: body.markdown, email, ip: current.ip, commentId: current.id });
    const status = moderation.status === 'published' || moderation.status === 'shadow' ? current.status : moderation.status;
    const row = await tx.db
      .updateTable('comments')
      .set({ body_md: body.markdown, body_html: body.html, edited_at: iso(ctx.clock.now()), status, flags: moderation.flagsJson })
      .where('id', '=', current.id)
      .where('status', '=', current.status)
      .returning(commentColumns)
      .executeTakeFirst();
    if (!row) throw new DiscussionError('comment_deleted', i18n.t('discussion.error.deleted'));
    if (status !== current.status) await adjustCounters(tx, row, current.status, status);
    await moderation.record(tx, row.id);
    const action = status === current.status ? 'updated' : 'deleted';
    tx.onCommit(() => ctx.invalidate([`article:${row.article_id}`, ...(action === 'deleted' ? ['comment-counts'] : [])]));
    tx.onCommit(() => publishLive(ctx, `article:${row.article_id}`, 'comment', { action, commentId: row.id, rootId: row.root_id, parentId: row.parent_id }));
    return toCommentView(row);
  });
}

import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { type Identity, voterKey } from '../../shared/identity.js';
import { DiscussionError } from '../discussion/errors.js';
import { ownedBy } from '../discussion/queries.js';
import { writeLog } from './audit-log.js';
import { ModerationError } from './errors.js';
import { type Moderator, reviewInTransaction } from './review-comments.js';

export const APPEAL_MAX = 2000;

/** The comment an appeal would be about, if `identity` may appeal it now (its author, after a rejection or removal). */
export async function getAppealableComment(ctx: AppContext, identity: Identity | null, commentId: number) {
  const { i18n } = ctx.site;
  const row = await ctx.database.db
    .selectFrom('comments')
    .leftJoin('moderation_appeals', 'moderation_appeals.comment_id', 'comments.id')
    .select([
      'comments.id',
      'comments.article_id',
      'comments.author_user_id',
      'comments.guest_id',
      'comments.status',
      'comments.moderated_at',
      'comments.moderation_reason',
      'comments.flags',
      'comments.body_html',
      'moderation_appeals.id as appeal_id',
    ])
    .where('comments.id', '=', commentId)
    .executeTakeFirst();
  if (!row) throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
  if (!identity || !ownedBy(identity, row)) throw new ModerationError('appeal_forbidden', i18n.t('moderation.error.notYours'));
  const removed = row.status === 'rejected' || row.status === 'spam' || (row.status === 'deleted' && row.moderated_at !== null);
  if (!removed) throw new ModerationError('appeal_not_needed', i18n.t('moderation.error.nothingToAppeal'));
  if (row.appeal_id !== null) throw new ModerationError('appeal_exists', i18n.t('moderation.error.appealExists'));
  return row;
}

/** The author of a rejected or removed comment asks for another look: one appeal per comment, into the queue's Appeals tab. */
export async function submitAppeal(ctx: AppContext, input: { identity: Identity; commentId: number; body: string }): Promise<{ id: number }> {
  const { i18n } = ctx.site;
  const body = input.body.trim();
  if (!body) throw new ModerationError('moderation_invalid', i18n.t('discussion.error.invalid'), { body: i18n.t('moderation.error.appealEmpty') });
  if (body.length > APPEAL_MAX) throw new ModerationError('moderation_invalid', i18n.t('discussion.error.invalid'), { body: i18n.t('moderation.error.tooLong', { max: APPEAL_MAX }) });
  await getAppealableComment(ctx, input.identity, input.commentId);
  const now = ctx.clock.now();
  return ctx.database.transaction(async (tx) => {
    const inserted = await tx.db
      .insertInto('moderation_appeals')
      .values({ comment_id: input.commentId, appellant: voterKey(input.identity), body, status: 'open', created_at: iso(now) })
      .onConflict((oc) => oc.column('comment_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ModerationError('appeal_exists', i18n.t('moderation.error.appealExists'));
    await writeLog(tx, now, { actor: null, action: 'appeal', commentId: input.commentId, subject: voterKey(input.identity), note: body.slice(0, 500) });
    return { id: inserted.id };
  });
}

/** A moderator decides an open appeal: granted publishes the comment (an approval), denied keeps the decision. Both are logged. */
export async function decideAppeal(ctx: AppContext, input: { actor: Moderator; commentId: number; grant: boolean; note?: string | null }): Promise<void> {
  const { i18n } = ctx.site;
  const now = ctx.clock.now();
  const note = input.note?.trim().slice(0, 1000) || null;
  const appeal = await ctx.database.db.selectFrom('moderation_appeals').select(['id', 'status']).where('comment_id', '=', input.commentId).executeTakeFirst();
  if (!appeal || appeal.status !== 'open') throw new ModerationError('appeal_not_found', i18n.t('moderation.error.appealNotFound'));
  await ctx.database.transaction(async (tx) => {
    // Decided first, and only if still open: an appeal withdrawn meanwhile (its author deleted the
    // comment) must not publish the emptied comment.
    const decided = await tx.db
      .updateTable('moderation_appeals')
      .set({ status: input.grant ? 'granted' : 'denied', decided_at: iso(now), decided_by: input.actor.id, decision_note: note })
      .where('id', '=', appeal.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) === 0) throw new ModerationError('appeal_not_found', i18n.t('moderation.error.appealNotFound'));
    if (input.grant) await reviewInTransaction(ctx, tx, { actor: input.actor, commentIds: [input.commentId], action: 'approve', reason: null, note, logAs: 'appeal_grant' });
    else await writeLog(tx, now, { actor: input.actor, action: 'appeal_deny', commentId: input.commentId, note });
  });
}

import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { CommentStatus } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { publishLive } from '../live/publish-live.js';
import { notifyForComment } from '../notifications/notify-for-comment.js';
import { type LogAction, writeLog } from './audit-log.js';
import { ModerationError } from './errors.js';
import { isPolicyCode, type PolicyCode } from './reasons.js';
import { adjustCounters } from './visibility.js';

export type ReviewAction = 'approve' | 'reject' | 'spam' | 'delete';
export const reviewActions: readonly ReviewAction[] = ['approve', 'reject', 'spam', 'delete'];

const statusAfter: Record<ReviewAction, CommentStatus> = { approve: 'published', reject: 'rejected', spam: 'spam', delete: 'deleted' };

export interface Moderator {
  id: number;
  name: string;
}

export interface ReviewInput {
  actor: Moderator;
  commentIds: number[];
  action: ReviewAction;
  /** A policy point shown to the author (rejections and deletions). */
  reason?: PolicyCode | null;
  note?: string | null;
  /** Logged as this action instead (an appeal granted is an approval). */
  logAs?: LogAction;
}

export const MAX_BULK = 200;
export const NOTE_MAX = 1000;

/**
 * Approve, reject, mark as spam or delete comments, one or many, in one transaction: each gets its
 * new status, who decided, why and when; open reports on it are resolved; the discussion's counters
 * follow; every change is in the audit log. After commit, the article's pages are invalidated and
 * live readers hear of comments appearing or going. A held comment approved notifies followers
 * (notifyForComment) in the same transaction. Returns how many comments changed.
 */
export async function reviewComments(ctx: AppContext, input: ReviewInput): Promise<{ changed: number }> {
  const { i18n } = ctx.site;
  const ids = [...new Set(input.commentIds)].slice(0, MAX_BULK);
  if (!ids.length) throw new ModerationError('moderation_invalid', i18n.t('moderation.error.nothingSelected'));
  const reason = input.action === 'approve' ? null : isPolicyCode(input.reason) ? input.reason : null;
  const note = input.note?.trim().slice(0, NOTE_MAX) || null;
  return ctx.database.transaction((tx) => reviewInTransaction(ctx, tx, { ...input, commentIds: ids, reason, note }));
}

/** reviewComments inside a transaction the caller holds (an appeal granted is decided with its approval). */
export async function reviewInTransaction(ctx: AppContext, tx: Tx, input: ReviewInput): Promise<{ changed: number }> {
  let changed = 0;
  for (const id of input.commentIds) if (await reviewOne(ctx, tx, id, input)) changed++;
  return { changed };
}

async function reviewOne(ctx: AppContext, tx: Tx, id: number, input: ReviewInput): Promise<boolean> {
  const now = ctx.clock.now();
  let q = tx.db.selectFrom('comments').select(['id', 'article_id', 'parent_id', 'root_id', 'reply_count', 'status', 'report_count', 'moderated_at']).where('id', '=', id);
  if (tx.dialect === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return false;
  const before = row.status;
  const after = statusAfter[input.action];
  // A comment its author deleted stays theirs to delete; moderation does not bring it back.
  if (before === 'deleted' && row.moderated_at === null) return false;
  if (before === after && Number(row.report_count) === 0) return false;
  await tx.db
    .updateTable('comments')
    .set({ status: after, moderated_at: iso(now), moderated_by: input.actor.id, moderation_reason: input.reason ?? null, moderation_note: input.note ?? null, report_count: 0 })
    .where('id', '=', id)
    .execute();
  await tx.db.updateTable('comment_reports').set({ resolved_at: iso(now) }).where('comment_id', '=', id).where('resolved_at', 'is', null).execute();
  if (before !== after) await adjustCounters(tx, { ...row, reply_count: Number(row.reply_count) }, before, after);
  await writeLog(tx, now, { actor: input.actor, action: input.logAs ?? input.action, commentId: id, reason: input.reason ?? null, note: input.note ?? null, detail: { from: before, to: after } });
  const wasPublic = before === 'published';
  const isPublic = after === 'published';
  if (isPublic && !wasPublic) {
    // "Notify of": followers hear of a comment once it is shown (never for a held one before).
    await notifyForComment(tx, ctx, id);
    onCommentApproved(tx, ctx, row);
  } else if (wasPublic && !isPublic) {
    tx.onCommit(() => publishLive(ctx, `article:${row.article_id}`, 'comment', { action: 'deleted', commentId: id, rootId: row.root_id, parentId: row.parent_id }));
  }
  if (wasPublic !== isPublic || before !== after) tx.onCommit(() => ctx.invalidate([`article:${row.article_id}`, 'comment-counts']));
  return true;
}

/** A comment became visible: live readers get it like a new one. */
function onCommentApproved(tx: Tx, ctx: AppContext, row: { id: number; article_id: number; root_id: number; parent_id: number | null }): void {
  tx.onCommit(() => publishLive(ctx, `article:${row.article_id}`, 'comment', { action: 'created', commentId: row.id, rootId: row.root_id, parentId: row.parent_id }));
}

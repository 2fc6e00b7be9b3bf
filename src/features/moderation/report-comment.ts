import type { AppContext } from '../../context.js';
import type { ReportReason } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { type Identity, voterKey } from '../../shared/identity.js';
import { publishLive } from '../live/publish-live.js';
import { DiscussionError } from '../discussion/errors.js';
import { ownedBy } from '../discussion/queries.js';
import { writeLog } from './audit-log.js';
import { currentModeration } from './current-settings.js';
import { ModerationError } from './errors.js';
import { parseFlags } from './verdict.js';
import { adjustCounters } from './visibility.js';

export const reportReasons: readonly ReportReason[] = ['spam', 'abuse', 'off_topic', 'other'];
export const REPORT_NOTE_MAX = 1000;

export interface ReportInput {
  identity: Identity;
  commentId: number;
  reason: string;
  note?: string;
}

/**
 * A reader reports a comment: one report per identity per comment (a second is accepted and
 * changes nothing). When a published comment reaches the site's number of open reports, it is held
 * for review, and the hold is in the audit log as the system's.
 */
export async function reportComment(ctx: AppContext, input: ReportInput): Promise<{ created: boolean; held: boolean }> {
  const { i18n } = ctx.site;
  const reason = reportReasons.find((r) => r === input.reason);
  const note = (input.note ?? '').trim();
  const fields: Record<string, string> = {};
  if (!reason) fields.reason = i18n.t('moderation.error.reportReason');
  if (note.length > REPORT_NOTE_MAX) fields.note = i18n.t('moderation.error.tooLong', { max: REPORT_NOTE_MAX });
  if (!reason || Object.keys(fields).length) throw new ModerationError('moderation_invalid', i18n.t('discussion.error.invalid'), fields);
  const now = ctx.clock.now();
  return ctx.database.transaction(async (tx) => {
    const { settings } = await currentModeration(ctx, tx.db);
    let q = tx.db.selectFrom('comments').select(['id', 'article_id', 'parent_id', 'root_id', 'reply_count', 'status', 'author_user_id', 'guest_id', 'flags', 'report_count']).where('id', '=', input.commentId);
    if (tx.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row || row.status !== 'published') throw new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
    if (ownedBy(input.identity, row)) throw new ModerationError('report_own_comment', i18n.t('moderation.error.reportOwn'));
    const inserted = await tx.db
      .insertInto('comment_reports')
      .values({ comment_id: row.id, reporter: voterKey(input.identity), reason, note, created_at: iso(now) })
      .onConflict((oc) => oc.columns(['comment_id', 'reporter']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { created: false, held: false };
    const open = Number(row.report_count) + 1;
    const holdAt = settings.reports.holdAt;
    const held = holdAt > 0 && open >= holdAt;
    const flags = held ? [...parseFlags(row.flags), { rule: 'reports', action: 'hold' as const, reason: 'reported' as const, detail: `${open} reports` }] : null;
    await tx.db
      .updateTable('comments')
      .set({ report_count: open, ...(held && flags ? { status: 'pending' as const, flags: JSON.stringify(flags) } : {}) })
      .where('id', '=', row.id)
      .execute();
    if (held) {
      await adjustCounters(tx, { ...row, reply_count: Number(row.reply_count) }, 'published', 'pending');
      await writeLog(tx, now, { actor: null, action: 'report_hold', commentId: row.id, reason: 'reported', detail: { reports: open } });
      tx.onCommit(() => ctx.invalidate([`article:${row.article_id}`, 'comment-counts']));
      tx.onCommit(() => publishLive(ctx, `article:${row.article_id}`, 'comment', { action: 'deleted', commentId: row.id, rootId: row.root_id, parentId: row.parent_id }));
    }
    return { created: true, held };
  });
}

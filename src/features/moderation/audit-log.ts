import type { Tx } from '../../db/database.js';
import { iso } from '../../shared/clock.js';

/** What a log entry records. `actor` null: the pipeline or the reports threshold ("system"), or for an appeal the comment's author. */
export type LogAction =
  | 'approve'
  | 'reject'
  | 'spam'
  | 'delete'
  | 'edit'
  | 'hold'
  | 'auto_reject'
  | 'auto_spam'
  | 'auto_shadow'
  | 'report_hold'
  | 'ban'
  | 'shadow_ban'
  | 'lift_ban'
  | 'appeal'
  | 'appeal_grant'
  | 'appeal_deny'
  | 'appeal_withdraw'
  | 'settings';

export const logActions: readonly LogAction[] = [
  'approve',
  'reject',
  'spam',
  'delete',
  'edit',
  'hold',
  'auto_reject',
  'auto_spam',
  'auto_shadow',
  'report_hold',
  'ban',
  'shadow_ban',
  'lift_ban',
  'appeal',
  'appeal_grant',
  'appeal_deny',
  'appeal_withdraw',
  'settings',
];

export interface LogEntry {
  actor: { id: number; name: string } | null;
  action: LogAction;
  commentId?: number | null;
  subject?: string | null;
  reason?: string | null;
  note?: string | null;
  detail?: Record<string, unknown>;
}

/** Append one entry to the moderation log, in the transaction of the change it records. */
export async function writeLog(tx: Tx, now: Date, entry: LogEntry): Promise<void> {
  await tx.db
    .insertInto('moderation_log')
    .values({
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.name ?? (entry.action === 'appeal' || entry.action === 'appeal_withdraw' ? 'author' : 'system'),
      action: entry.action,
      comment_id: entry.commentId ?? null,
      subject: entry.subject ?? null,
      reason: entry.reason ?? null,
      note: entry.note?.trim() ? entry.note.trim().slice(0, 2000) : null,
      detail: JSON.stringify(entry.detail ?? {}),
      created_at: iso(now),
    })
    .execute();
}

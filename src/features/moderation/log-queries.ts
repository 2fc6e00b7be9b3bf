import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.js';

export interface LogFilter {
  /** An account id, or 'system' for the pipeline's own decisions. */
  actor?: number | 'system';
  action?: string;
  commentId?: number;
  /** UTC ISO bounds, inclusive from, exclusive to. */
  from?: string;
  to?: string;
}

export interface LogRow {
  id: number;
  actorId: number | null;
  actorName: string;
  action: string;
  commentId: number | null;
  subject: string | null;
  reason: string | null;
  note: string | null;
  detail: string;
  createdAt: string;
}

export const LOG_PAGE = 50;

/** The audit log, newest first, filtered; a page of 50 after the entry `before` (an id). */
export async function listModerationLog(db: Kysely<DB>, filter: LogFilter, before?: number): Promise<{ rows: LogRow[]; next: number | null }> {
  let q = db.selectFrom('moderation_log').selectAll();
  if (filter.actor === 'system') q = q.where('actor_id', 'is', null).where('action', '!=', 'appeal');
  else if (filter.actor !== undefined) q = q.where('actor_id', '=', filter.actor);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.commentId !== undefined) q = q.where('comment_id', '=', filter.commentId);
  if (filter.from) q = q.where('created_at', '>=', filter.from);
  if (filter.to) q = q.where('created_at', '<', filter.to);
  if (before !== undefined) q = q.where('id', '<', before);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(LOG_PAGE + 1)
    .execute();
  const page = rows.slice(0, LOG_PAGE).map((r) => ({
    id: r.id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    commentId: r.comment_id,
    subject: r.subject,
    reason: r.reason,
    note: r.note,
    detail: r.detail,
    createdAt: r.created_at,
  }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > LOG_PAGE && last ? last.id : null };
}

/** Everyone who has acted in the log, for the filter. */
export async function listLogActors(db: Kysely<DB>): Promise<Array<{ id: number; name: string }>> {
  const rows = await db.selectFrom('moderation_log').select(['actor_id', 'actor_name']).where('actor_id', 'is not', null).groupBy(['actor_id', 'actor_name']).orderBy('actor_name').execute();
  const seen = new Map<number, string>();
  for (const r of rows) if (r.actor_id !== null && !seen.has(r.actor_id)) seen.set(r.actor_id, r.actor_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

import type { Kysely } from 'kysely';
import type { AppealStatus, DB } from '../../db/schema/index.js';
import type { Identity } from '../../shared/identity.js';
import { type CommentRow, type CommentView, commentColumns, toCommentView } from '../discussion/queries.js';
import type { ThreadNode } from '../discussion/threads.js';
import { flagReasons } from './reasons.js';
import { parseFlags } from './verdict.js';

/** How a comment the public does not see looks to its author. */
export interface OwnModeration {
  /** pending: "Awaiting moderation"; rejected / removed: a statement of reasons and how to appeal; shadow: looks published. */
  state: 'pending' | 'rejected' | 'removed' | 'shadow';
  /** Reason codes (rule reasons or a moderator's policy point), for moderation/reasons.ts. */
  reasons: string[];
  /** The moderator's own words, if any. */
  note: string | null;
  appeal: AppealStatus | null;
}

export interface OwnHiddenComment {
  comment: CommentView;
  moderation: OwnModeration;
}

/**
 * The reader's own comments on an article that others do not see (held, rejected, removed by a
 * moderator, shadow-banned), with why: only ever for the reader's personal, uncached page and /me.
 */
export async function listOwnHiddenComments(db: Kysely<DB>, articleId: number, identity: Identity): Promise<OwnHiddenComment[]> {
  let q = db
    .selectFrom('comments')
    .leftJoin('moderation_appeals', 'moderation_appeals.comment_id', 'comments.id')
    .select(commentColumns.map((c) => `comments.${c}` as const))
    .select(['comments.body_html as full_html', 'comments.flags', 'comments.moderation_reason', 'comments.moderation_note', 'comments.moderated_at', 'moderation_appeals.status as appeal'])
    .where('comments.article_id', '=', articleId)
    .where((eb) =>
      eb.or([eb('comments.status', 'in', ['pending', 'rejected', 'spam', 'shadow']), eb.and([eb('comments.status', '=', 'deleted'), eb('comments.moderated_at', 'is not', null)])]),
    );
  q = identity.kind === 'user' ? q.where('comments.author_user_id', '=', identity.userId) : q.where('comments.guest_id', '=', identity.guestId);
  const rows = await q.orderBy('comments.id').limit(200).execute();
  return rows.map((r) => {
    const row = r as CommentRow;
    const state: OwnModeration['state'] = r.status === 'pending' ? 'pending' : r.status === 'shadow' ? 'shadow' : r.status === 'deleted' ? 'removed' : 'rejected';
    const reasons = r.moderation_reason ? [r.moderation_reason] : state === 'rejected' ? flagReasons(parseFlags(r.flags), ['reject']) : [];
    // The author sees their own words, and a shadow-banned comment as if it were published.
    const comment: CommentView = { ...toCommentView({ ...row, status: 'published' }), bodyHtml: r.full_html, status: state === 'shadow' ? 'published' : r.status };
    return { comment, moderation: { state, reasons, note: r.moderation_note, appeal: r.appeal ?? null } };
  });
}

/**
 * The page's threads with the reader's own hidden comments where they belong: in place of their
 * placeholder, under their parent when it is on the page, or (when `atTop`, the first page) first.
 */
export function mergeOwnComments(threads: ThreadNode[], own: readonly CommentView[], atTop: boolean): ThreadNode[] {
  if (!own.length) return threads;
  const byId = new Map<number, ThreadNode>();
  const walk = (nodes: ThreadNode[]) => {
    for (const n of nodes) {
      byId.set(n.comment.id, n);
      walk(n.replies);
    }
  };
  walk(threads);
  const top: ThreadNode[] = [];
  for (const comment of own) {
    const existing = byId.get(comment.id);
    if (existing) {
      existing.comment = comment;
      continue;
    }
    const node: ThreadNode = { comment, replies: [], hiddenReplies: 0 };
    const parent = comment.parentId === null ? undefined : byId.get(comment.parentId);
    if (parent) parent.replies.push(node);
    else if (atTop) top.unshift({ ...node, comment: { ...comment, parentId: null } });
    else continue;
    byId.set(comment.id, node);
  }
  return [...top, ...threads];
}

import { pathIds } from './path.js';
import { type CommentRow, type CommentView, toCommentView } from './queries.js';

/** A comment and the replies shown under it; `hiddenReplies` direct replies are behind "Show N more replies". */
export interface ThreadNode {
  comment: CommentView;
  replies: ThreadNode[];
  hiddenReplies: number;
}

/** On a list page, each thread shows its first 3 direct replies with their own replies… */
export const REPLIES_SHOWN = 3;
/** …but never more than this many rows of replies per thread; the rest is one link away. */
export const REPLY_ROWS = 25;
/** Replies per page when one thread is shown on its own. */
export const THREAD_PAGE = 200;

/** The replies a list page shows for `root`: `rows` (its replies in thread order) up to the 4th direct reply. */
export function shownReplies(root: Pick<CommentRow, 'depth'>, rows: CommentRow[]): CommentRow[] {
  const out: CommentRow[] = [];
  let direct = 0;
  for (const row of rows) {
    if (row.depth === root.depth + 1 && ++direct > REPLIES_SHOWN) break;
    out.push(row);
  }
  return out;
}

/**
 * The tree under `head` from its descendants in thread order. A row whose parent is not among them
 * (a later page of a long thread) hangs under its nearest ancestor that is.
 */
export function buildThread(head: CommentRow, rows: CommentRow[]): ThreadNode {
  const top: ThreadNode = { comment: toCommentView(head), replies: [], hiddenReplies: 0 };
  const byId = new Map<number, ThreadNode>([[head.id, top]]);
  const direct = new Map<number, number>();
  for (const row of rows) {
    const node: ThreadNode = { comment: toCommentView(row), replies: [], hiddenReplies: 0 };
    const ancestors = pathIds(row.path).slice(0, -1).reverse();
    const parent = ancestors.map((id) => byId.get(id)).find((n) => n !== undefined) ?? top;
    parent.replies.push(node);
    byId.set(row.id, node);
    if (row.parent_id !== null) direct.set(row.parent_id, (direct.get(row.parent_id) ?? 0) + 1);
  }
  for (const node of byId.values()) node.hiddenReplies = Math.max(0, node.comment.replyCount - (direct.get(node.comment.id) ?? 0));
  return top;
}

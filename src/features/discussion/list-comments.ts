import type { AppContext } from '../../context.js';
import { type CommentSort, decodeListCursor, encodeListCursor, type ListCursor } from './cursor.js';
import { DiscussionError } from './errors.js';
import { discussionLimits } from './policy.js';
import { type CommentRow, listReplyRows, listTopLevelRows } from './queries.js';
import { buildThread, REPLY_ROWS, shownReplies, type ThreadNode } from './threads.js';

export interface CommentPage {
  sort: CommentSort;
  threads: ThreadNode[];
  /** The cursor of the next page ("Load more"), or null on the last page. */
  next: string | null;
}

export function cursorOf(sort: CommentSort, row: CommentRow): ListCursor {
  if (sort === 'votes') return { sort, score: Number(row.score), id: row.id };
  if (sort === 'best') return { sort, wilson: Number(row.wilson), id: row.id };
  return { sort, createdAt: row.created_at, id: row.id };
}

/** Decode `after` for `sort`, or explain that it is not a position in this discussion. */
export function parseAfter(ctx: AppContext, sort: CommentSort, after: string | undefined): ListCursor | null {
  if (after === undefined || after === '') return null;
  const cursor = decodeListCursor(sort, after);
  if (!cursor) throw new DiscussionError('comment_cursor_invalid', ctx.site.i18n.t('discussion.error.badCursor'));
  return cursor;
}

/**
 * A page of an article's discussion: top-level comments in `sort` order after the cursor (an index
 * range read), and the first replies of each thread (one more query, whatever the page size).
 */
export async function listComments(ctx: AppContext, input: { articleId: number; sort: CommentSort; after?: string }): Promise<CommentPage> {
  const cursor = parseAfter(ctx, input.sort, input.after);
  const { perPage } = discussionLimits(ctx.site.settings);
  const db = ctx.database.db;
  const rows = await listTopLevelRows(db, input.articleId, input.sort, cursor, perPage + 1);
  const roots = rows.slice(0, perPage);
  const replies = await listReplyRows(
    db,
    roots.filter((r) => Number(r.reply_count) > 0).map((r) => r.id),
    REPLY_ROWS,
  );
  const byRoot = new Map<number, CommentRow[]>();
  for (const reply of replies) {
    const list = byRoot.get(reply.root_id);
    if (list) list.push(reply);
    else byRoot.set(reply.root_id, [reply]);
  }
  const threads = roots.map((root) => buildThread(root, shownReplies(root, byRoot.get(root.id) ?? [])));
  const last = roots[roots.length - 1];
  const next = rows.length > perPage && last ? encodeListCursor(cursorOf(input.sort, last)) : null;
  return { sort: input.sort, threads, next };
}

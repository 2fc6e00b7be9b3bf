import type { AppContext } from '../../context.js';
import { type CommentSort, defaultCommentSort, encodeListCursor, encodeThreadCursor } from './cursor.js';
import { DiscussionError } from './errors.js';
import { cursorOf } from './list-comments.js';
import { discussionLimits } from './policy.js';
import { countBefore, countDescendantsBefore, getCommentRow, isShownRow, listDescendantRows, listReplyRows, listTopLevelRows } from './queries.js';
import { REPLY_ROWS, shownReplies, THREAD_PAGE } from './threads.js';
import { type DiscussionQuery, discussionHref } from './urls.js';

export interface CommentLocation {
  articleId: number;
  slug: string;
  query: DiscussionQuery;
  /** The page and anchor that show the comment: /articles/<slug>?after=…#comment-<id> */
  href: string;
}

/**
 * Where a comment is shown: the page of its thread in `sort` order (pages are the same ones "Load
 * more" walks through, so they share cache entries), or, for a reply collapsed behind "Show N more
 * replies", the page of its thread shown on its own.
 */
export async function getCommentLocation(ctx: AppContext, input: { commentId: number; sort?: CommentSort }): Promise<CommentLocation> {
  const { i18n } = ctx.site;
  const db = ctx.database.db;
  const sort = input.sort ?? defaultCommentSort;
  const notFound = () => new DiscussionError('comment_not_found', i18n.t('discussion.error.notFound'));
  const comment = await getCommentRow(db, input.commentId);
  if (!comment || !isShownRow(comment)) throw notFound();
  const article = await db.selectFrom('articles').select(['id', 'slug']).where('id', '=', comment.article_id).where('status', '=', 'published').executeTakeFirst();
  const root = comment.id === comment.root_id ? comment : await getCommentRow(db, comment.root_id);
  if (!article || !root || !isShownRow(root)) throw notFound();

  const anchor = `comment-${comment.id}`;
  const shownOnList = comment.id === root.id || shownReplies(root, await listReplyRows(db, [root.id], REPLY_ROWS)).some((r) => r.id === comment.id);
  let query: DiscussionQuery;
  if (shownOnList) {
    const { perPage } = discussionLimits(ctx.site.settings);
    const page = Math.floor((await countBefore(db, root, sort)) / perPage);
    let after: string | null = null;
    if (page > 0) {
      // The cursor "Load more" would carry to this page: the last thread of the page before.
      const [previous] = await listTopLevelRows(db, root.article_id, sort, null, 1, page * perPage - 1);
      if (previous) after = encodeListCursor(cursorOf(sort, previous));
    }
    query = { sort, after };
  } else {
    const position = await countDescendantsBefore(db, root, comment.path);
    const page = Math.floor(position / THREAD_PAGE);
    let after: string | null = null;
    if (page > 0) {
      const [previous] = await listDescendantRows(db, root, null, 1, page * THREAD_PAGE - 1);
      if (previous) after = encodeThreadCursor(previous.path);
    }
    query = { sort, thread: root.id, after };
  }
  return { articleId: article.id, slug: article.slug, query, href: discussionHref(article.slug, query, anchor) };
}


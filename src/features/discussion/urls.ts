import { type CommentSort, defaultCommentSort } from './cursor.js';

export interface DiscussionQuery {
  sort?: CommentSort;
  after?: string | null;
  thread?: number | null;
  replyto?: number | null;
}

/**
 * The address of an article page showing a given part of its discussion. The default sort is left
 * out, so every link to the first page shares one URL (and one cache entry).
 */
export function discussionHref(slug: string, query: DiscussionQuery = {}, anchor?: string): string {
  const params = new URLSearchParams();
  if (query.sort && query.sort !== defaultCommentSort) params.set('sort', query.sort);
  if (query.thread) params.set('thread', String(query.thread));
  if (query.after) params.set('after', query.after);
  if (query.replyto) params.set('replyto', String(query.replyto));
  const search = params.toString();
  return `/articles/${slug}${search ? `?${search}` : ''}${anchor ? `#${anchor}` : ''}`;
}

/**
 * Sorts of a discussion and the cursors that page through it. A cursor names the last top-level
 * comment of the page before (its sort key and id), so a page is an index range read, and a comment
 * posted meanwhile never shifts what "Load more" shows. Cursors are short, URL-safe text:
 *   newest n_<ms>_<id> · oldest o_<ms>_<id> (ms: creation time) · votes v_<score>_<id> ·
 *   best b_<wilson>_<id> · thread t_<path>
 */
export const commentSorts = ['newest', 'oldest', 'votes', 'best'] as const;
export type CommentSort = (typeof commentSorts)[number];
export const defaultCommentSort: CommentSort = 'newest';

export function isCommentSort(value: unknown): value is CommentSort {
  return typeof value === 'string' && (commentSorts as readonly string[]).includes(value);
}

/** Where the previous page ended, for one sort. */
export type ListCursor =
  | { sort: 'newest' | 'oldest'; createdAt: string; id: number }
  | { sort: 'votes'; score: number; id: number }
  | { sort: 'best'; wilson: number; id: number };

const prefix: Record<CommentSort, string> = { newest: 'n', oldest: 'o', votes: 'v', best: 'b' };

export function encodeListCursor(cursor: ListCursor): string {
  switch (cursor.sort) {
    case 'votes':
      return `v_${cursor.score}_${cursor.id}`;
    case 'best':
      return `b_${cursor.wilson}_${cursor.id}`;
    default:
      return `${prefix[cursor.sort]}_${Date.parse(cursor.createdAt)}_${cursor.id}`;
  }
}

const id = '([1-9]\\d{0,14})';
const patterns = {
  time: new RegExp(`^([no])_(\\d{1,15})_${id}$`),
  votes: new RegExp(`^v_(-?(?:0|[1-9]\\d{0,9}))_${id}$`),
  best: new RegExp(`^b_((?:0|1)(?:\\.\\d{1,20})?(?:e-\\d{1,3})?|\\d\\.\\d{1,20}e-\\d{1,3})_${id}$`),
};

/** The cursor for `sort`, or null when the text is not one (wrong shape, or made for another sort). */
export function decodeListCursor(sort: CommentSort, text: string): ListCursor | null {
  if (text.length > 80) return null;
  if (sort === 'newest' || sort === 'oldest') {
    const m = patterns.time.exec(text);
    if (!m || m[1] !== prefix[sort]) return null;
    const time = new Date(Number(m[2]));
    return Number.isNaN(time.getTime()) ? null : { sort, createdAt: time.toISOString(), id: Number(m[3]) };
  }
  if (sort === 'votes') {
    const m = patterns.votes.exec(text);
    return m ? { sort, score: Number(m[1]), id: Number(m[2]) } : null;
  }
  const m = patterns.best.exec(text);
  if (!m) return null;
  const wilson = Number(m[1]);
  return Number.isFinite(wilson) && wilson >= 0 && wilson <= 1 ? { sort, wilson, id: Number(m[2]) } : null;
}

/** A cursor inside one thread: the path of the last comment shown. */
export function encodeThreadCursor(path: string): string {
  return `t_${path}`;
}

export function decodeThreadCursor(text: string): string | null {
  const m = /^t_((?:\d{10}){1,64})$/.exec(text);
  return m ? (m[1] ?? null) : null;
}

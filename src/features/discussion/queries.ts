import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { prepared, preparedCases } from '../../db/prepared.js';
import type { CommentStatus, DB } from '../../db/schema/index.js';
import { type Identity, voterKey } from '../../shared/identity.js';
import type { CommentSort, ListCursor } from './cursor.js';
import { descendantsEnd } from './path.js';

/** A comment as views and the API see it. A deleted placeholder has no author name and no body. */
export interface CommentView {
  id: number;
  articleId: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  path: string;
  replyToId: number | null;
  replyToName: string | null;
  authorName: string;
  bodyHtml: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  /** A moderator changed the text (shown as "edited by moderator"). */
  editedByModerator?: boolean;
  upvotes: number;
  downvotes: number;
  score: number;
  wilson: number;
  replyCount: number;
  /** Who wrote it; for ownership checks and "mine", never shown or sent. */
  owner: { userId: number | null; guestId: number | null };
}

export const commentColumns = [
  'id',
  'article_id',
  'parent_id',
  'root_id',
  'depth',
  'path',
  'reply_to_id',
  'reply_to_name',
  'author_user_id',
  'guest_id',
  'author_name',
  'body_html',
  'status',
  'created_at',
  'edited_at',
  'upvotes',
  'downvotes',
  'score',
  'wilson',
  'reply_count',
  'moderator_edited_at',
] as const;

export interface CommentRow {
  id: number;
  article_id: number;
  parent_id: number | null;
  root_id: number;
  depth: number;
  path: string;
  reply_to_id: number | null;
  reply_to_name: string | null;
  author_user_id: number | null;
  guest_id: number | null;
  author_name: string;
  body_html: string;
  status: CommentStatus;
  created_at: string;
  edited_at: string | null;
  upvotes: number;
  downvotes: number;
  score: number;
  wilson: number;
  reply_count: number;
  moderator_edited_at?: string | null;
}

export function toCommentView(r: CommentRow): CommentView {
  const deleted = isPlaceholderStatus(r.status);
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    rootId: r.root_id,
    depth: r.depth,
    path: r.path,
    replyToId: r.reply_to_id,
    replyToName: r.reply_to_name,
    authorName: deleted ? '' : r.author_name,
    bodyHtml: deleted ? '' : r.body_html,
    status: r.status,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    editedByModerator: Boolean(r.moderator_edited_at),
    upvotes: Number(r.upvotes),
    downvotes: Number(r.downvotes),
    score: Number(r.score),
    wilson: Number(r.wilson),
    replyCount: Number(r.reply_count),
    owner: { userId: r.author_user_id, guestId: r.guest_id },
  };
}

/** Statuses shown as a text-less placeholder while they hold replies: deleted, or removed by moderation. */
export const placeholderStatuses = ['deleted', 'rejected', 'spam'] as const;

export function isPlaceholderStatus(status: CommentStatus): boolean {
  return (placeholderStatuses as readonly CommentStatus[]).includes(status);
}

/** Shown in a discussion: published, or deleted (or removed by moderation) but still holding replies (a placeholder). */
export function isShown(eb: ExpressionBuilder<DB, 'comments'>) {
  return eb.or([eb('comments.status', '=', 'published'), eb.and([eb('comments.status', 'in', placeholderStatuses), eb('comments.reply_count', '>', 0)])]);
}

export function isShownRow(r: Pick<CommentRow, 'status' | 'reply_count'>): boolean {
  return r.status === 'published' || (isPlaceholderStatus(r.status) && Number(r.reply_count) > 0);
}

export function ownedBy(identity: Identity, r: { author_user_id: number | null; guest_id: number | null }): boolean {
  return identity.kind === 'user' ? r.author_user_id === identity.userId : r.guest_id === identity.guestId;
}

export async function getCommentRow(db: Kysely<DB>, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').select(commentColumns).where('id', '=', id).executeTakeFirst();
}

/**
 * Top-level comments in `sort` order after `cursor`: a range read of one of the comments_top_*
 * indexes (the keyset is a row-value comparison both databases use for the range).
 */
export function topLevelQuery(db: Kysely<DB>, articleId: number, sort: CommentSort, cursor: ListCursor | null, limit: number, offset = 0) {
  let q = db.selectFrom('comments').select(commentColumns).where('article_id', '=', articleId).where('parent_id', 'is', null).where(isShown);
  if (sort === 'newest') {
    if (cursor?.sort === 'newest') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(cursor.createdAt, cursor.id)));
    q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  } else if (sort === 'oldest') {
    if (cursor?.sort === 'oldest') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '>', tuple(cursor.createdAt, cursor.id)));
    q = q.orderBy('created_at', 'asc').orderBy('id', 'asc');
  } else if (sort === 'votes') {
    if (cursor?.sort === 'votes') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('score', 'id'), '<', tuple(cursor.score, cursor.id)));
    q = q.orderBy('score', 'desc').orderBy('id', 'desc');
  } else {
    if (cursor?.sort === 'best') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('wilson', 'id'), '<', tuple(cursor.wilson, cursor.id)));
    q = q.orderBy('wilson', 'desc').orderBy('id', 'desc');
  }
  q = q.limit(limit);
  return offset > 0 ? q.offset(offset) : q;
}

interface TopLevelArgs extends Record<string, unknown> {
  articleId: number;
  limit: number;
  /** The cursor's fields, for the pages after the first. */
  createdAt?: string;
  score?: number;
  wilson?: number;
  id?: number;
}

/** The top-level query of each sort, for the first page and for the pages after a cursor, built once. */
const topLevelPrepared = preparedCases((key: `${CommentSort}:${'first' | 'after'}`) => {
  const [sort, page] = key.split(':') as [CommentSort, 'first' | 'after'];
  // A cursor of placeholders: topLevelQuery reads only the fields of its sort.
  return prepared<TopLevelArgs>()((db, p) =>
    topLevelQuery(db, p.articleId, sort, page === 'first' ? null : ({ sort, createdAt: p.createdAt, score: p.score, wilson: p.wilson, id: p.id } as ListCursor), p.limit),
  );
});

/** One page of top-level comments in `sort` order, after `cursor`; `limit + 1` rows tell whether there is more. */
export async function listTopLevelRows(db: Kysely<DB>, articleId: number, sort: CommentSort, cursor: ListCursor | null, limit: number, offset = 0): Promise<CommentRow[]> {
  if (offset > 0) return topLevelQuery(db, articleId, sort, cursor, limit, offset).execute();
  if (!cursor || cursor.sort !== sort) return topLevelPrepared(`${sort}:first`).all(db, { articleId, limit });
  return topLevelPrepared(`${sort}:after`).all(db, { articleId, limit, ...cursor });
}

/** How many shown top-level comments come before `root` in `sort` order. */
export async function countBefore(db: Kysely<DB>, root: CommentRow, sort: CommentSort): Promise<number> {
  let q = db.selectFrom('comments').where('article_id', '=', root.article_id).where('parent_id', 'is', null).where(isShown);
  if (sort === 'newest') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '>', tuple(root.created_at, root.id)));
  else if (sort === 'oldest') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('created_at', 'id'), '<', tuple(root.created_at, root.id)));
  else if (sort === 'votes') q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('score', 'id'), '>', tuple(root.score, root.id)));
  else q = q.where(({ eb, refTuple, tuple }) => eb(refTuple('wilson', 'id'), '>', tuple(root.wilson, root.id)));
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The first `limit` shown replies of each thread, in thread order, in ONE query: a UNION ALL of
 * one index range read per thread (root_id, path), so a huge thread costs no more than a small one.
 */
export function replyRowsQuery(db: Kysely<DB>, rootIds: [number, ...number[]], limit: number) {
  const part = (rootId: number) =>
    db
      .selectFrom((inner) =>
        inner.selectFrom('comments').select(commentColumns).where('root_id', '=', rootId).where('depth', '>', 0).where(isShown).orderBy('path').limit(limit).as('r'),
      )
      .selectAll();
  let q = part(rootIds[0]);
  for (const rootId of rootIds.slice(1)) q = q.unionAll(part(rootId));
  return q;
}

/** A page of the discussion holds at most 100 threads (discussionLimits); longer lists are built each time. */
const MAX_PREPARED_THREADS = 100;

/** The replies query for `count` threads, built once per count (a page holds at most a few dozen threads). */
const replyRowsPrepared = preparedCases((count: number) =>
  prepared<Record<string, number>>()((db, p) => {
    const ids = Array.from({ length: count }, (_, i) => p[`root${i}`] as number);
    return replyRowsQuery(db, ids as [number, ...number[]], p.limit as number);
  }),
);

export async function listReplyRows(db: Kysely<DB>, rootIds: number[], limit: number): Promise<CommentRow[]> {
  const [first, ...rest] = rootIds;
  if (first === undefined) return [];
  let rows: CommentRow[];
  if (rootIds.length <= MAX_PREPARED_THREADS) {
    const args: Record<string, number> = { limit };
    rootIds.forEach((id, i) => {
      args[`root${i}`] = id;
    });
    rows = await replyRowsPrepared(rootIds.length).all(db, args);
  } else rows = await replyRowsQuery(db, [first, ...rest], limit).execute();
  const order = new Map(rootIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.root_id) ?? 0) - (order.get(b.root_id) ?? 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Shown descendants of `head`, in thread order, after the path `after`. */
export async function listDescendantRows(db: Kysely<DB>, head: CommentRow, after: string | null, limit: number, offset = 0): Promise<CommentRow[]> {
  const q = db
    .selectFrom('comments')
    .select(commentColumns)
    .where('root_id', '=', head.root_id)
    .where('path', '>', after && after > head.path ? after : head.path)
    .where('path', '<', descendantsEnd(head.path))
    .where(isShown)
    .orderBy('path')
    .limit(limit);
  return (offset > 0 ? q.offset(offset) : q).execute();
}

/** Shown descendants of `head` that come before `path` in thread order. */
export async function countDescendantsBefore(db: Kysely<DB>, head: CommentRow, path: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .where('root_id', '=', head.root_id)
    .where('path', '>', head.path)
    .where('path', '<', path)
    .where(isShown)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Names of staff members (every role but member): guests may not pass for them. */
const staffNames = prepared()((db) => db.selectFrom('users').select('name').where('role', '!=', 'member'));

export async function listStaffNames(db: Kysely<DB>): Promise<string[]> {
  const rows = await staffNames.all(db, {});
  return rows.map((r) => r.name);
}

/**
 * Serialise this identity's writes on PostgreSQL (a row lock until commit), so the idempotency and
 * duplicate checks cannot race. SQLite runs one write transaction at a time already.
 */
const lockGuest = prepared<{ id: number }>()((db, p) => db.selectFrom('guests').select('id').where('id', '=', p.id).forUpdate());
const lockUser = prepared<{ id: number }>()((db, p) => db.selectFrom('users').select('id').where('id', '=', p.id).forUpdate());

export async function lockIdentity(tx: Tx, identity: Identity): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  if (identity.kind === 'guest') await lockGuest.all(tx.db, { id: identity.guestId });
  else await lockUser.all(tx.db, { id: identity.userId });
}

/** The reader's own comments and votes on an article: what the page's scripts fill in. */
export async function getViewerState(db: Kysely<DB>, articleId: number, identity: Identity): Promise<{ commentIds: number[]; votes: Array<{ commentId: number; value: 1 | -1 }>; createdAt: Map<number, string> }> {
  const mine = db.selectFrom('comments').select(['id', 'created_at']).where('article_id', '=', articleId).where('status', '!=', 'deleted');
  const [comments, votes] = await Promise.all([
    (identity.kind === 'user' ? mine.where('author_user_id', '=', identity.userId) : mine.where('guest_id', '=', identity.guestId)).orderBy('id').execute(),
    db.selectFrom('comment_votes').select(['comment_id', 'value']).where('voter', '=', voterKey(identity)).where('article_id', '=', articleId).orderBy('comment_id').execute(),
  ]);
  return {
    commentIds: comments.map((c) => c.id),
    votes: votes.map((v) => ({ commentId: v.comment_id, value: Number(v.value) > 0 ? 1 : -1 })),
    createdAt: new Map(comments.map((c) => [c.id, c.created_at])),
  };
}

/** The article fields the discussion needs, for a published article. */
const discussionArticle = prepared<{ id: number }>()((db, p) =>
  db.selectFrom('articles').select(['id', 'slug', 'published_at', 'comments_open', 'comments_count']).where('id', '=', p.id).where('status', '=', 'published'),
);

export async function getDiscussionArticle(db: Kysely<DB>, articleId: number) {
  return discussionArticle.first(db, { id: articleId });
}

/** A comment's row by id (the columns of `commentColumns`). */
export const commentById = prepared<{ id: number }>()((db, p) => db.selectFrom('comments').select(commentColumns).where('id', '=', p.id));

/** `expr + delta` for counter updates. */
export function plus(column: 'reply_count' | 'upvotes' | 'downvotes' | 'score' | 'comments_count', delta: number) {
  return sql<number>`${sql.ref(column)} + ${delta}`;
}

import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { prepared, preparedCases } from '../../db/prepared.js';
import type { Selectable } from 'kysely';
import type { CommentsTable } from '../../db/schema/comments.js';
import type { I18n } from '../../i18n/index.js';
import { iso } from '../../shared/clock.js';
import type { Identity } from '../../shared/identity.js';
import { ArticleError } from '../articles/errors.js';
import { attachPassage } from '../feedback/attach-passage.js';
import { articleText } from '../feedback/html-text.js';
import { type PassageInput, resolvePassage } from '../feedback/resolve-passage.js';
import { publishLive } from '../live/publish-live.js';
import { moderateComment } from '../moderation/moderate-comment.js';
import { notifyForComment } from '../notifications/notify-for-comment.js';
import { checkCommentBody, checkGuestFields, checkIdempotencyKey } from './comment-input.js';
import { DiscussionError } from './errors.js';
import { childPath } from './path.js';
import { discussionLimits, isDiscussionOpen } from './policy.js';
import { type CommentRow, type CommentView, commentById, commentColumns, getDiscussionArticle, listStaffNames, lockIdentity, plus, toCommentView } from './queries.js';

export interface CreateCommentInput {
  identity: Identity;
  articleId: number;
  /** The comment replied to; absent for a new thread. */
  parentId?: number | null;
  body: string;
  /** Guests only: a signed-in reader comments under their account's name. */
  name?: string;
  email?: string;
  /** One per form submission: a retry with the same key returns the first comment. */
  idempotencyKey?: string;
  /** The poster's address and the form's hidden (honeypot) field, for the moderation pipeline. */
  ip?: string | null;
  honeypot?: string;
  /** Inline feedback: the passage of the article this new thread is about (features/feedback). */
  passage?: PassageInput | null;
}

// The statements of every post, built once (db/prepared.ts): posting is the discussion's hot write.
const userForComment = prepared<{ id: number }>()((db, p) => db.selectFrom('users').select(['name', 'email']).where('id', '=', p.id));
/** The columns a new comment is inserted with (the rest are generated or set later). */
type NewComment = Pick<
  Selectable<CommentsTable>,
  | 'article_id'
  | 'parent_id'
  | 'root_id'
  | 'depth'
  | 'reply_to_id'
  | 'reply_to_name'
  | 'author_user_id'
  | 'guest_id'
  | 'author_name'
  | 'author_email'
  | 'body_md'
  | 'body_html'
  | 'status'
  | 'ip'
  | 'flags'
  | 'created_at'
  | 'idempotency_key'
>;
const insertComment = prepared<NewComment>()((db, p) =>
  db
    .insertInto('comments')
    .values({
      article_id: p.article_id,
      parent_id: p.parent_id,
      root_id: p.root_id,
      depth: p.depth,
      reply_to_id: p.reply_to_id,
      reply_to_name: p.reply_to_name,
      author_user_id: p.author_user_id,
      guest_id: p.guest_id,
      author_name: p.author_name,
      author_email: p.author_email,
      body_md: p.body_md,
      body_html: p.body_html,
      status: p.status,
      ip: p.ip,
      flags: p.flags,
      created_at: p.created_at,
      idempotency_key: p.idempotency_key,
      path: '',
    })
    .returning('id'),
);
/** Its place in the tree needs its id: the path and root are set once the row exists, returning the whole row. */
const placeComment = prepared<{ id: number; path: string; root_id: number }>()((db, p) =>
  db.updateTable('comments').set({ path: p.path, root_id: p.root_id }).where('id', '=', p.id).returning(commentColumns),
);
const countReply = prepared<{ id: number }>()((db, p) => db.updateTable('comments').set({ reply_count: plus('reply_count', 1) }).where('id', '=', p.id));
const countComment = prepared<{ id: number }>()((db, p) => db.updateTable('articles').set({ comments_count: plus('comments_count', 1) }).where('id', '=', p.id));

/** Without a key, the same identity posting the same text under the same parent (and passage) this soon is a double submit. */
const DUPLICATE_WINDOW_MS = 60_000;

/**
 * Post a comment or a reply. A repeated submission (same idempotency key, or without a key the same
 * text under the same parent, about the same passage, within a minute) returns the first comment with `created: false`.
 */
export async function createComment(ctx: AppContext, input: CreateCommentInput): Promise<{ comment: CommentView; created: boolean }> {
  const { i18n, settings } = ctx.site;
  const { identity } = input;
  // Settings › Comments: a site may take comments from signed-in readers only.
  if (identity.kind === 'guest' && !settings.commentGuestsAllowed) throw new DiscussionError('comment_forbidden', i18n.t('discussion.error.guestsNotAllowed'));
  const fields: Record<string, string> = {};
  const body = checkCommentBody(i18n, input.body);
  if ('error' in body) fields.body = body.error;
  const key = checkIdempotencyKey(i18n, input.idempotencyKey);
  if ('error' in key) fields.idempotencyKey = key.error;
  let author = { name: '', email: null as string | null };
  if (identity.kind === 'guest') {
    const guest = checkGuestFields(i18n, input, await listStaffNames(ctx.database.db));
    Object.assign(fields, guest.fields);
    author = { name: guest.name, email: guest.email };
  } else {
    const user = await userForComment.first(ctx.database.db, { id: identity.userId });
    if (!user) throw new DiscussionError('comment_forbidden', i18n.t('discussion.error.forbidden'));
    author = { name: user.name, email: user.email };
  }
  if ('error' in body || 'error' in key || Object.keys(fields).length) {
    throw new DiscussionError('comment_invalid', i18n.t('discussion.error.invalid'), fields);
  }
  const now = ctx.clock.now();
  const parentId = input.parentId ?? null;

  return ctx.database.transaction(async (tx) => {
    await lockIdentity(tx, identity);
    const repeat = await findRepeat(tx, i18n, input, { key: key.key, markdown: body.markdown, parentId, since: iso(new Date(now.getTime() - DUPLICATE_WINDOW_MS)) });
    if (repeat) return { comment: toCommentView(repeat), created: false };

    const article = await getDiscussionArticle(tx.db, input.articleId);
    if (!article) throw new ArticleError('article_not_found', i18n.t('error.notFoundArticle'));
    if (!isDiscussionOpen(article, settings, now)) throw new DiscussionError('discussion_closed', i18n.t('discussion.error.closed'));

    // Where the reply hangs: under its parent, or past the last level beside it (its parent's parent).
    let attach: CommentRow | null = null;
    let replyTo: CommentRow | null = null;
    if (parentId !== null) {
      replyTo = (await commentById.first(tx.db, { id: parentId })) ?? null;
      if (!replyTo || replyTo.article_id !== article.id || (replyTo.status !== 'published' && replyTo.status !== 'deleted')) {
        throw new DiscussionError('comment_parent_invalid', i18n.t('discussion.error.parentInvalid'), { parent: i18n.t('discussion.error.parentInvalid') });
      }
      if (replyTo.status === 'deleted') {
        throw new DiscussionError('comment_parent_deleted', i18n.t('discussion.error.parentDeleted'), { parent: i18n.t('discussion.error.parentDeleted') });
      }
      attach = replyTo;
      const { maxDepth } = discussionLimits(settings);
      while (attach && attach.depth >= maxDepth - 1) {
        const up: number | null = attach.parent_id;
        attach = up === null ? null : ((await commentById.first(tx.db, { id: up })) ?? null);
      }
    }

    // Moderation (features/moderation): published, held ('pending'), rejected, spam or shadow.
    const moderation = await moderateComment(ctx, tx, { kind: 'create', identity, article, markdown: body.markdown, email: author.email, ip: input.ip ?? null, honeypot: input.honeypot });
    const shown = moderation.status === 'published';
    const inserted = await insertComment.first(tx.db, {
      article_id: article.id,
      parent_id: attach?.id ?? null,
      root_id: attach?.root_id ?? 0,
      depth: attach ? attach.depth + 1 : 0,
      reply_to_id: replyTo?.id ?? null,
      reply_to_name: replyTo?.author_name ?? null,
      author_user_id: identity.kind === 'user' ? identity.userId : null,
      guest_id: identity.kind === 'guest' ? identity.guestId : null,
      author_name: author.name,
      author_email: author.email,
      body_md: body.markdown,
      body_html: body.html,
      status: moderation.status,
      ip: input.ip ?? null,
      flags: moderation.flagsJson,
      created_at: iso(now),
      idempotency_key: key.key,
    });
    if (!inserted) throw new Error('comment insert returned no id');
    const id = inserted.id;
    const rootId = attach?.root_id ?? id;
    const row = await placeComment.first(tx.db, { id, path: childPath(attach?.path ?? '', id), root_id: rootId });
    if (!row) throw new Error(`comment ${id} vanished in its own transaction`);
    if (input.passage) await attachPassage(tx, i18n, { articleId: article.id, commentId: id, parentId, passage: input.passage, now: iso(now) });
    if (attach && shown) await countReply.run(tx.db, { id: attach.id });
    if (shown) await countComment.run(tx.db, { id: article.id });
    await moderation.record(tx, id);

    // "Notify of": emails to followers and the parent's author, in this transaction (outbox).
    // A comment held for moderation notifies nobody; moderation calls this when it approves one.
    if (row.status === 'published') {
      await notifyForComment(tx, ctx, { id, article_id: article.id, status: row.status, reply_to_id: row.reply_to_id, author_user_id: row.author_user_id, guest_id: row.guest_id, author_email: author.email });
    }
    if (shown) tx.onCommit(() => ctx.invalidate([`article:${article.id}`, 'comment-counts']));
    if (shown) tx.onCommit(() => publishLive(ctx, `article:${article.id}`, 'comment', { action: 'created', commentId: id, rootId, parentId: attach?.id ?? null }));
    return { comment: toCommentView(row), created: true };
  });
}

const authorColumn = { user: 'author_user_id', guest: 'guest_id' } as const;
const repeatByKey = preparedCases((kind: Identity['kind']) =>
  prepared<{ who: number; key: string }>()((db, p) => db.selectFrom('comments').select(commentColumns).where(authorColumn[kind], '=', p.who).where('idempotency_key', '=', p.key)),
);
const repeatCandidates = preparedCases((shape: `${Identity['kind']}:${'thread' | 'reply'}`) => {
  const [kind, place] = shape.split(':') as [Identity['kind'], 'thread' | 'reply'];
  return prepared<{ who: number; articleId: number; since: string; markdown: string; parentId: number | null }>()((db, p) => {
    const query = db
      .selectFrom('comments')
      .select(commentColumns)
      .where(authorColumn[kind], '=', p.who)
      .where('article_id', '=', p.articleId)
      .where('created_at', '>=', p.since)
      .where('body_md', '=', p.markdown);
    return (place === 'thread' ? query.where('reply_to_id', 'is', null) : query.where('reply_to_id', '=', p.parentId))
      .where('status', '!=', 'deleted')
      .orderBy('id')
      .limit(20);
  });
});

/**
 * The comment a repeated submission already created, if any. Without a key, a repeat is the same
 * text under the same parent within the window — and about the same passage (or none): "Agreed."
 * on a second passage is a comment of its own.
 */
async function findRepeat(tx: Tx, i18n: I18n, input: CreateCommentInput, q: { key: string | null; markdown: string; parentId: number | null; since: string }): Promise<CommentRow | undefined> {
  const { identity } = input;
  const who = identity.kind === 'user' ? identity.userId : identity.guestId;
  if (q.key) return repeatByKey(identity.kind).first(tx.db, { who, key: q.key });
  const candidates = await repeatCandidates(`${identity.kind}:${q.parentId === null ? 'thread' : 'reply'}`).all(tx.db, {
    who,
    articleId: input.articleId,
    since: q.since,
    markdown: q.markdown,
    parentId: q.parentId,
  });
  if (!candidates.length) return undefined;
  const anchors = await tx.db
    .selectFrom('passage_anchors')
    .select(['comment_id', 'start_offset', 'end_offset'])
    .where('comment_id', 'in', candidates.map((c) => c.id))
    .execute();
  const anchorOf = new Map(anchors.map((a) => [a.comment_id, a]));
  if (!input.passage) return candidates.find((c) => !anchorOf.has(c.id));
  // The passage as it would be stored (the server's selectors); one that does not resolve repeats nothing.
  const article = await tx.db.selectFrom('articles').select('body_html').where('id', '=', input.articleId).executeTakeFirst();
  if (!article) return undefined;
  let wanted: { start: number; end: number };
  try {
    wanted = resolvePassage(articleText(article.body_html), input.passage, input.articleId, i18n).position;
  } catch {
    return undefined;
  }
  return candidates.find((c) => {
    const a = anchorOf.get(c.id);
    return a !== undefined && Number(a.start_offset) === wanted.start && Number(a.end_offset) === wanted.end;
  });
}

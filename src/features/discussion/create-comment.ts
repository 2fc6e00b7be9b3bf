import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
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
import { type CommentRow, type CommentView, commentColumns, getDiscussionArticle, listStaffNames, lockIdentity, plus, toCommentView } from './queries.js';

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
    const user = await ctx.database.db.selectFrom('users').select(['name', 'email']).where('id', '=', identity.userId).executeTakeFirst();
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
      replyTo = (await tx.db.selectFrom('comments').select(commentColumns).where('id', '=', parentId).executeTakeFirst()) ?? null;
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
        attach = up === null ? null : ((await tx.db.selectFrom('comments').select(commentColumns).where('id', '=', up).executeTakeFirst()) ?? null);
      }
    }

    // Moderation (features/moderation): published, held ('pending'), rejected, spam or shadow.
    const moderation = await moderateComment(ctx, tx, { kind: 'create', identity, article, markdown: body.markdown, email: author.email, ip: input.ip ?? null, honeypot: input.honeypot });
    const shown = moderation.status === 'published';
    const inserted = await tx.db
      .insertInto('comments')
      .values({
        article_id: article.id,
        parent_id: attach?.id ?? null,
        root_id: attach?.root_id ?? 0,
        depth: attach ? attach.depth + 1 : 0,
        path: '',
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = inserted.id;
    const rootId = attach?.root_id ?? id;
    await tx.db
      .updateTable('comments')
      .set({ path: childPath(attach?.path ?? '', id), root_id: rootId })
      .where('id', '=', id)
      .execute();
    if (input.passage) await attachPassage(tx, i18n, { articleId: article.id, commentId: id, parentId, passage: input.passage, now: iso(now) });
    if (attach && shown) await tx.db.updateTable('comments').set({ reply_count: plus('reply_count', 1) }).where('id', '=', attach.id).execute();
    if (shown) await tx.db.updateTable('articles').set({ comments_count: plus('comments_count', 1) }).where('id', '=', article.id).execute();
    await moderation.record(tx, id);

    const row = await tx.db.selectFrom('comments').select(commentColumns).where('id', '=', id).executeTakeFirstOrThrow();
    // "Notify of": emails to followers and the parent's author, in this transaction (outbox).
    // A comment held for moderation notifies nobody; moderation calls this when it approves one.
    if (row.status === 'published') await notifyForComment(tx, ctx, id);
    if (shown) tx.onCommit(() => ctx.invalidate([`article:${article.id}`, 'comment-counts']));
    if (shown) tx.onCommit(() => publishLive(ctx, `article:${article.id}`, 'comment', { action: 'created', commentId: id, rootId, parentId: attach?.id ?? null }));
    return { comment: toCommentView(row), created: true };
  });
}

/**
 * The comment a repeated submission already created, if any. Without a key, a repeat is the same
 * text under the same parent within the window — and about the same passage (or none): "Agreed."
 * on a second passage is a comment of its own.
 */
async function findRepeat(tx: Tx, i18n: I18n, input: CreateCommentInput, q: { key: string | null; markdown: string; parentId: number | null; since: string }): Promise<CommentRow | undefined> {
  let query = tx.db.selectFrom('comments').select(commentColumns);
  query = input.identity.kind === 'user' ? query.where('author_user_id', '=', input.identity.userId) : query.where('guest_id', '=', input.identity.guestId);
  if (q.key) return query.where('idempotency_key', '=', q.key).executeTakeFirst();
  const candidates = await query
    .where('article_id', '=', input.articleId)
    .where('created_at', '>=', q.since)
    .where('body_md', '=', q.markdown)
    .where('reply_to_id', q.parentId === null ? 'is' : '=', q.parentId)
    .where('status', '!=', 'deleted')
    .orderBy('id')
    .limit(20)
    .execute();
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

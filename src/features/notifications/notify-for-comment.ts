import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema/index.js';
import { type BulkJob, enqueueJobs } from '../../jobs/outbox.js';
import { iso } from '../../shared/clock.js';
import { nextDigestAt, STALE_SCHEDULE_MS } from './schedule.js';
import { SEND_CHUNK, SEND_JOB, type SendJobPayload, sendJobKey } from './scheduling.js';

type Subs = ExpressionBuilder<DB, 'notification_subscriptions'>;
type Condition = Expression<SqlBool>;

/** What a comment's notifications depend on; the caller that just wrote the comment passes it, saving a query. */
export interface NotifyingComment {
  id: number;
  article_id: number;
  status: string;
  reply_to_id: number | null;
  author_user_id: number | null;
  guest_id: number | null;
  author_email: string | null;
}

const notifyingComment = prepared<{ id: number }>()((db, p) =>
  db.selectFrom('comments').select(['id', 'article_id', 'status', 'reply_to_id', 'author_user_id', 'guest_id', 'author_email']).where('id', '=', p.id),
);

/**
 * Queue the emails a newly shown comment causes, inside the transaction that publishes it (the
 * outbox: they exist if and only if the comment committed). Call it when a comment becomes
 * visible: `createComment` does for a published comment; moderation does when it approves a held
 * one. Nothing happens for a comment that is not published.
 *
 * Who: every active follower of the article ('article') and, for a reply, the parent comment's
 * author if they asked for replies ('replies'); each person once (the replies subscription wins),
 * never the comment's own author. Set-based: three statements whatever the number of followers,
 * plus one multi-row INSERT for the send jobs (one per 100 subscriptions due at the same time).
 *
 * When: each subscription gets one send job at a time, at max(now, end of its 10-minute window),
 * or at the next digest time; comments that arrive before it runs ride along in the same email.
 */
export async function notifyForComment(tx: Tx, ctx: AppContext, commentOrId: number | NotifyingComment): Promise<{ queued: number; scheduled: number }> {
  const comment = typeof commentOrId === 'number' ? await notifyingComment.first(tx.db, { id: commentOrId }) : commentOrId;
  if (!comment || comment.status !== 'published') return { queued: 0, scheduled: 0 };
  const now = ctx.clock.now();
  const nowIso = iso(now);

  const parent = comment.reply_to_id
    ? await tx.db.selectFrom('comments').select(['author_user_id', 'guest_id', 'status']).where('id', '=', comment.reply_to_id).executeTakeFirst()
    : undefined;
  const parentAuthor = parent && parent.status === 'published' && (parent.author_user_id !== null || parent.guest_id !== null) ? parent : null;

  /** The parent author's 'replies' subscriptions on this article. */
  const repliesToParent = (eb: Subs): Condition => {
    if (!parentAuthor) return sql<SqlBool>`1 = 0`;
    const who: Condition[] = [];
    if (parentAuthor.author_user_id !== null) who.push(eb('user_id', '=', parentAuthor.author_user_id));
    if (parentAuthor.guest_id !== null) who.push(eb('guest_id', '=', parentAuthor.guest_id));
    return eb.and([eb('kind', '=', 'replies'), eb.or(who)]);
  };
  /** Not the comment's own author, whichever way they subscribed (NULL-safe: a column may be empty). */
  const notOwn = (eb: Subs): Condition => {
    const differs = (column: 'user_id' | 'guest_id' | 'email', value: number | string) => eb.or([eb(column, 'is', null), eb(column, '!=', value)]);
    const checks: Condition[] = [];
    if (comment.author_user_id !== null) checks.push(differs('user_id', comment.author_user_id));
    if (comment.guest_id !== null) checks.push(differs('guest_id', comment.guest_id));
    if (comment.author_email) checks.push(differs('email', comment.author_email));
    return checks.length ? eb.and(checks) : sql<SqlBool>`1 = 1`;
  };

  const matching = tx.db
    .selectFrom('notification_subscriptions')
    .select((eb) => ['id as subscription_id', eb.val(comment.id).as('comment_id'), sql.lit('pending').as('state'), eb.val(nowIso).as('created_at')])
    .where('article_id', '=', comment.article_id)
    .where('status', '=', 'active')
    .where((eb) => {
      // A follower who is also the parent's author gets the (more telling) reply email only.
      const followers: Condition = parentAuthor
        ? eb.and([
            eb('kind', '=', 'article'),
            eb(
              'subscriber_key',
              'not in',
              eb
                .selectFrom('notification_subscriptions as r')
                .select('r.subscriber_key')
                .where('r.article_id', '=', comment.article_id)
                .where('r.status', '=', 'active')
                .where((rb) => repliesToParent(rb as unknown as Subs)),
            ),
          ])
        : eb('kind', '=', 'article');
      return eb.and([eb.or([followers, repliesToParent(eb)]), notOwn(eb)]);
    });
  const inserted = await tx.db
    .insertInto('notification_queue')
    .columns(['subscription_id', 'comment_id', 'state', 'created_at'])
    .expression(matching)
    .onConflict((oc) => oc.columns(['subscription_id', 'comment_id']).doNothing())
    .executeTakeFirst();
  const queued = Number(inserted.numInsertedOrUpdatedRows ?? 0);
  if (queued === 0) return { queued: 0, scheduled: 0 };

  const queuedSubs = tx.db.selectFrom('notification_queue').select('subscription_id').where('comment_id', '=', comment.id).where('state', '=', 'pending');
  // PostgreSQL: lock the subscriptions (in id order: no deadlock between two comments) before
  // reading their schedule, so a send job running now either sees this comment's queue rows or
  // has cleared its schedule by the time it is read below. SQLite has one writer: nothing to do.
  if (tx.dialect === 'postgres') {
    await tx.db.selectFrom('notification_subscriptions').select('id').where('id', 'in', queuedSubs).orderBy('id').forUpdate().execute();
  }
  const digestAt = iso(nextDigestAt(now, ctx.site.i18n.timeZone));
  const stale = iso(new Date(now.getTime() - STALE_SCHEDULE_MS));
  const scheduled = await tx.db
    .updateTable('notification_subscriptions')
    .set({
      send_at: sql<string>`case when delivery = 'digest' then ${digestAt} when window_ends_at > ${nowIso} then window_ends_at else ${nowIso} end`,
      send_seq: sql<number>`send_seq + 1`,
    })
    .where('id', 'in', queuedSubs)
    .where((eb) => eb.or([eb('send_at', 'is', null), eb('send_at', '<', stale)]))
    .returning(['id', 'send_seq', 'send_at'])
    .execute();
  // One job per SEND_CHUNK subscriptions due at the same time (a burst gives each its own window end).
  const due = [...scheduled].sort((a, b) => (a.send_at ?? '').localeCompare(b.send_at ?? '') || a.id - b.id);
  const jobs: BulkJob[] = [];
  for (let i = 0; i < due.length; ) {
    const runAt = due[i]?.send_at ?? nowIso;
    const chunk: typeof due = [];
    while (i < due.length && chunk.length < SEND_CHUNK && (due[i]?.send_at ?? nowIso) === runAt) chunk.push(due[i++] as (typeof due)[number]);
    const first = chunk[0] as (typeof due)[number];
    const payload: SendJobPayload = { subs: chunk.map((s) => ({ id: s.id, seq: Number(s.send_seq) })) };
    jobs.push({ kind: SEND_JOB, payload, dedupeKey: sendJobKey(first.id, Number(first.send_seq)), runAt });
  }
  await enqueueJobs(tx, now, jobs);
  return { queued, scheduled: scheduled.length };
}


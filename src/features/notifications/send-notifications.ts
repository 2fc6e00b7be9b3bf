import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { PermanentJobError } from '../../jobs/outbox.js';
import { iso } from '../../shared/clock.js';
import { confirmationEmail, type EmailComment, manageLinkEmail, messageIdHost, notificationEmail } from './emails.js';
import { confirmUrl, manageUrl, unsubscribeUrl } from './links.js';
import { getManageView } from './manage-subscriptions.js';
import { lockSubscription, type SubscriptionRow, subscriptionColumns } from './queries.js';
import { MAX_COMMENTS_PER_EMAIL, WINDOW_MS } from './schedule.js';
import { rescheduleSend, type SendJobPayload } from './scheduling.js';
import { confirmToken, hashNotifyToken } from './tokens.js';

/** The job as a handler sees it (see jobs/worker.ts). */
export interface NotificationJob {
  id: number;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

interface Batch {
  sub: SubscriptionRow;
  address: string;
  article: { title: string; slug: string };
  comments: EmailComment[];
  messageId: string;
}

/**
 * An SMTP answer that retrying cannot change: 5xx (no such mailbox, rejected as spam). A refused
 * login (EAUTH) is a configuration problem an admin fixes, so it is retried like a network error.
 */
export function isPermanentMailError(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown };
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH';
}

/**
 * The send job ('notifications.send'): for each subscription it carries, one email with every
 * comment waiting for it. Delivery is at-least-once with a single, narrow duplicate window, by
 * design:
 *
 * 1. One transaction re-checks everything (subscription still active, comments still published,
 *    not the reader's own) and claims each (address, comment) in `sent_notifications` (unique)
 *    as 'sending' under this job's id and a fixed Message-ID, before anything is sent. A pair
 *    already claimed (by another subscription of the same person) is left out: never twice.
 * 2. The emails are sent (over pooled SMTP connections, side by side), and each one's outcome is
 *    recorded in its own small transaction the moment its SMTP call returns: 'sent', or 'failed'
 *    for a permanent refusal. A temporary failure leaves its claims 'sending' for the retry.
 *
 * A crash or SMTP failure leaves the claims of the emails not yet accepted 'sending': the job is
 * retried (after its lease, or with backoff) and sends exactly those emails again, with the same
 * Message-IDs, so nothing is lost — and an email accepted before the crash is not sent again,
 * however slow the others were (one job carries up to 100 emails; one stalled SMTP connection
 * must not hold back the record of the 99 others until the lease runs out and a takeover
 * resends them). Only a crash in the instant between the server's "250 OK" and its record can
 * repeat an email, and the repeat carries the same Message-ID, which mail clients fold into one.
 * The alternative (mark 'sent' before sending) loses the email on any crash: worse for readers.
 *
 * A worker whose lease ran out (the job was taken over) still records what the server accepted
 * (a fact; the takeover then skips it), but never a failure: the worker now holding the job
 * decides those, and the job's own outcome (jobs/worker.ts checks the lease the same way).
 */
export async function runSendJob(ctx: AppContext, job: NotificationJob): Promise<void> {
  const subs = [...(job.payload as SendJobPayload).subs].sort((a, b) => a.id - b.id);
  // Locks are taken in id order (as the fan-out does): no deadlock between a job and a comment.
  const batches = await ctx.database.transaction(async (tx) => {
    const out: Batch[] = [];
    for (const sub of subs) {
      const batch = await prepareBatch(tx, ctx, job.id, sub);
      if (batch) out.push(batch);
    }
    return out;
  });
  if (!batches.length) return;
  const host = messageIdHost(ctx);
  const now = ctx.clock.now();
  const outcomes = await Promise.all(
    batches.map(async (batch) => {
      const unsubscribe = unsubscribeUrl(ctx, batch.sub.id);
      const email = notificationEmail(ctx, {
        to: batch.address,
        kind: batch.sub.kind,
        delivery: batch.sub.delivery,
        article: batch.article,
        comments: batch.comments,
        manageUrl: manageUrl(ctx, batch.sub.subscriber_key, now),
        unsubscribeUrl: unsubscribe,
      });
      let result: { outcome: 'sent' | 'failed' | 'retry'; error: string | null };
      try {
        await ctx.mailer.sendMail({ ...email, messageId: batch.messageId, headers: notificationHeaders(ctx, unsubscribe, host) });
        result = { outcome: 'sent', error: null };
      } catch (error) {
        const message = `${batch.address}: ${error instanceof Error ? error.message : String(error)}`;
        // Out of attempts, a temporary failure is recorded as a permanent one.
        const permanent = isPermanentMailError(error) || job.attempts >= job.maxAttempts;
        result = { outcome: permanent ? 'failed' : 'retry', error: message };
      }
      // Recorded at once, on its own: a slow email elsewhere in the job cannot delay this record.
      if (result.outcome !== 'retry') {
        const outcome = result.outcome;
        const error = result.error;
        await ctx.database.transaction(async (tx) => {
          if (outcome === 'failed' && !(await holdsLease(tx, job))) return;
          await finishBatch(tx, job.id, batch.sub.id, outcome, error, iso(ctx.clock.now()));
        });
      }
      return { batch, ...result };
    }),
  );
  const retry = outcomes.filter((o) => o.outcome === 'retry');
  const failed = outcomes.filter((o) => o.outcome === 'failed');
  const summary = (list: typeof outcomes) => list.map((o) => o.error).join('; ');
  // Retried: only the emails still 'sending' go out again (see the resume path of prepareBatch).
  if (retry.length) throw new Error(summary([...retry, ...failed]));
  if (failed.length) throw new PermanentJobError(summary(failed));
}

/**
 * The headers of a notification email. One-click unsubscribe (`List-Unsubscribe-Post`, RFC 8058)
 * is announced only with an https link, as the RFC requires; over http the link still works.
 */
export function notificationHeaders(ctx: AppContext, unsubscribe: string, host = messageIdHost(ctx)): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribe}>`,
    ...(unsubscribe.startsWith('https://') ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    'List-Id': `<notifications.${host}>`,
    'Auto-Submitted': 'auto-generated',
    'X-Auto-Response-Suppress': 'All',
  };
}

/** Whether this run still holds the job's lease: not taken over (a takeover counts one more attempt). */
async function holdsLease(tx: Tx, job: NotificationJob): Promise<boolean> {
  const row = await tx.db.selectFrom('jobs').select('id').where('id', '=', job.id).where('status', '=', 'running').where('attempts', '=', job.attempts).executeTakeFirst();
  return row !== undefined;
}

async function prepareBatch(tx: Tx, ctx: AppContext, jobId: number, payload: { id: number; seq: number }): Promise<Batch | null> {
  const now = ctx.clock.now();
  const nowIso = iso(now);
  const sub = await lockSubscription(tx, payload.id);
  if (!sub) return null;
  const skip = async (ids: number[]) => {
    if (ids.length) await tx.db.updateTable('notification_queue').set({ state: 'skipped', done_at: nowIso }).where('id', 'in', ids).execute();
  };

  // A retry of this very job (crash, SMTP failure): the batch it claimed, same Message-ID.
  const claimed = await tx.db
    .selectFrom('notification_queue as q')
    .innerJoin('comments as c', 'c.id', 'q.comment_id')
    .select(['q.id as queueId', 'c.id', 'c.status', 'c.author_name', 'c.created_at', 'c.body_html', 'c.reply_to_name'])
    .where('q.subscription_id', '=', sub.id)
    .where('q.job_id', '=', jobId)
    .where('q.state', '=', 'sending')
    .orderBy('c.id')
    .execute();
  if (claimed.length) {
    const record = await tx.db.selectFrom('sent_notifications').select(['address', 'message_id']).where('job_id', '=', jobId).where('subscription_id', '=', sub.id).limit(1).executeTakeFirst();
    const keep = sub.status === 'active' && record ? claimed.filter((c) => c.status === 'published') : [];
    const drop = claimed.filter((c) => !keep.includes(c));
    await skip(drop.map((c) => c.queueId));
    if (drop.length) {
      await tx.db.deleteFrom('sent_notifications').where('job_id', '=', jobId).where('subscription_id', '=', sub.id).where('comment_id', 'in', drop.map((c) => c.id)).where('status', '=', 'sending').execute();
    }
    if (!keep.length || !record) return null;
    const article = await articleOf(tx, sub);
    return article ? { sub, address: record.address, article, comments: keep.map(toEmailComment), messageId: record.message_id } : null;
  }

  // Superseded by a newer scheduling (delivery changed, stale schedule replaced): that job sends.
  if (Number(sub.send_seq) !== payload.seq) return null;
  const pending = await tx.db
    .selectFrom('notification_queue as q')
    .innerJoin('comments as c', 'c.id', 'q.comment_id')
    .select(['q.id as queueId', 'c.id', 'c.status', 'c.author_user_id', 'c.guest_id', 'c.author_email', 'c.author_name', 'c.created_at', 'c.body_html', 'c.reply_to_name'])
    .where('q.subscription_id', '=', sub.id)
    .where('q.state', '=', 'pending')
    .orderBy('c.id')
    .execute();
  const address = await addressOf(tx, sub);
  const article = await articleOf(tx, sub);
  if (sub.status !== 'active' || !address || !article) {
    await skip(pending.map((p) => p.queueId));
    await tx.db.updateTable('notification_subscriptions').set({ send_at: null }).where('id', '=', sub.id).execute();
    return null;
  }
  // Early (an older schedule): wait for the end of the 10-minute window.
  if (sub.delivery === 'immediate' && sub.window_ends_at && sub.window_ends_at > nowIso && pending.length) {
    await rescheduleSend(tx, ctx, sub, now);
    return null;
  }
  const own = (c: (typeof pending)[number]) =>
    (sub.user_id !== null && c.author_user_id === sub.user_id) || (sub.guest_id !== null && c.guest_id === sub.guest_id) || (c.author_email !== null && c.author_email === address);
  const eligible = pending.filter((c) => c.status === 'published' && !own(c));
  const batch = eligible.slice(0, MAX_COMMENTS_PER_EMAIL);
  await skip(pending.filter((c) => !eligible.includes(c)).map((c) => c.queueId));

  const messageId = `<notify.${jobId}.${sub.id}@${messageIdHost(ctx)}>`;
  // The claim: a (address, comment) pair already emailed, or being emailed, is not taken again.
  const taken = batch.length
    ? await tx.db
        .insertInto('sent_notifications')
        .values(batch.map((c) => ({ address, comment_id: c.id, subscription_id: sub.id, job_id: jobId, message_id: messageId, status: 'sending' as const, created_at: nowIso })))
        .onConflict((oc) => oc.columns(['address', 'comment_id']).doNothing())
        .returning('comment_id')
        .execute()
    : [];
  const takenIds = new Set(taken.map((r) => r.comment_id));
  const mine = batch.filter((c) => takenIds.has(c.id));
  await skip(batch.filter((c) => !takenIds.has(c.id)).map((c) => c.queueId));
  if (mine.length) {
    await tx.db
      .updateTable('notification_queue')
      .set({ state: 'sending', job_id: jobId })
      .where('id', 'in', mine.map((c) => c.queueId))
      .execute();
  }
  const windowEnds = mine.length ? iso(new Date(now.getTime() + WINDOW_MS)) : sub.window_ends_at;
  await tx.db
    .updateTable('notification_subscriptions')
    .set({ send_at: null, window_ends_at: windowEnds, ...(mine.length ? { last_sent_at: nowIso } : {}) })
    .where('id', '=', sub.id)
    .execute();
  // More than one email's worth waiting: the rest goes in the next window.
  if (eligible.length > batch.length) await rescheduleSend(tx, ctx, { ...sub, window_ends_at: windowEnds }, now);
  if (!mine.length) return null;
  return { sub, address, article, comments: mine.map(toEmailComment), messageId };
}

function toEmailComment(c: { id: number; author_name: string; created_at: string; body_html: string; reply_to_name: string | null }): EmailComment {
  return { id: c.id, authorName: c.author_name, createdAt: c.created_at, bodyHtml: c.body_html, replyToName: c.reply_to_name };
}

/** Where a subscription's emails go now: the account's current address, or the guest's. */
async function addressOf(tx: Tx, sub: SubscriptionRow): Promise<string | null> {
  if (sub.user_id === null) return sub.email;
  const user = await tx.db.selectFrom('users').select(['email', 'status']).where('id', '=', sub.user_id).executeTakeFirst();
  return user && user.status === 'active' ? user.email.toLowerCase() : null;
}

async function articleOf(tx: Tx, sub: SubscriptionRow): Promise<{ title: string; slug: string } | null> {
  if (sub.article_id === null) return null;
  const article = await tx.db.selectFrom('articles').select(['title', 'slug', 'status']).where('id', '=', sub.article_id).executeTakeFirst();
  return article && article.status === 'published' ? { title: article.title, slug: article.slug } : null;
}

/** Record the outcome of one email: its claims and queue rows become 'sent' (or 'failed'). */
async function finishBatch(tx: Tx, jobId: number, subscriptionId: number, outcome: 'sent' | 'failed', error: string | null, now: string): Promise<void> {
  await tx.db
    .updateTable('sent_notifications')
    .set({ status: outcome, sent_at: outcome === 'sent' ? now : null, error: error?.slice(0, 2000) ?? null })
    .where('job_id', '=', jobId)
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'sending')
    .execute();
  await tx.db
    .updateTable('notification_queue')
    .set({ state: outcome, done_at: now })
    .where('job_id', '=', jobId)
    .where('subscription_id', '=', subscriptionId)
    .where('state', '=', 'sending')
    .execute();
}

/** 'notifications.confirm': the double opt-in email, unless the link was replaced or used meanwhile. */
export async function runConfirmJob(ctx: AppContext, job: NotificationJob): Promise<void> {
  const { ids, expiresAt } = job.payload as { ids: number[]; expiresAt: string };
  const expires = new Date(expiresAt);
  const hash = hashNotifyToken(confirmToken(ctx.secret, ids, expires));
  const db = ctx.database.db;
  const rows = await db.selectFrom('notification_subscriptions').select(subscriptionColumns).where('id', 'in', ids).execute();
  const waiting = rows.filter((r) => r.status === 'pending' && r.confirm_token_hash === hash && r.email);
  const first = waiting[0];
  if (!first?.email || !first.article_id) return;
  const article = await db.selectFrom('articles').select('title').where('id', '=', first.article_id).executeTakeFirst();
  if (!article) return;
  const email = confirmationEmail(ctx, { to: first.email, kinds: waiting.map((r) => r.kind), article, confirmUrl: confirmUrl(ctx, ids, expires) });
  await sendOrClassify(ctx, { ...email, messageId: `<confirm.${job.id}@${messageIdHost(ctx)}>`, headers: { 'Auto-Submitted': 'auto-generated' } });
}

/** 'notifications.manage-link': a fresh "Manage notifications" link, asked for by the reader. */
export async function runManageLinkJob(ctx: AppContext, job: NotificationJob): Promise<void> {
  const { subscriberKey } = job.payload as { subscriberKey: string };
  const view = await getManageView(ctx, subscriberKey);
  if (!view.address || view.subscriptions.length === 0) return;
  const email = manageLinkEmail(ctx, { to: view.address, manageUrl: manageUrl(ctx, subscriberKey, ctx.clock.now()) });
  await sendOrClassify(ctx, { ...email, messageId: `<manage.${job.id}@${messageIdHost(ctx)}>`, headers: { 'Auto-Submitted': 'auto-generated' } });
}

async function sendOrClassify(ctx: AppContext, message: Parameters<AppContext['mailer']['sendMail']>[0]): Promise<void> {
  try {
    await ctx.mailer.sendMail(message);
  } catch (error) {
    if (isPermanentMailError(error)) throw new PermanentJobError(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

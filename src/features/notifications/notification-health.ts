import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { wakeWorkersOnCommit } from '../../jobs/outbox.js';
import { iso } from '../../shared/clock.js';
import { NotificationError } from './errors.js';

export type NotificationJobKind = 'send' | 'confirm' | 'manage-link';

export interface NotificationIssue {
  jobId: number;
  kind: NotificationJobKind;
  /** A comment notification: the subscription it was for (retry it alone). */
  subscriptionId: number | null;
  /** Where the email was going, when it can still be told. */
  to: string | null;
  attempts: number;
  maxAttempts: number;
  error: string | null;
  /** Failed: when it gave up. Retrying: when the next attempt runs. */
  at: string;
}

export interface NotificationHealth {
  failed: NotificationIssue[];
  retrying: NotificationIssue[];
  summary: { active: number; pending: number; sentLastDay: number };
}

const LIMIT = 100;
const kindOf = (kind: string) => kind.slice('notifications.'.length) as NotificationJobKind;

/** Where a confirmation or manage-link job was sending. */
function jobAddress(kind: NotificationJobKind, payload: string): string | null {
  const p = JSON.parse(payload) as { address?: string; subscriberKey?: string };
  if (kind === 'confirm') return p.address ?? null;
  return p.subscriberKey?.startsWith('email:') ? p.subscriberKey.slice('email:'.length) : null;
}

/**
 * What admins need to see of notification email: every email that failed for good (the address
 * and the mail server's answer), those waiting for a retry, newest first; and a few totals.
 */
export async function getNotificationHealth(ctx: AppContext): Promise<NotificationHealth> {
  const db = ctx.database.db;
  const [failedEmails, failedJobs, retryingJobs] = await Promise.all([
    // Comment notifications: one row per email (a job sends many).
    db
      .selectFrom('sent_notifications as s')
      .innerJoin('jobs as j', 'j.id', 's.job_id')
      .select(['s.job_id', 's.subscription_id', 's.address', 'j.attempts', 'j.max_attempts', 'j.finished_at', 'j.run_at'])
      .select((eb) => [eb.fn.max('s.error').as('error'), eb.fn.max('s.created_at').as('created_at')])
      .where('s.status', '=', 'failed')
      .groupBy(['s.job_id', 's.subscription_id', 's.address', 'j.attempts', 'j.max_attempts', 'j.finished_at', 'j.run_at'])
      .orderBy('s.job_id', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('jobs')
      .select(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'last_error', 'finished_at', 'run_at'])
      .where('kind', 'in', ['notifications.confirm', 'notifications.manage-link'])
      .where('status', '=', 'failed')
      .orderBy('id', 'desc')
      .limit(LIMIT)
      .execute(),
    db
      .selectFrom('jobs')
      .select(['id', 'kind', 'payload', 'attempts', 'max_attempts', 'last_error', 'run_at'])
      .where('kind', 'like', 'notifications.%')
      .where('status', '=', 'pending')
      .where('attempts', '>', 0)
      .orderBy('run_at')
      .orderBy('id')
      .limit(LIMIT)
      .execute(),
  ]);
  const waiting = retryingJobs.filter((j) => j.kind === 'notifications.send').map((j) => j.id);
  const waitingTo = new Map<number, string[]>();
  if (waiting.length) {
    const rows = await db.selectFrom('sent_notifications').select(['job_id', 'address']).distinct().where('job_id', 'in', waiting).where('status', '=', 'sending').execute();
    for (const r of rows) waitingTo.set(r.job_id, [...(waitingTo.get(r.job_id) ?? []), r.address]);
  }

  const failed: NotificationIssue[] = [
    ...failedEmails.map((r) => ({
      jobId: r.job_id,
      kind: 'send' as const,
      subscriptionId: r.subscription_id,
      to: r.address,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      error: r.error,
      at: r.finished_at ?? String(r.created_at),
    })),
    ...failedJobs.map((j) => ({
      jobId: j.id,
      kind: kindOf(j.kind),
      subscriptionId: null,
      to: jobAddress(kindOf(j.kind), j.payload),
      attempts: j.attempts,
      maxAttempts: j.max_attempts,
      error: j.last_error,
      at: j.finished_at ?? j.run_at,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const retrying: NotificationIssue[] = retryingJobs.map((j) => {
    const kind = kindOf(j.kind);
    return {
      jobId: j.id,
      kind,
      subscriptionId: null,
      to: kind === 'send' ? (waitingTo.get(j.id) ?? []).join(', ') || null : jobAddress(kind, j.payload),
      attempts: j.attempts,
      maxAttempts: j.max_attempts,
      error: j.last_error,
      at: j.run_at,
    };
  });

  const since = iso(new Date(ctx.clock.now().getTime() - 86_400_000));
  const [counts, sent] = await Promise.all([
    db.selectFrom('notification_subscriptions').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('status', 'in', ['active', 'pending']).groupBy('status').execute(),
    db
      .selectFrom('sent_notifications')
      .select(sql<number>`count(distinct message_id)`.as('n'))
      .where('status', '=', 'sent')
      .where('sent_at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  return { failed, retrying, summary: { active: count('active'), pending: count('pending'), sentLastDay: Number(sent.n) } };
}

/**
 * Try a failed notification email again (after fixing the mail server or the address): its job
 * goes back to the outbox with fresh attempts. For a comment notification, only that
 * subscription's email is sent again: its claims are set back to 'sending' for the job.
 */
export async function retryNotification(ctx: AppContext, input: { jobId: number; subscriptionId?: number }): Promise<void> {
  const now = iso(ctx.clock.now());
  const notFound = () => new NotificationError('notify_not_found', ctx.site.i18n.t('notifications.admin.jobNotFound'));
  await ctx.database.transaction(async (tx) => {
    const job = await tx.db.selectFrom('jobs').select(['id', 'kind', 'status']).where('id', '=', input.jobId).where('kind', 'like', 'notifications.%').executeTakeFirst();
    if (!job || job.status === 'running') throw notFound();
    if (job.kind === 'notifications.send') {
      let claims = tx.db.updateTable('sent_notifications').set({ status: 'sending', error: null }).where('job_id', '=', job.id).where('status', '=', 'failed');
      if (input.subscriptionId !== undefined) claims = claims.where('subscription_id', '=', input.subscriptionId);
      const reset = await claims.returning('subscription_id').execute();
      if (!reset.length) throw notFound();
      await tx.db
        .updateTable('notification_queue')
        .set({ state: 'sending', done_at: null })
        .where('job_id', '=', job.id)
        .where('state', '=', 'failed')
        .where('subscription_id', 'in', [...new Set(reset.map((r) => r.subscription_id))])
        .execute();
    } else if (job.status !== 'failed') {
      throw notFound();
    }
    await tx.db.updateTable('jobs').set({ status: 'pending', attempts: 0, run_at: now, finished_at: null, locked_until: null }).where('id', '=', job.id).execute();
    wakeWorkersOnCommit(tx);
  });
}

import { sql, type Updateable } from 'kysely';
import type { AppContext } from '../context.js';
import type { JobsTable } from '../db/schema/jobs.js';
import { iso } from '../shared/clock.js';
import { onJobsEnqueued, PermanentJobError } from './outbox.js';

export type Job = { id: number; kind: string; payload: unknown; attempts: number; maxAttempts: number };
export type JobHandler = (ctx: AppContext, job: Job) => Promise<void>;

export interface WorkerOptions {
  /**
   * How long a claim lasts (default 5 minutes), renewed while the job runs; a job whose claim ran
   * out (its worker died or stalled) may be taken over (crash recovery).
   */
  leaseMs?: number;
  /** How often to look for due work when nobody wakes the worker. */
  pollMs?: number;
  /** First retry delay; doubles each attempt, capped at one hour. */
  backoffMs?: number;
  /**
   * Jobs run at the same time by this worker (default 1). Claims stay atomic, so any number is
   * safe; more than one lets slow network work (SMTP) overlap.
   */
  concurrency?: number;
}

/** Retry delay after `attempts` failed attempts. */
export function backoff(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Claim the next due job atomically. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets any number of
 * instances claim concurrently without taking the same job; SQLite has one writer at a time, so
 * the single UPDATE … RETURNING is already atomic.
 */
export async function claimJob(ctx: AppContext, leaseMs: number): Promise<(Pick<JobsTable, 'kind' | 'payload' | 'attempts' | 'max_attempts'> & { id: number }) | null> {
  const now = ctx.clock.now();
  const nowIso = iso(now);
  const until = iso(new Date(now.getTime() + leaseMs));
  const lock = ctx.database.dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const result = await sql<{ id: number; kind: string; payload: string; attempts: number; max_attempts: number }>`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = ${until}
    WHERE id = (
      SELECT id FROM jobs
      WHERE (status = 'pending' AND run_at <= ${nowIso}) OR (status = 'running' AND locked_until < ${nowIso})
      ORDER BY run_at, id
      LIMIT 1
      ${lock}
    )
    RETURNING id, kind, payload, attempts, max_attempts`.execute(ctx.database.db);
  return result.rows[0] ?? null;
}

/**
 * Run one claimed job and record its outcome. Returns false when there was nothing to do.
 *
 * The lease is renewed while the handler runs (every third of it), so a slow job (a send job
 * waiting on SMTP) is not taken over while its worker is alive. Should it be taken over anyway
 * (a process paused longer than the lease), the claim counts one more attempt: every write of
 * this run is fenced on its own attempt number, so the worker that lost the lease neither renews
 * it nor overwrites the outcome the new holder records.
 */
export async function runOneJob(ctx: AppContext, handlers: Record<string, JobHandler>, options: WorkerOptions = {}): Promise<boolean> {
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const claimed = await claimJob(ctx, leaseMs);
  if (!claimed) return false;
  const db = ctx.database.db;
  const handler = handlers[claimed.kind];
  const job: Job = { id: claimed.id, kind: claimed.kind, payload: JSON.parse(claimed.payload), attempts: claimed.attempts, maxAttempts: claimed.max_attempts };
  const renewal = setInterval(() => {
    db.updateTable('jobs')
      .set({ locked_until: iso(new Date(ctx.clock.now().getTime() + leaseMs)) })
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('attempts', '=', job.attempts)
      .executeTakeFirst()
      .then((result) => {
        if (Number(result.numUpdatedRows) === 0) clearInterval(renewal);
      })
      .catch((error: unknown) => ctx.logger.warn({ job: job.id, err: error }, 'worker: renewing a lease failed'));
  }, Math.max(1000, Math.floor(leaseMs / 3)));
  renewal.unref();
  let outcome: Updateable<JobsTable>;
  let failure: { message: string; permanent: boolean } | null = null;
  try {
    if (!handler) throw new PermanentJobError(`no handler for job kind "${claimed.kind}"`);
    await handler(ctx, job);
    outcome = { status: 'done', finished_at: iso(ctx.clock.now()), locked_until: null, last_error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
    const now = ctx.clock.now();
    failure = { message, permanent };
    outcome = permanent
      ? { status: 'failed', finished_at: iso(now), locked_until: null, last_error: message.slice(0, 2000) }
      : { status: 'pending', run_at: iso(new Date(now.getTime() + backoff(job.attempts, options.backoffMs ?? 30_000))), locked_until: null, last_error: message.slice(0, 2000) };
  } finally {
    clearInterval(renewal);
  }
  const recorded = await db.updateTable('jobs').set(outcome).where('id', '=', job.id).where('status', '=', 'running').where('attempts', '=', job.attempts).executeTakeFirst();
  if (Number(recorded.numUpdatedRows) === 0) {
    ctx.logger.warn({ job: job.id, kind: job.kind, attempts: job.attempts, err: failure?.message }, 'job finished after its lease was taken over; outcome left to the new holder');
  } else if (failure) {
    ctx.logger[failure.permanent ? 'error' : 'warn']({ job: job.id, kind: job.kind, attempts: job.attempts, err: failure.message }, failure.permanent ? 'job failed for good' : 'job failed; will retry');
  }
  return true;
}

/**
 * The background worker: runs due jobs (`concurrency` lanes side by side), wakes at once when a
 * transaction of this process that enqueued a job commits (`wake()`, called from its onCommit:
 * see `onJobsEnqueued` in outbox.ts) and otherwise polls every `pollMs` (jobs due later, jobs
 * enqueued by other instances, leases to take over). Safe on any number of instances.
 */
export function startWorker(ctx: AppContext, handlers: Record<string, JobHandler>, options: WorkerOptions = {}) {
  const pollMs = options.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const lane = async () => {
    try {
      while (!stopped && (await runOneJob(ctx, handlers, options))) {}
    } catch (error) {
      ctx.logger.error({ err: error }, 'worker: claiming a job failed');
    }
  };
  const lanes = Math.max(1, Math.trunc(options.concurrency ?? 1));
  const drain = async () => {
    do {
      again = false;
      await Promise.all(Array.from({ length: lanes }, lane));
    } while (again && !stopped);
  };
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
      schedule();
    });
  };
  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(wake, pollMs);
    timer.unref();
  };
  const unsubscribe = onJobsEnqueued(wake);
  wake();
  return {
    wake,
    /** Wait for the current run to finish (tests). */
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}

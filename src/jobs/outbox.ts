import type { Tx } from '../db/database.js';
import { iso } from '../shared/clock.js';

export interface EnqueueOptions {
  /** Enqueue at most once per key, ever (e.g. `notify:comment:42:user:7`). */
  dedupeKey?: string;
  /** Not before this time (UTC ISO). Default: now. */
  runAt?: string;
  maxAttempts?: number;
}

const enqueueListeners = new Set<() => void>();

/**
 * Be told when a transaction that enqueued a job has committed (the worker's `wake`, so a job
 * due now starts at once instead of at the next poll). Returns the function that stops it.
 * In-process only: another instance finds the job at its next poll.
 */
export function onJobsEnqueued(listener: () => void): () => void {
  enqueueListeners.add(listener);
  return () => enqueueListeners.delete(listener);
}

/** Wake the workers of this process after `tx` commits (also for a job made due again, e.g. a retry). */
export function wakeWorkersOnCommit(tx: Tx): void {
  tx.onCommit(() => {
    for (const listener of enqueueListeners) listener();
  });
}

/**
 * Put a job in the outbox, inside the transaction of the write that causes it: the job exists
 * if and only if the write committed. The worker runs it after commit (woken by the commit).
 */
export async function enqueueJob(tx: Tx, now: Date, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
  wakeWorkersOnCommit(tx);
  await tx.db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      dedupe_key: options.dedupeKey ?? null,
      status: 'pending',
      run_at: options.runAt ?? iso(now),
      attempts: 0,
      max_attempts: options.maxAttempts ?? 8,
      locked_until: null,
      last_error: null,
      created_at: iso(now),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** One job of a bulk enqueue. */
export interface BulkJob {
  kind: string;
  payload: unknown;
  dedupeKey?: string;
  runAt?: string;
  maxAttempts?: number;
}

/** Rows per INSERT: 10 values each keeps a statement under SQLite's 32,766 bound parameters. */
const BULK_ROWS = 2000;

/**
 * Many jobs in the outbox at once, inside the caller's transaction: multi-row INSERTs of up to
 * 2,000 rows, so 10,000 notification emails cost five statements, not 10,000 round trips. Keys
 * already enqueued are skipped, as with `enqueueJob`.
 */
export async function enqueueJobs(tx: Tx, now: Date, jobs: readonly BulkJob[]): Promise<void> {
  if (jobs.length) wakeWorkersOnCommit(tx);
  const created = iso(now);
  for (let start = 0; start < jobs.length; start += BULK_ROWS) {
    const rows = jobs.slice(start, start + BULK_ROWS).map((job) => ({
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      dedupe_key: job.dedupeKey ?? null,
      status: 'pending' as const,
      run_at: job.runAt ?? created,
      attempts: 0,
      max_attempts: job.maxAttempts ?? 8,
      locked_until: null,
      last_error: null,
      created_at: created,
      finished_at: null,
    }));
    await tx.db
      .insertInto('jobs')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }
}

/** Thrown by a handler for a failure that retrying cannot fix (bad address, missing data). */
export class PermanentJobError extends Error {
  readonly code = 'job_permanent_failure';
}

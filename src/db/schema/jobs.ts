import type { Generated } from 'kysely';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** The transactional outbox: work a write causes, committed with the write, run by the worker. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON. */
  payload: string;
  /** Enqueueing the same key twice is a no-op: the job exists once. */
  dedupe_key: string | null;
  status: JobStatus;
  /** UTC ISO-8601: not before. */
  run_at: string;
  attempts: number;
  max_attempts: number;
  /** While running: the claim expires then, and another worker may take the job over. */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

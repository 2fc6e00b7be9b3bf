import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Dialect, Tx } from './database.js';
import type { DB } from './schema/index.js';

type Effect = () => void | Promise<void>;

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Transactions committed together at most (a bound on how long one caller can wait for others). */
const MAX_BATCH = 64;

async function runEffects(effects: Effect[]): Promise<void> {
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      // A side effect must never turn a committed write into an error for the caller.
      console.error('onCommit effect failed', error);
    }
  }
}

/**
 * SQLite group commit. SQLite has one writer, and a durable commit (synchronous=FULL) waits for
 * the disk: 0.5–3 ms on ordinary SSDs and virtual disks, which caps one-by-one commits at a few
 * hundred a second whatever the CPU. So transactions that arrive while one is running wait, and
 * then run together: each in a SAVEPOINT of one transaction, in arrival order (each sees the ones
 * before it, as if they had run one after the other), each released or rolled back on its own —
 * a transaction that throws is undone without touching the others — and ONE commit makes the
 * whole batch durable before any caller hears back. Under no load a batch is a single
 * transaction. Side effects (`onCommit`) run after the commit, outside the connection, as before.
 * Measured reason: docs/decisions.md ("SQLite group commit").
 */
export function groupCommit(db: Kysely<DB>, dialect: Dialect, durable?: () => Promise<void>): <T>(fn: (tx: Tx) => Promise<T>) => Promise<T> {
  const queue: Job[] = [];
  let draining = false;

  async function runBatch(batch: Job[]): Promise<void> {
    const settled: Array<() => void> = [];
    try {
      const trx = await db.startTransaction().execute();
      try {
        for (const job of batch) {
          const effects: Effect[] = [];
          const savepoint = await trx.savepoint('job').execute();
          try {
            const value = await job.fn({ db: savepoint, dialect, onCommit: (effect) => effects.push(effect) });
            await savepoint.releaseSavepoint('job').execute();
            settled.push(() => void runEffects(effects).then(() => job.resolve(value)));
          } catch (error) {
            await savepoint.rollbackToSavepoint('job').execute();
            await savepoint.releaseSavepoint('job').execute();
            settled.push(() => job.reject(error));
          }
        }
        await trx.commit().execute();
      } catch (error) {
        await trx.rollback().execute().catch(() => {});
        throw error;
      }
    } catch (error) {
      // The batch could not commit (disk full, I/O error): nothing of it happened.
      for (const job of batch) job.reject(error);
      return;
    }
    if (!durable) {
      for (const settle of settled) settle();
      return;
    }
    // Durable off the main thread (durable-sqlite.ts): nobody hears back before the WAL is synced,
    // but the next batch need not wait for the disk: it runs meanwhile, and its own sync (which
    // starts after its commit) covers it. A failed sync is a failed write for the whole batch.
    void durable().then(
      () => {
        for (const settle of settled) settle();
      },
      (error) => {
        for (const job of batch) job.reject(error);
      },
    );
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length) {
        // better-sqlite3 is synchronous: a batch runs, and commits, without giving the event loop a
        // turn, so requests that arrived meanwhile have not been read yet. One turn of the loop
        // lets them queue their transactions, and so join this batch instead of each paying a
        // commit of its own (over HTTP, without this turn, every batch was a batch of one).
        await new Promise((resolve) => setImmediate(resolve));
        await runBatch(queue.splice(0, MAX_BATCH));
      }
    } finally {
      draining = false;
    }
  }

  return <T>(fn: (tx: Tx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
}

/**
 * Keep prepared statements: Kysely's SQLite driver prepares every query it runs, and preparing
 * costs more than running most of ours. Statements are reused by their SQL text (the single
 * connection runs one query at a time, and nothing here streams); the least recently added is
 * dropped past `max`.
 */
export function cacheStatements(sqlite: SQLiteDatabase, max = 1000): SQLiteDatabase {
  const statements = new Map<string, Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = prepare(source);
      if (statements.size >= max) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(source, statement);
    }
    return statement;
  }) as SQLiteDatabase['prepare'];
  return sqlite;
}

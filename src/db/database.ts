import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Config } from '../config.js';
import { DurableSqliteDialect, walSync } from './durable-sqlite.js';
import { cacheStatements, groupCommit } from './group-commit.js';
import type { DB } from './schema/index.js';

export type Dialect = 'sqlite' | 'postgres';

/** A transaction plus the side effects to run once it has committed. */
export interface Tx {
  db: Transaction<DB>;
  dialect: Dialect;
  /** Run `fn` after the transaction commits (never if it rolls back). */
  onCommit(fn: () => void | Promise<void>): void;
}

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Open a transaction; side effects registered with `onCommit` run after it commits. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseConnectionError extends Error {
  readonly code = 'database_unreachable';
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  let db: Kysely<DB>;
  let dialect: Dialect;
  let wal: ReturnType<typeof walSync> | null = null;
  if (config.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(config.file), { recursive: true });
    // Each driver is loaded only when used, so a site pays in memory for one of them.
    const { default: SQLite } = await import('better-sqlite3');
    const sqlite = new SQLite(config.file);
    const walMode = sqlite.pragma('journal_mode = WAL', { simple: true }) === 'wal';
    // Every write is on disk before it is acknowledged (principle 5: nothing acknowledged is lost).
    // In WAL mode the WAL is synced on the thread pool, not inside SQLite on the main thread:
    // NORMAL here, and DurableSqliteDialect syncs after each commit and each write outside a
    // transaction. A database that cannot use a WAL (in memory) stays with SQLite's FULL.
    sqlite.pragma(walMode ? 'synchronous = NORMAL' : 'synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -32000');
    const database = cacheStatements(sqlite);
    if (walMode) wal = walSync(`${sqlite.name}-wal`);
    db = new Kysely<DB>({ dialect: wal ? new DurableSqliteDialect({ database }, wal.sync) : new SqliteDialect({ database }) });
    dialect = 'sqlite';
  } else {
    const { default: pg } = await import('pg');
    // PostgreSQL returns int8 (count, sum) and numeric as strings; every such value here fits a double.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    pg.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle client whose server connection dies (restart, failover, DROP DATABASE) emits 'error'
    // on the pool; unhandled, that would crash the process. The pool drops it and the next query
    // opens a new connection, so there is nothing else to do here.
    pool.on('error', () => {});
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end().catch(() => {});
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseConnectionError(`cannot connect to PostgreSQL: ${reason}`);
    }
  }

  // SQLite: concurrent transactions share one durable commit (see group-commit.ts).
  const grouped = dialect === 'sqlite' ? groupCommit(db, dialect, wal?.sync) : null;
  return {
    db,
    dialect,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      if (grouped) return grouped(fn);
      const effects: Array<() => void | Promise<void>> = [];
      const result = await db.transaction().execute((trx) => fn({ db: trx, dialect, onCommit: (f) => effects.push(f) }));
      for (const effect of effects) {
        try {
          await effect();
        } catch (error) {
          // A side effect must never turn a committed write into an error for the caller.
          console.error('onCommit effect failed', error);
        }
      }
      return result;
    },
    async close() {
      await db.destroy();
      await wal?.close();
    },
  };
}

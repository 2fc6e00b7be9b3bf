import fs from 'node:fs/promises';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite commits made durable off the main thread.
 *
 * With `synchronous=FULL`, SQLite calls fdatasync on the WAL inside every COMMIT, and
 * better-sqlite3 is synchronous: the whole process stops for the disk (about 3 ms on this
 * project's VM) once per commit, however many requests wait to be parsed, rendered or answered.
 *
 * Here SQLite runs with `synchronous=NORMAL` — in WAL mode that keeps the database consistent
 * whatever happens, it only leaves the WAL's last writes in the OS's cache — and this dialect syncs
 * the WAL itself, on libuv's thread pool, after every write and before the write is acknowledged:
 *  - a transaction (`db.transaction().execute`) resolves only once the WAL is on disk;
 *  - a write outside a transaction (an INSERT, UPDATE or DELETE in autocommit) resolves only once
 *    the WAL is on disk too;
 *  - a controlled transaction (`startTransaction`, used only by the group commit) cannot be
 *    waited for here (Kysely releases its connection without waiting), so its owner calls the
 *    sync itself after COMMIT: `groupCommit(db, dialect, wal.sync)`;
 *  - reads never wait.
 * The sync runs after the connection is released: the next query, a read for a page or the next
 * batch, runs while the disk works, and the process never stops for it. Syncs requested while one
 * runs share the next one (which starts after them, so it covers their writes). SQLite's own
 * checkpoints still sync the WAL and then the database file, as under FULL. So an acknowledged
 * write survives a power cut exactly as with FULL.
 * Measured reason and figures: docs/decisions.md ("SQLite durability off the main thread").
 */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly sync: () => Promise<void>,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new DurableDriver(super.createDriver(), this.sync);
  }
}

/** Statements that never change the database: everything else is treated as a write. */
const READ_ONLY = /^\s*(select|pragma|explain|begin|savepoint|release|rollback)\b/i;

class DurableConnection implements DatabaseConnection {
  /** Inside BEGIN … COMMIT: the commit syncs, not each statement. */
  inTransaction = false;
  /** A write (or a commit) happened since the connection was acquired: sync once it is released. */
  pendingSync = false;

  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (!this.inTransaction && !READ_ONLY.test(query.sql)) this.pendingSync = true;
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class DurableDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, DurableConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly sync: () => Promise<void>,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let durable = this.connections.get(connection);
    if (!durable) this.connections.set(connection, (durable = new DurableConnection(connection)));
    return durable;
  }

  /**
   * BEGIN IMMEDIATE: the write lock is taken at the start, waiting (busy_timeout) for another
   * process's writer if need be. A plain (deferred) BEGIN reads first and asks for the lock at the
   * first write; if another process committed in between, SQLite refuses at once with
   * SQLITE_BUSY_SNAPSHOT, whatever the timeout: a comment lost to a 500 (seen in the benchmark,
   * where a second server shares the file). Every transaction here writes.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    (connection as DurableConnection).inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.inner.commitTransaction(connection);
    const durable = connection as DurableConnection;
    durable.inTransaction = false;
    durable.pendingSync = true;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as DurableConnection).inTransaction = false;
    await this.inner.rollbackTransaction(connection);
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) => this.inner.savepoint?.(connection, name, compile) ?? Promise.resolve();
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) => this.inner.rollbackToSavepoint?.(connection, name, compile) ?? Promise.resolve();
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) => this.inner.releaseSavepoint?.(connection, name, compile) ?? Promise.resolve();

  /** Kysely awaits this before a query or transaction resolves: free the connection, then sync. */
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const durable = connection instanceof DurableConnection ? connection : null;
    const needsSync = durable?.pendingSync ?? false;
    if (durable) durable.pendingSync = false;
    await this.inner.releaseConnection(durable ? durable.inner : connection);
    if (needsSync) await this.sync();
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * fdatasync of the WAL file, shared: a call made while a sync runs waits for the next one (which
 * starts after it, so it covers the caller's writes); any number of callers then share that one.
 */
export function walSync(walFile: string, datasync: (handle: fs.FileHandle) => Promise<void> = (h) => h.datasync()): { sync: () => Promise<void>; close: () => Promise<void> } {
  let handle: Promise<fs.FileHandle> | null = null;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const once = async () => {
    handle ??= fs.open(walFile, 'r');
    let file = await handle;
    // The WAL is the same file for the connection's life; should something have replaced it (a
    // tool deleting it while the site runs), sync the file that is there now.
    const [onDisk, opened] = await Promise.all([fs.stat(walFile).catch(() => null), file.stat()]);
    if (onDisk && onDisk.ino !== opened.ino) {
      await file.close().catch(() => {});
      handle = fs.open(walFile, 'r');
      file = await handle;
    }
    await datasync(file);
  };
  const start = (): Promise<void> => {
    const current = once().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
  return {
    sync() {
      if (!running) return start();
      next ??= running.catch(() => {}).then(() => {
        next = null;
        return start();
      });
      return next;
    },
    async close() {
      await running?.catch(() => {});
      await next?.catch(() => {});
      if (handle) await (await handle).close();
      handle = null;
    },
  };
}

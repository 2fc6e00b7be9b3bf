import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { DurableSqliteDialect, walSync } from './durable-sqlite.js';
import { groupCommit } from './group-commit.js';
import type { DB } from './schema/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A WAL database whose syncs wait until the test lets them finish. */
function setUp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-durable-'));
  dirs.push(dir);
  const file = path.join(dir, 'db.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table notes (id integer primary key, body text not null)');
  const pending: Array<() => void> = [];
  let started = 0;
  const wal = walSync(`${file}-wal`, () => {
    started++;
    return new Promise<void>((resolve) => pending.push(resolve));
  });
  const db = new Kysely<DB>({ dialect: new DurableSqliteDialect({ database: sqlite }, wal.sync) });
  /** Finish the syncs started so far. */
  const finishSyncs = async () => {
    for (const resolve of pending.splice(0)) resolve();
    await new Promise((r) => setTimeout(r, 50));
  };
  return { db, sqlite, wal, finishSyncs, syncsStarted: () => started };
}

/** Whether `promise` has settled once the thread pool's file operations (open, stat) have had time to run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 50));
  return done;
}

describe('SQLite durability off the main thread', () => {
  it('acknowledges a transaction only once the WAL is synced', async () => {
    const { db, finishSyncs, syncsStarted } = setUp();
    const committed = db.transaction().execute((trx) => sql`insert into notes (body) values ('one')`.execute(trx));
    expect(await settled(committed)).toBe(false);
    expect(syncsStarted()).toBe(1);
    await finishSyncs();
    expect(await settled(committed)).toBe(true);
  });

  it('acknowledges a write outside a transaction only once the WAL is synced; a read never waits', async () => {
    const { db, finishSyncs, syncsStarted } = setUp();
    const written = sql`insert into notes (body) values ('two')`.execute(db);
    expect(await settled(written)).toBe(false);
    await finishSyncs();
    expect(await settled(written)).toBe(true);
    const started = syncsStarted();
    const rows = await sql<{ body: string }>`select body from notes`.execute(db);
    expect(rows.rows).toEqual([{ body: 'two' }]);
    expect(syncsStarted()).toBe(started);
  });

  it('acknowledges a grouped batch only once the WAL is synced, with one sync for the batch', async () => {
    const { db, wal, finishSyncs, syncsStarted } = setUp();
    const transaction = groupCommit(db, 'sqlite', wal.sync);
    const inserts = Array.from({ length: 5 }, (_, i) => transaction((tx) => sql`insert into notes (body) values (${`note ${i}`})`.execute(tx.db)));
    const all = Promise.all(inserts);
    expect(await settled(all)).toBe(false);
    while (!(await settled(all))) await finishSyncs();
    // The commit's own sync (on release) and the group commit's barrier share or follow each other.
    expect(syncsStarted()).toBeLessThanOrEqual(3);
  });

  it('shares syncs: calls made while one runs share the next one, which starts after them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-durable-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'db.sqlite-wal'), '');
    const pending: Array<() => void> = [];
    let started = 0;
    const wal = walSync(path.join(dir, 'db.sqlite-wal'), () => {
      started++;
      return new Promise<void>((resolve) => pending.push(resolve));
    });
    const first = wal.sync();
    await settled(first);
    expect(started).toBe(1);
    const more = Promise.all([wal.sync(), wal.sync(), wal.sync()]);
    expect(await settled(more)).toBe(false);
    expect(started).toBe(1);
    pending.shift()?.();
    expect(await settled(first)).toBe(true);
    expect(started).toBe(2);
    expect(await settled(more)).toBe(false);
    pending.shift()?.();
    expect(await settled(more)).toBe(true);
    await wal.close();
  });

  it('fails the write when the sync fails (a disk error is never acknowledged)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-durable-'));
    dirs.push(dir);
    const sqlite = new SQLite(path.join(dir, 'db.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('create table notes (id integer primary key, body text not null)');
    const wal = walSync(path.join(dir, 'db.sqlite-wal'), () => Promise.reject(new Error('EIO: i/o error')));
    const db = new Kysely<DB>({ dialect: new DurableSqliteDialect({ database: sqlite }, wal.sync) });
    await expect(db.transaction().execute((trx) => sql`insert into notes (body) values ('x')`.execute(trx))).rejects.toThrow('EIO');
  });

  it('is how openDatabase opens a SQLite file: WAL, NORMAL, and writes that survive a reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-durable-'));
    dirs.push(dir);
    const file = path.join(dir, 'site.sqlite');
    const database = await openDatabase({ kind: 'sqlite', file });
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db)).rows[0]?.journal_mode).toBe('wal');
    expect((await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db)).rows[0]?.synchronous).toBe(1);
    await sql`create table notes (body text)`.execute(database.db);
    await database.transaction((tx) => sql`insert into notes values ('kept')`.execute(tx.db));
    await database.close();
    const again = new SQLite(file);
    expect(again.prepare('select body from notes').all()).toEqual([{ body: 'kept' }]);
    again.close();
  });

  it('takes the write lock at BEGIN, so another process writing meanwhile cannot make a started transaction fail', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-durable-'));
    dirs.push(dir);
    const file = path.join(dir, 'shared.sqlite');
    const open = (busyMs: number) => {
      const sqlite = new SQLite(file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma(`busy_timeout = ${busyMs}`);
      const wal = walSync(`${file}-wal`);
      return { sqlite, wal, db: new Kysely<DB>({ dialect: new DurableSqliteDialect({ database: sqlite }, wal.sync) }) };
    };
    const ours = open(1000);
    ours.sqlite.exec('create table notes (id integer primary key, body text not null)');
    // The other server: its own connection to the same file (a second process, as in the benchmark).
    const other = open(50);
    const committed = await ours.db.transaction().execute(async (trx) => {
      await sql`select count(*) from notes`.execute(trx);
      // The other writer arrives between our first read and our first write. With a deferred
      // BEGIN its write would succeed and ours would then fail with SQLITE_BUSY_SNAPSHOT.
      expect(() => other.sqlite.prepare("insert into notes (body) values ('theirs')").run()).toThrow(/locked|busy/i);
      await sql`insert into notes (body) values ('ours')`.execute(trx);
      return 'committed';
    });
    expect(committed).toBe('committed');
    expect(other.sqlite.prepare('select body from notes').all()).toEqual([{ body: 'ours' }]);
    await ours.db.destroy();
    await other.db.destroy();
    await ours.wal.close();
    await other.wal.close();
  });
});

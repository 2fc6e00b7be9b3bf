import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.js';
import type { DB } from './schema/index.js';

function setUp() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table notes (id integer primary key, body text not null unique)');
  let commits = 0;
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    log(event) {
      if (event.query.sql.trim().toLowerCase() === 'commit') commits++;
    },
  });
  const transaction = groupCommit(db, 'sqlite');
  const insert = (body: string) => transaction((tx) => sql`insert into notes (body) values (${body})`.execute(tx.db));
  const bodies = () => (sqlite.prepare('select body from notes order by id').all() as Array<{ body: string }>).map((r) => r.body);
  return { db, insert, transaction, bodies, commits: () => commits };
}

describe('SQLite group commit', () => {
  it('is a single transaction and commit when alone', async () => {
    const { insert, bodies, commits } = setUp();
    await insert('one');
    expect(bodies()).toEqual(['one']);
    expect(commits()).toBe(1);
  });

  it('commits transactions that arrive on separate turns of the event loop together, as HTTP requests do', async () => {
    const { insert, bodies, commits } = setUp();
    // Each "request" starts in its own macrotask, the way the HTTP server reads requests.
    const done = Array.from({ length: 8 }, (_, i) => new Promise<unknown>((resolve, reject) => setImmediate(() => insert(`note ${i}`).then(resolve, reject))));
    await Promise.all(done);
    expect(bodies()).toEqual(Array.from({ length: 8 }, (_, i) => `note ${i}`));
    expect(commits()).toBeLessThanOrEqual(2);
  });

  it('undoes a failing transaction alone; the rest of its batch commits', async () => {
    const { insert, transaction, bodies } = setUp();
    const results = await Promise.allSettled([
      insert('a'),
      transaction(async (tx) => {
        await sql`insert into notes (body) values ('b')`.execute(tx.db);
        throw new Error('changed my mind');
      }),
      insert('a'), // unique violation: only this one fails
      insert('c'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(bodies()).toEqual(['a', 'c']);
  });

  it('runs a transaction’s onCommit effects after the commit, and only for the ones that committed', async () => {
    const { transaction, bodies } = setUp();
    const seen: string[] = [];
    await Promise.allSettled([
      transaction(async (tx) => {
        await sql`insert into notes (body) values ('kept')`.execute(tx.db);
        tx.onCommit(() => {
          seen.push(`after commit: ${bodies().join(',')}`);
        });
      }),
      transaction(async (tx) => {
        tx.onCommit(() => {
          seen.push('never');
        });
        throw new Error('no');
      }),
    ]);
    expect(seen).toEqual(['after commit: kept']);
  });
});

import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema/index.js';

/**
 * Queries built once, run many times. Building a query with Kysely's builder and compiling it to
 * SQL costs 20–40 µs of CPU (immutable nodes, frozen objects, a visitor pass) — more than SQLite
 * takes to run a lookup by key. On a hot path that runs a dozen queries per request (posting a
 * comment) that was a quarter of the server's time (docs/decisions.md, "Prepared queries").
 *
 * `prepared()` builds the query once per SQL dialect with named placeholders, remembers where each
 * one lands in the compiled parameters, and afterwards only fills in the values:
 *
 *   const commentById = prepared<{ id: number }>()((db, p) =>
 *     db.selectFrom('comments').select(['id', 'body_md']).where('id', '=', p.id));
 *   const row = await commentById.first(tx.db, { id: 42 });
 *
 * The query stays a typed Kysely query (columns, result row), written once for both databases.
 * Only a query whose shape does not depend on the values can be prepared: no `in` lists of
 * varying length, no branches on a value (write one prepared query per shape instead).
 */

const MARK = '\u0000outpost-param:';

/** Placeholders: `p.id` stands for the `id` argument, typed as it. */
const placeholders = new Proxy({}, { get: (_target, name) => `${MARK}${String(name)}` });

type Queryable = Pick<Kysely<DB>, 'executeQuery' | 'getExecutor'>;

interface Plan {
  sql: string;
  /** Per compiled parameter: the name of the placeholder it is, or the constant it was built with. */
  slots: Array<{ name: string } | { value: unknown }>;
}

export interface Prepared<Row, Args> {
  /** Every row. */
  all(db: Queryable, args: Args): Promise<Row[]>;
  /** The first row, or undefined. */
  first(db: Queryable, args: Args): Promise<Row | undefined>;
  /** Run it for its effect; the number of rows it changed (inserts, updates, deletes). */
  run(db: Queryable, args: Args): Promise<number>;
}

/** A query with the arguments `Args`: `prepared<{ id: number }>()((db, p) => …)`. */
export function prepared<Args extends Record<string, unknown> = Record<string, never>>() {
  return <Row>(build: (db: Kysely<DB>, p: Args) => Compilable<Row>): Prepared<Row, Args> => {
    // One plan per adapter class (SQLite, PostgreSQL): a transaction shares its database's adapter.
    const plans = new Map<unknown, Plan>();
    const planFor = (db: Queryable): Plan => {
      const adapter = db.getExecutor().adapter.constructor;
      let plan = plans.get(adapter);
      if (!plan) {
        const compiled = build(db as Kysely<DB>, placeholders as Args).compile();
        const slots = compiled.parameters.map((value) => (typeof value === 'string' && value.startsWith(MARK) ? { name: value.slice(MARK.length) } : { value }));
        plan = { sql: compiled.sql, slots };
        plans.set(adapter, plan);
      }
      return plan;
    };
    const execute = (db: Queryable, args: Args) => {
      const plan = planFor(db);
      const parameters = plan.slots.map((slot) => {
        if ('value' in slot) return slot.value;
        const value = args[slot.name];
        if (value === undefined) throw new Error(`prepared query: no value for "${slot.name}" in ${plan.sql}`);
        return value;
      });
      return db.executeQuery<Row>(CompiledQuery.raw(plan.sql, parameters));
    };
    return {
      all: async (db, args) => (await execute(db, args)).rows,
      first: async (db, args) => (await execute(db, args)).rows[0],
      run: async (db, args) => Number((await execute(db, args)).numAffectedRows ?? 0n),
    };
  };
}

/**
 * One prepared query per shape, for a query whose shape depends on a few cases (a guest or an
 * account, a reply or a thread): `mine(identity.kind)` builds each case's query on first use.
 */
export function preparedCases<Key extends string | number, Query>(make: (key: Key) => Query): (key: Key) => Query {
  const made = new Map<Key, Query>();
  return (key) => {
    let query = made.get(key);
    if (query === undefined) made.set(key, (query = make(key)));
    return query;
  };
}

import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';
import { idColumn } from './helpers.js';

/**
 * Reader discussion: guest identities, threaded comments and their votes.
 *
 * Counters on `comments` (upvotes, downvotes, score, wilson, reply_count) and
 * `articles.comments_count` are caches written in the same transaction as the rows they count;
 * `features/discussion/recount-counters.ts` rebuilds them from the rows if they ever drift.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('guests')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    // SHA-256 of the random token in the signed `outpost_guest` cookie; the token itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // The materialised path sorts bytewise: on PostgreSQL the column uses the C collation so that
  // its order never depends on the server's locale.
  const pathType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('root_id', 'integer', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('path', pathType, (c) => c.notNull())
    .addColumn('reply_to_id', 'integer')
    .addColumn('reply_to_name', 'text')
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('guest_id', 'integer', (c) => c.references('guests.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text')
    .addColumn('body_md', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('downvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wilson', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('idempotency_key', 'text')
    .execute();

  // Top-level threads, one index per sort, so a page is an index range read whatever the size of
  // the discussion: newest/oldest by time, "Most Voted" by score, "Best" by Wilson lower bound; the
  // id breaks ties. (Not (article_id, id): SQLite would rather walk the rowid, across all articles.)
  const top = sql<boolean>`parent_id is null`;
  await db.schema.createIndex('comments_top_time').on('comments').columns(['article_id', 'created_at', 'id']).where(top).execute();
  await db.schema.createIndex('comments_top_score').on('comments').columns(['article_id', 'score', 'id']).where(top).execute();
  await db.schema.createIndex('comments_top_wilson').on('comments').columns(['article_id', 'wilson', 'id']).where(top).execute();
  // The replies of a page's threads, in thread order.
  await db.schema.createIndex('comments_thread').on('comments').columns(['root_id', 'path']).execute();
  await db.schema.createIndex('comments_parent').on('comments').columns(['parent_id']).execute();
  // "My comments" on an article, duplicate checks, and one comment per idempotency key per identity.
  await db.schema.createIndex('comments_guest').on('comments').columns(['guest_id', 'article_id']).execute();
  await db.schema.createIndex('comments_user').on('comments').columns(['author_user_id', 'article_id']).execute();
  const keyed = sql<boolean>`idempotency_key is not null`;
  await db.schema.createIndex('comments_guest_key').unique().on('comments').columns(['guest_id', 'idempotency_key']).where(keyed).execute();
  await db.schema.createIndex('comments_user_key').unique().on('comments').columns(['author_user_id', 'idempotency_key']).where(keyed).execute();

  await db.schema
    .createTable('comment_votes')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    // 'user:<id>' or 'guest:<id>': one vote per identity, whatever kind it is.
    .addColumn('voter', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_votes_pk', ['comment_id', 'voter'])
    .execute();
  await db.schema.createIndex('comment_votes_voter').on('comment_votes').columns(['voter', 'article_id']).execute();

  // A counter, not a count query: list pages show the count of 10–20 articles at once, and an
  // article with 50,000 comments must not cost a 50,000-row index count per card.
  await db.schema.alterTable('articles').addColumn('comments_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

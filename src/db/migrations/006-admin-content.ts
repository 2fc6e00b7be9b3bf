import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { idColumn } from './helpers.js';

/** The admin's content screens: the media library and article revisions (saves and autosaves). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('processing'))
    .execute();
  await db.schema.createIndex('media_created').on('media').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    // Null for the autosave of an article not saved yet (one per account).
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_revisions_article').on('article_revisions').columns(['article_id', 'created_at']).execute();
  await db.schema.createIndex('article_revisions_user_kind').on('article_revisions').columns(['user_id', 'kind']).execute();
}

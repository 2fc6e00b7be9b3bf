import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';
import { idColumn } from './helpers.js';

/**
 * Moderation: what the pipeline and moderators decided about each comment (on `comments`), bans,
 * reader reports, appeals and the moderators' audit log. Moderation settings are one JSON value in
 * `settings` (key 'moderation'), read by features/moderation/settings.ts.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // Comments gain: the poster's address (IP-range bans, the queue), the verdicts of the pipeline
  // and of reports (JSON), open reports, and who moderated them last, why, and when.
  const columns: Array<[string, 'text' | 'integer']> = [
    ['ip', 'text'],
    ['moderated_at', 'text'],
    ['moderated_by', 'integer'],
    ['moderation_reason', 'text'],
    ['moderation_note', 'text'],
    ['moderator_edited_at', 'text'],
  ];
  for (const [name, type] of columns) await db.schema.alterTable('comments').addColumn(name, type).execute();
  await db.schema.alterTable('comments').addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('comments').addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The queue's tabs: comments by status, oldest first; and the ones with open reports.
  await db.schema.createIndex('comments_status').on('comments').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('comments_reported').on('comments').columns(['report_count']).where(sql<boolean>`report_count > 0`).execute();

  await db.schema
    .createTable('moderation_bans')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    // 'user' (account id), 'guest' (guest id), 'email' (an address, or '@domain'), 'ip' (an address or CIDR range).
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // 'ban' refuses new comments; 'shadow' publishes them to their author only.
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // Null: until lifted. Otherwise a suspension that ends by itself.
    .addColumn('expires_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('moderation_bans_subject').on('moderation_bans').columns(['subject_kind', 'subject']).execute();

  await db.schema
    .createTable('comment_reports')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    // 'user:<id>' or 'guest:<id>': one report per identity per comment.
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set when a moderator acts on the comment; resolved reports no longer count towards holding it.
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('comment_reports_once', ['comment_id', 'reporter'])
    .execute();

  await db.schema
    .createTable('moderation_appeals')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('comment_id', 'integer', (c) => c.notNull().unique().references('comments.id').onDelete('cascade'))
    .addColumn('appellant', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 'open', 'granted' or 'denied'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('moderation_appeals_status').on('moderation_appeals').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('moderation_log')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    // Null: the pipeline or the reports threshold acted ("system").
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // No foreign key: the log outlives what it is about.
    .addColumn('comment_id', 'integer')
    .addColumn('subject', 'text')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moderation_log_time').on('moderation_log').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('moderation_log_action').on('moderation_log').columns(['action', 'created_at']).execute();
  await db.schema.createIndex('moderation_log_actor').on('moderation_log').columns(['actor_id', 'created_at']).execute();
  await db.schema.createIndex('moderation_log_comment').on('moderation_log').columns(['comment_id']).execute();
}

import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';
import { idColumn } from './helpers.js';

/**
 * "Notify of": email subscriptions to a discussion, the comments waiting to be emailed for each
 * (batched, at most one email per subscription per 10 minutes), and the record of every (address,
 * comment) emailed, which makes "never twice" a unique index. See docs/notifications.md.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('notification_subscriptions')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('subscriber_key', 'text', (c) => c.notNull())
    .addColumn('guest_id', 'integer', (c) => c.references('guests.id').onDelete('set null'))
    .addColumn('delivery', 'text', (c) => c.notNull().defaultTo('immediate'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('confirm_token_hash', 'text')
    .addColumn('confirm_expires_at', 'text')
    .addColumn('confirm_sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('send_at', 'text')
    .addColumn('send_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('window_ends_at', 'text')
    .addColumn('last_sent_at', 'text')
    .execute();
  // One subscription per subscriber, kind and article (a site-wide one counts as article 0).
  await sql`create unique index notification_subscriptions_unique on notification_subscriptions (subscriber_key, kind, coalesce(article_id, 0))`.execute(db);
  // Who follows an article: the fan-out of a new comment is one index range.
  await db.schema.createIndex('notification_subscriptions_article').on('notification_subscriptions').columns(['article_id', 'kind', 'status']).execute();
  await db.schema.createIndex('notification_subscriptions_user').on('notification_subscriptions').columns(['user_id']).execute();

  await db.schema
    .createTable('notification_queue')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('notification_subscriptions.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('job_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('notification_queue_unique').unique().on('notification_queue').columns(['subscription_id', 'comment_id']).execute();
  await db.schema.createIndex('notification_queue_state').on('notification_queue').columns(['subscription_id', 'state']).execute();
  await db.schema.createIndex('notification_queue_comment').on('notification_queue').columns(['comment_id']).execute();

  await db.schema
    .createTable('sent_notifications')
    .addColumn('id', 'integer', (c) => idColumn(c, dialect))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('notification_subscriptions.id').onDelete('cascade'))
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // The guarantee itself: one row per address and comment, claimed before the email is sent.
  await db.schema.createIndex('sent_notifications_unique').unique().on('sent_notifications').columns(['address', 'comment_id']).execute();
  await db.schema.createIndex('sent_notifications_job').on('sent_notifications').columns(['job_id']).execute();
  await db.schema.createIndex('sent_notifications_status').on('sent_notifications').columns(['status', 'created_at']).execute();
}

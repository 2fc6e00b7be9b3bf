import type { Kysely } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB, SubscriptionDelivery, SubscriptionKind, SubscriptionStatus } from '../../db/schema/index.js';

export const subscriptionColumns = [
  'id',
  'kind',
  'article_id',
  'user_id',
  'email',
  'subscriber_key',
  'guest_id',
  'delivery',
  'status',
  'confirm_token_hash',
  'confirm_expires_at',
  'confirm_sent_at',
  'created_at',
  'confirmed_at',
  'unsubscribed_at',
  'send_at',
  'send_seq',
  'window_ends_at',
  'last_sent_at',
] as const;

export interface SubscriptionRow {
  id: number;
  kind: SubscriptionKind;
  article_id: number | null;
  user_id: number | null;
  email: string | null;
  subscriber_key: string;
  guest_id: number | null;
  delivery: SubscriptionDelivery;
  status: SubscriptionStatus;
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  confirm_sent_at: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  send_at: string | null;
  send_seq: number;
  window_ends_at: string | null;
  last_sent_at: string | null;
}

export const userSubscriber = (userId: number) => `user:${userId}`;
export const emailSubscriber = (email: string) => `email:${email}`;

/** One subscription, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
export async function lockSubscription(tx: Tx, id: number): Promise<SubscriptionRow | undefined> {
  let q = tx.db.selectFrom('notification_subscriptions').select(subscriptionColumns).where('id', '=', id);
  if (tx.dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findSubscription(tx: Tx, subscriberKey: string, kind: SubscriptionKind, articleId: number): Promise<SubscriptionRow | undefined> {
  let q = tx.db
    .selectFrom('notification_subscriptions')
    .select(subscriptionColumns)
    .where('subscriber_key', '=', subscriberKey)
    .where('kind', '=', kind)
    .where('article_id', '=', articleId);
  if (tx.dialect === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface SubscriptionListItem {
  id: number;
  kind: SubscriptionKind;
  delivery: SubscriptionDelivery;
  status: SubscriptionStatus;
  article: { id: number; title: string; slug: string } | null;
  createdAt: string;
}

/** Every subscription of a subscriber that is or may become active, newest first. */
export async function listSubscriptions(db: Kysely<DB>, subscriberKey: string): Promise<SubscriptionListItem[]> {
  const rows = await db
    .selectFrom('notification_subscriptions as s')
    .leftJoin('articles as a', 'a.id', 's.article_id')
    .select(['s.id', 's.kind', 's.delivery', 's.status', 's.created_at', 'a.id as articleId', 'a.title', 'a.slug'])
    .where('s.subscriber_key', '=', subscriberKey)
    .where('s.status', '!=', 'unsubscribed')
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    delivery: r.delivery,
    status: r.status,
    createdAt: r.created_at,
    article: r.articleId !== null && r.title !== null && r.slug !== null ? { id: r.articleId, title: r.title, slug: r.slug } : null,
  }));
}

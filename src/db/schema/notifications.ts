import type { Generated } from 'kysely';

/** 'article': every new comment on the article; 'replies': replies to the subscriber's own comments there. */
export type SubscriptionKind = 'article' | 'replies';
export type SubscriptionDelivery = 'immediate' | 'digest';
/** 'pending' awaits the double opt-in click (guests); only 'active' subscriptions are ever sent anything. */
export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed';
export type NotificationQueueState = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
export type SentNotificationStatus = 'sending' | 'sent' | 'failed';

/** Who wants which emails about a discussion. See docs/notifications.md. */
export interface NotificationSubscriptionsTable {
  id: Generated<number>;
  kind: SubscriptionKind;
  /** The article followed; null only for a site-wide 'replies' subscription. */
  article_id: number | null;
  /** A signed-in reader: their account's address is used at send time. */
  user_id: number | null;
  /** A guest: the (trimmed, lower-case) address they gave. Null for accounts. */
  email: string | null;
  /** 'user:<id>' or 'email:<address>': one subscription per subscriber, kind and article. */
  subscriber_key: string;
  /** The guest identity that asked; "my comments" of a guest are that identity's comments. */
  guest_id: number | null;
  delivery: SubscriptionDelivery;
  status: SubscriptionStatus;
  /** SHA-256 of the latest confirmation token sent (guests); only that link confirms. */
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  /** When the latest confirmation email was asked for (repeat clicks within minutes send none). */
  confirm_sent_at: string | null;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  /** When the scheduled send job runs; null when none is scheduled. */
  send_at: string | null;
  /** Bumped at every scheduling: the send job's dedupe key is notify:<id>:<send_seq>. */
  send_seq: Generated<number>;
  /** The 10-minute window: no other email for this subscription before then. */
  window_ends_at: string | null;
  last_sent_at: string | null;
}

/** One comment waiting to be emailed for one subscription (batched into the next email). */
export interface NotificationQueueTable {
  id: Generated<number>;
  subscription_id: number;
  comment_id: number;
  state: NotificationQueueState;
  /** The send job that took it. */
  job_id: number | null;
  created_at: string;
  done_at: string | null;
}

/** Each (address, comment) emailed, or being emailed: never twice. */
export interface SentNotificationsTable {
  id: Generated<number>;
  address: string;
  comment_id: number;
  subscription_id: number;
  job_id: number;
  message_id: string;
  status: SentNotificationStatus;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

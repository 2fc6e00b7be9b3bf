import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { SubscriptionKind } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { lockSubscription } from './queries.js';
import { requireToken } from './read-token.js';

export interface UnsubscribeView {
  /** 'gone': the subscription no longer exists (its article was deleted): nothing is sent either way. */
  state: 'active' | 'pending' | 'unsubscribed' | 'gone';
  subscriptionId: number;
  subscriberKey: string | null;
  kind: SubscriptionKind | null;
  article: { title: string; slug: string } | null;
}

async function describe(ctx: AppContext, id: number): Promise<UnsubscribeView> {
  const db = ctx.database.db;
  const sub = await db.selectFrom('notification_subscriptions').select(['id', 'status', 'kind', 'article_id', 'subscriber_key']).where('id', '=', id).executeTakeFirst();
  if (!sub) return { state: 'gone', subscriptionId: id, subscriberKey: null, kind: null, article: null };
  const article = sub.article_id ? await db.selectFrom('articles').select(['title', 'slug']).where('id', '=', sub.article_id).executeTakeFirst() : undefined;
  return { state: sub.status, subscriptionId: id, subscriberKey: sub.subscriber_key, kind: sub.kind, article: article ?? null };
}

/** What an unsubscribe link would cancel (the GET page): reads only, so a mail scanner changes nothing. */
export async function checkUnsubscribeLink(ctx: AppContext, token: string): Promise<UnsubscribeView> {
  const { id } = requireToken(ctx, token, 'unsubscribe');
  return describe(ctx, id);
}

/** Cancel a subscription and drop what was waiting to be sent for it. Returns whether it was active before. */
export async function cancelSubscription(tx: Tx, now: Date, id: number): Promise<boolean> {
  const sub = await lockSubscription(tx, id);
  if (!sub || sub.status === 'unsubscribed') return false;
  await tx.db
    .updateTable('notification_subscriptions')
    .set({ status: 'unsubscribed', unsubscribed_at: iso(now), confirm_token_hash: null })
    .where('id', '=', id)
    .execute();
  await tx.db.updateTable('notification_queue').set({ state: 'skipped', done_at: iso(now) }).where('subscription_id', '=', id).where('state', '=', 'pending').execute();
  return true;
}

/**
 * One-click unsubscribe (RFC 8058): the POST to the link in List-Unsubscribe, without signing in.
 * Unsubscribing twice is fine: the second answer says it was done already.
 */
export async function unsubscribeWithToken(ctx: AppContext, token: string): Promise<UnsubscribeView & { outcome: 'unsubscribed' | 'already' }> {
  const { id } = requireToken(ctx, token, 'unsubscribe');
  const changed = await ctx.database.transaction((tx) => cancelSubscription(tx, ctx.clock.now(), id));
  return { ...(await describe(ctx, id)), outcome: changed ? 'unsubscribed' : 'already' };
}

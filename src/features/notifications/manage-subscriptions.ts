import type { AppContext } from '../../context.js';
import type { SubscriptionDelivery } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/outbox.js';
import { normaliseEmail } from '../accounts/create-user.js';
import { NotificationError } from './errors.js';
import { emailSubscriber, listSubscriptions, lockSubscription, type SubscriptionListItem } from './queries.js';
import { requireToken } from './read-token.js';
import { rescheduleSend } from './scheduling.js';
import { checkNotifyEmail, deliveries } from './subscribe.js';
import { cancelSubscription } from './unsubscribe.js';

export interface ManageView {
  subscriberKey: string;
  /** The address the emails go to. */
  address: string;
  subscriptions: SubscriptionListItem[];
}

/** The subscriber a manage link is for (its expiry and signature checked). */
export function subscriberFromManageToken(ctx: AppContext, token: string): string {
  return requireToken(ctx, token, 'manage').subscriberKey;
}

/** Every live subscription of one subscriber ('user:<id>' or 'email:<address>'). */
export async function getManageView(ctx: AppContext, subscriberKey: string): Promise<ManageView> {
  const db = ctx.database.db;
  let address = subscriberKey.startsWith('email:') ? subscriberKey.slice('email:'.length) : '';
  if (subscriberKey.startsWith('user:')) {
    const user = await db.selectFrom('users').select('email').where('id', '=', Number(subscriberKey.slice('user:'.length))).executeTakeFirst();
    address = user?.email ?? '';
  }
  return { subscriberKey, address, subscriptions: await listSubscriptions(db, subscriberKey) };
}

export type SubscriptionChange = { action: 'delivery'; delivery: SubscriptionDelivery } | { action: 'remove' };

/**
 * Change one subscription of a subscriber: its delivery (a send already scheduled moves to the new
 * time) or remove it. Another subscriber's subscription is "not found", whatever its id.
 */
export async function changeSubscription(ctx: AppContext, input: { subscriberKey: string; subscriptionId: number; change: SubscriptionChange }): Promise<'changed' | 'unchanged'> {
  const { t } = ctx.site.i18n;
  const { change } = input;
  if (change.action === 'delivery' && !deliveries.includes(change.delivery)) {
    throw new NotificationError('notify_invalid', t('notifications.error.delivery'), { delivery: t('notifications.error.delivery') });
  }
  const now = ctx.clock.now();
  return ctx.database.transaction(async (tx) => {
    const sub = await lockSubscription(tx, input.subscriptionId);
    if (!sub || sub.subscriber_key !== input.subscriberKey) throw new NotificationError('notify_not_found', t('notifications.error.notYours'));
    if (change.action === 'remove') return (await cancelSubscription(tx, now, sub.id)) ? 'changed' : 'unchanged';
    if (sub.status === 'unsubscribed') throw new NotificationError('notify_not_found', t('notifications.error.notYours'));
    if (sub.delivery === change.delivery) return 'unchanged';
    await tx.db.updateTable('notification_subscriptions').set({ delivery: change.delivery }).where('id', '=', sub.id).execute();
    if (sub.send_at !== null) await rescheduleSend(tx, ctx, { ...sub, delivery: change.delivery }, now);
    return 'changed';
  });
}

/**
 * "Email me a new link": a fresh manage link to this address if it has subscriptions (as a guest
 * or through its account). The answer is the same either way, so it reveals nothing.
 */
export async function requestManageLink(ctx: AppContext, rawEmail: string): Promise<void> {
  const checked = checkNotifyEmail(ctx.site.i18n, rawEmail);
  if ('error' in checked) throw new NotificationError('notify_invalid', checked.error, { email: checked.error });
  const email = normaliseEmail(checked.email);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (tx) => {
    const user = await tx.db.selectFrom('users').select(['id', 'status']).where('email', '=', email).executeTakeFirst();
    const keys = [emailSubscriber(email), ...(user && user.status === 'active' ? [`user:${user.id}`] : [])];
    const found = await tx.db.selectFrom('notification_subscriptions').select('subscriber_key').where('subscriber_key', 'in', keys).where('status', '!=', 'unsubscribed').groupBy('subscriber_key').execute();
    // At most one such email per address per 10 minutes.
    const bucket = Math.floor(now.getTime() / 600_000);
    for (const { subscriber_key } of found) {
      await enqueueJob(tx, now, 'notifications.manage-link', { subscriberKey: subscriber_key }, { dedupeKey: `notify-manage:${subscriber_key}:${bucket}` });
    }
  });
}

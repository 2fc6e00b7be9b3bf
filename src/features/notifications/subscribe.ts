import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { SubscriptionDelivery, SubscriptionKind } from '../../db/schema/index.js';
import type { I18n } from '../../i18n/index.js';
import { enqueueJob } from '../../jobs/outbox.js';
import { iso } from '../../shared/clock.js';
import type { Identity } from '../../shared/identity.js';
import { ArticleError } from '../articles/errors.js';
import { isDiscussionOpen } from '../discussion/policy.js';
import { getDiscussionArticle } from '../discussion/queries.js';
import { NotificationError } from './errors.js';
import { emailSubscriber, findSubscription, type SubscriptionRow, userSubscriber } from './queries.js';
import { CONFIRM_TTL_MS, confirmToken, hashNotifyToken } from './tokens.js';

export const subscriptionKinds: readonly SubscriptionKind[] = ['article', 'replies'];
export const deliveries: readonly SubscriptionDelivery[] = ['immediate', 'digest'];

/** A second confirmation email for the same subscription is sent only after this long. */
export const CONFIRM_RESEND_MS = 10 * 60_000;

const EMAIL_MAX = 254;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The address as stored (trimmed, lower case), or the message for the email field. */
export function checkNotifyEmail(i18n: I18n, raw: string | undefined): { email: string } | { error: string } {
  const email = (raw ?? '').trim().toLowerCase();
  if (!email) return { error: i18n.t('notifications.error.emailMissing') };
  if (email.length > EMAIL_MAX || !emailPattern.test(email)) return { error: i18n.t('notifications.error.emailInvalid') };
  return { email };
}

export interface SubscribeInput {
  /** Who asks. An account is subscribed at once; anyone else gives an email and confirms it first. */
  identity: Identity | null;
  articleId: number;
  kinds: readonly SubscriptionKind[];
  /** Required unless the identity is an account. */
  email?: string;
  /** Default 'immediate' for new subscriptions; given, it also changes an existing one. */
  delivery?: SubscriptionDelivery;
}

/**
 * - subscribed: active now (an account, or a guest who already confirmed this address from this browser)
 * - already: every one of them was active already
 * - confirmation_sent: a confirmation email is on its way; nothing else is sent until it is used
 * - confirmation_pending: one was sent minutes ago; none sent again
 */
export type SubscribeOutcome = 'subscribed' | 'already' | 'confirmation_sent' | 'confirmation_pending';

export interface SubscribeResult {
  outcome: SubscribeOutcome;
  address: string;
  article: { id: number; slug: string };
  subscriptionIds: number[];
}

/**
 * Follow an article's discussion ('article') and/or replies to one's own comments on it
 * ('replies'). Accounts count as verified addresses (staff created them, or their owner signed
 * in through an emailed link): they are subscribed at once. Guests get a double opt-in email.
 * Repeating a request is harmless: the same rows, at most one confirmation email per 10 minutes.
 */
export async function subscribe(ctx: AppContext, input: SubscribeInput): Promise<SubscribeResult> {
  const { i18n, settings } = ctx.site;
  const kinds = [...new Set(input.kinds)];
  if (kinds.length === 0 || kinds.some((k) => !subscriptionKinds.includes(k))) {
    throw new NotificationError('notify_invalid', i18n.t('notifications.error.noKind'), { kinds: i18n.t('notifications.error.noKind') });
  }
  if (input.delivery !== undefined && !deliveries.includes(input.delivery)) {
    throw new NotificationError('notify_invalid', i18n.t('notifications.error.delivery'), { delivery: i18n.t('notifications.error.delivery') });
  }
  const identity = input.identity;
  let address: string;
  let subscriberKey: string;
  let userId: number | null = null;
  if (identity?.kind === 'user') {
    const user = await ctx.database.db.selectFrom('users').select(['email', 'status']).where('id', '=', identity.userId).executeTakeFirst();
    if (!user || user.status !== 'active') throw new NotificationError('notify_invalid', i18n.t('notifications.error.account'));
    address = user.email;
    subscriberKey = userSubscriber(identity.userId);
    userId = identity.userId;
  } else {
    const checked = checkNotifyEmail(i18n, input.email);
    if ('error' in checked) throw new NotificationError('notify_invalid', checked.error, { email: checked.error });
    address = checked.email;
    subscriberKey = emailSubscriber(address);
  }
  const guestId = identity?.kind === 'guest' ? identity.guestId : null;
  const now = ctx.clock.now();

  return ctx.database.transaction(async (tx) => {
    const article = await getDiscussionArticle(tx.db, input.articleId);
    if (!article) throw new ArticleError('article_not_found', i18n.t('error.notFoundArticle'));
    if (!isDiscussionOpen(article, settings, now)) throw new NotificationError('notify_article_closed', i18n.t('notifications.error.closed'));
    // A guest who confirmed this address from this browser before needs no second confirmation.
    const verified = userId !== null || (guestId !== null && (await guestConfirmed(tx, subscriberKey, guestId)));

    const ids: number[] = [];
    const needConfirm: SubscriptionRow[] = [];
    let activated = false;
    for (const kind of kinds) {
      let row = await findSubscription(tx, subscriberKey, kind, article.id);
      if (!row) {
        await tx.db
          .insertInto('notification_subscriptions')
          .values({
            kind,
            article_id: article.id,
            user_id: userId,
            email: userId === null ? address : null,
            subscriber_key: subscriberKey,
            guest_id: guestId,
            delivery: input.delivery ?? 'immediate',
            status: verified ? 'active' : 'pending',
            created_at: iso(now),
            confirmed_at: verified ? iso(now) : null,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        row = await findSubscription(tx, subscriberKey, kind, article.id);
        if (!row) throw new Error('subscription vanished after insert');
        ids.push(row.id);
        if (row.status === 'active') activated = verified;
        else needConfirm.push(row);
        continue;
      }
      ids.push(row.id);
      const changes: { delivery?: SubscriptionDelivery; guest_id?: number } = {};
      if (input.delivery && input.delivery !== row.delivery) changes.delivery = input.delivery;
      if (row.guest_id === null && guestId !== null) changes.guest_id = guestId;
      if (Object.keys(changes).length) await tx.db.updateTable('notification_subscriptions').set(changes).where('id', '=', row.id).execute();
      if (row.status === 'active') continue;
      if (verified) {
        await tx.db
          .updateTable('notification_subscriptions')
          .set({ status: 'active', confirmed_at: iso(now), unsubscribed_at: null })
          .where('id', '=', row.id)
          .execute();
        activated = true;
      } else {
        if (row.status === 'unsubscribed') {
          // Back to pending: whoever asks now must prove the address again.
          await tx.db
            .updateTable('notification_subscriptions')
            .set({ status: 'pending', unsubscribed_at: null, confirm_token_hash: null, confirm_sent_at: null, confirm_expires_at: null })
            .where('id', '=', row.id)
            .execute();
          row = { ...row, status: 'pending', confirm_token_hash: null, confirm_sent_at: null, confirm_expires_at: null };
        }
        needConfirm.push(row);
      }
    }

    const result = (outcome: SubscribeOutcome): SubscribeResult => ({ outcome, address, article: { id: article.id, slug: article.slug }, subscriptionIds: ids });
    if (needConfirm.length === 0) return result(activated ? 'subscribed' : 'already');
    const recent = new Date(now.getTime() - CONFIRM_RESEND_MS).toISOString();
    const freshEnough = new Date(now.getTime() + 24 * 3600_000).toISOString();
    if (needConfirm.every((r) => r.confirm_token_hash && r.confirm_sent_at && r.confirm_sent_at > recent && (r.confirm_expires_at ?? '') > freshEnough)) {
      return result('confirmation_pending');
    }
    await sendConfirmation(tx, ctx, needConfirm.map((r) => r.id), address, now);
    return result('confirmation_sent');
  });
}

async function guestConfirmed(tx: Tx, subscriberKey: string, guestId: number): Promise<boolean> {
  const row = await tx.db
    .selectFrom('notification_subscriptions')
    .select('id')
    .where('subscriber_key', '=', subscriberKey)
    .where('guest_id', '=', guestId)
    .where('confirmed_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * A new confirmation link for these pending subscriptions (replacing any older one) and the job
 * that emails it, committed together: the email goes out if and only if the rows exist.
 */
async function sendConfirmation(tx: Tx, ctx: AppContext, ids: number[], address: string, now: Date): Promise<void> {
  // Whole seconds: the token carries its expiry in seconds.
  const expiresAt = new Date(Math.floor((now.getTime() + CONFIRM_TTL_MS) / 1000) * 1000);
  const token = confirmToken(ctx.secret, ids, expiresAt);
  const hash = hashNotifyToken(token);
  await tx.db
    .updateTable('notification_subscriptions')
    .set({ confirm_token_hash: hash, confirm_expires_at: iso(expiresAt), confirm_sent_at: iso(now) })
    .where('id', 'in', ids)
    .execute();
  await enqueueJob(tx, now, 'notifications.confirm', { ids, expiresAt: iso(expiresAt), address }, { dedupeKey: `notify-confirm:${hash}` });
}

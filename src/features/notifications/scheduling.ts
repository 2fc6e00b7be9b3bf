import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { SubscriptionDelivery } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/outbox.js';
import { iso } from '../../shared/clock.js';
import { nextDigestAt } from './schedule.js';

export const SEND_JOB = 'notifications.send';

/**
 * The payload of a send job: the subscriptions it emails (one email each), with the scheduling
 * of each (`seq`; a newer scheduling makes this one stale for that subscription). One job carries
 * up to SEND_CHUNK subscriptions due at the same time, so a comment on a hot article costs a few
 * hundred jobs and transactions, not one per follower.
 */
export interface SendJobPayload {
  subs: Array<{ id: number; seq: number }>;
}

/** Subscriptions per send job. */
export const SEND_CHUNK = 100;

export const sendJobKey = (subscriptionId: number, seq: number) => `notify:${subscriptionId}:${seq}`;

/** When a subscription's next email may go: the next digest time, or at once unless within its 10-minute window. */
export function sendTime(ctx: AppContext, sub: { delivery: SubscriptionDelivery; window_ends_at: string | null }, now: Date): string {
  if (sub.delivery === 'digest') return iso(nextDigestAt(now, ctx.site.i18n.timeZone));
  return sub.window_ends_at && sub.window_ends_at > iso(now) ? sub.window_ends_at : iso(now);
}

/**
 * (Re)schedule one subscription's send job, inside the caller's transaction, with the row
 * locked: a new sequence number makes any job scheduled before a no-op when it runs.
 */
export async function rescheduleSend(tx: Tx, ctx: AppContext, sub: { id: number; send_seq: number; delivery: SubscriptionDelivery; window_ends_at: string | null }, now: Date): Promise<void> {
  const seq = Number(sub.send_seq) + 1;
  const runAt = sendTime(ctx, sub, now);
  await tx.db.updateTable('notification_subscriptions').set({ send_at: runAt, send_seq: seq }).where('id', '=', sub.id).execute();
  const payload: SendJobPayload = { subs: [{ id: sub.id, seq }] };
  await enqueueJob(tx, now, SEND_JOB, payload, { dedupeKey: sendJobKey(sub.id, seq), runAt });
}

import type { AppContext } from '../../context.js';
import type { SubscriptionKind } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { NotificationError } from './errors.js';
import { subscriptionColumns } from './queries.js';
import { requireToken } from './read-token.js';
import { hashNotifyToken } from './tokens.js';

export interface ConfirmResult {
  /** 'confirmed' now, or 'already' by an earlier click (confirming twice is fine). */
  outcome: 'confirmed' | 'already';
  subscriberKey: string;
  kinds: SubscriptionKind[];
  article: { title: string; slug: string } | null;
}

/**
 * The double opt-in click: the pending subscriptions a confirmation link names become active.
 * Only the newest link sent for a subscription works; a cancelled one stays cancelled.
 */
export async function confirmSubscriptions(ctx: AppContext, token: string): Promise<ConfirmResult> {
  const { t } = ctx.site.i18n;
  const { ids } = requireToken(ctx, token, 'confirm');
  const hash = hashNotifyToken(token);
  const now = ctx.clock.now();
  return ctx.database.transaction(async (tx) => {
    let q = tx.db.selectFrom('notification_subscriptions').select(subscriptionColumns).where('id', 'in', ids).orderBy('id');
    if (tx.dialect === 'postgres') q = q.forUpdate();
    const rows = await q.execute();
    if (rows.length === 0) throw new NotificationError('notify_not_found', t('notifications.error.gone'));
    const confirmable = rows.filter((r) => r.status === 'pending' && r.confirm_token_hash === hash);
    if (confirmable.length) {
      await tx.db
        .updateTable('notification_subscriptions')
        .set({ status: 'active', confirmed_at: iso(now) })
        .where('id', 'in', confirmable.map((r) => r.id))
        .execute();
    } else if (!rows.every((r) => r.status === 'active')) {
      if (rows.some((r) => r.status === 'pending')) throw new NotificationError('notify_token_replaced', t('notifications.token.replaced'));
      if (rows.every((r) => r.status === 'unsubscribed')) throw new NotificationError('notify_unsubscribed', t('notifications.error.unsubscribedSince'));
    }
    const first = rows[0];
    const article = first?.article_id ? await tx.db.selectFrom('articles').select(['title', 'slug']).where('id', '=', first.article_id).executeTakeFirst() : undefined;
    return {
      outcome: confirmable.length ? 'confirmed' : 'already',
      subscriberKey: first?.subscriber_key ?? '',
      kinds: rows.filter((r) => r.status === 'active' || confirmable.includes(r)).map((r) => r.kind),
      article: article ?? null,
    };
  });
}

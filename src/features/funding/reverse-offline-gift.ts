import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { iso } from '../../shared/clock.js';
import { announceFunding } from './announce-funding.js';
import { cleanText } from './donor-input.js';
import { FundingError } from './errors.js';
import { insertEntry } from './ledger.js';

export interface ReverseInput {
  /** The offline gift (a 'donation' ledger row) to take back. */
  entryId: number;
  /** Why: required, kept as the reversal's note and in the audit. */
  reason: string;
  /** The admin reversing it. */
  actorUserId: number;
}

async function lockedEntry(tx: Tx, id: number) {
  let query = tx.db.selectFrom('ledger_entries').selectAll().where('id', '=', id);
  if (tx.dialect === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/**
 * Take back an offline gift an admin entered by mistake: a compensating row of the opposite
 * amount, kind 'reversal', pointing at the gift (`adjusts_entry_id`), in the gift's period, so the
 * bar and the donor wall drop it. The ledger stays append-only. Once per gift: the reversal's
 * `provider_ref` is `reversal:<gift id>`, unique with its kind, so two admins clicking at once still
 * write one row. Stripe gifts are refused: a refund in Stripe reverses them (charge.refunded).
 */
export async function reverseOfflineGift(ctx: AppContext, input: ReverseInput): Promise<{ reversalId: number; campaignId: number }> {
  const { t } = ctx.site.i18n;
  const reason = cleanText(input.reason, 500);
  const now = ctx.clock.now();
  return ctx.database.transaction(async (tx) => {
    const gift = await lockedEntry(tx, input.entryId);
    if (!gift) throw new FundingError('funding_entry_not_found', t('funding.error.entryNotFound'));
    if (gift.provider === 'stripe') throw new FundingError('funding_not_reversible', t('funding.error.reverseStripe'));
    if (gift.kind !== 'donation') throw new FundingError('funding_not_reversible', t('funding.error.reverseKind'));
    const already = () => new FundingError('funding_already_reversed', t('funding.error.reversedAlready'));
    const adjusted = await tx.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
      .where('adjusts_entry_id', '=', gift.id)
      .executeTakeFirstOrThrow();
    // What still counts of the gift; an offline gift has no other adjustments, but never overshoot.
    const standing = Number(gift.amount_minor) + Number(adjusted.total);
    if (standing <= 0) throw already();
    if (!reason) throw new FundingError('funding_invalid', t('funding.error.reverseReason'), { reason: t('funding.error.reverseReason') });
    const reversalId = await insertEntry(
      tx,
      now,
      {
        campaignId: gift.campaign_id,
        adjustsEntryId: gift.id,
        period: gift.period,
        kind: 'reversal',
        amountMinor: -standing,
        currency: gift.currency,
        provider: 'offline',
        providerRef: `reversal:${gift.id}`,
        donorName: gift.donor_name,
        donorPublic: false,
        note: reason,
        createdBy: input.actorUserId,
        occurredAt: iso(now),
      },
      { actor: 'admin', userId: input.actorUserId, source: 'reverse-entry' },
    );
    if (reversalId === null) throw already();
    tx.onCommit(() => announceFunding(ctx));
    return { reversalId, campaignId: gift.campaign_id };
  });
}

import type { Tx } from '../../db/database.js';
import type { LedgerKind, LedgerProvider } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { enqueueJob } from '../../jobs/outbox.js';

export interface NewEntry {
  campaignId: number;
  donationId?: number | null;
  adjustsEntryId?: number | null;
  period: string;
  kind: LedgerKind;
  amountMinor: number;
  currency: string;
  provider: LedgerProvider;
  providerRef: string | null;
  checkoutSessionId?: string | null;
  paymentIntentId?: string | null;
  chargeId?: string | null;
  invoiceId?: string | null;
  donorName?: string;
  donorPublic?: boolean;
  message?: string;
  email?: string | null;
  note?: string;
  createdBy?: number | null;
  occurredAt: string;
}

export interface Actor {
  actor: 'admin' | 'stripe' | 'system';
  userId: number | null;
  /** What caused the change: an event id, a form. */
  source: string;
}

/**
 * Append a ledger row and its audit row. A row whose (kind, provider_ref) exists already is not
 * added again: returns null, and nothing is counted twice.
 */
export async function insertEntry(tx: Tx, now: Date, entry: NewEntry, by: Actor): Promise<number | null> {
  const row = await tx.db
    .insertInto('ledger_entries')
    .values({
      campaign_id: entry.campaignId,
      donation_id: entry.donationId ?? null,
      adjusts_entry_id: entry.adjustsEntryId ?? null,
      period: entry.period,
      kind: entry.kind,
      amount_minor: entry.amountMinor,
      currency: entry.currency,
      provider: entry.provider,
      provider_ref: entry.providerRef,
      checkout_session_id: entry.checkoutSessionId ?? null,
      payment_intent_id: entry.paymentIntentId ?? null,
      charge_id: entry.chargeId ?? null,
      invoice_id: entry.invoiceId ?? null,
      donor_name: entry.donorName ?? '',
      donor_public: entry.donorPublic ? 1 : 0,
      message: entry.message ?? '',
      email: entry.email ?? null,
      note: entry.note ?? '',
      created_by: entry.createdBy ?? null,
      occurred_at: entry.occurredAt,
      created_at: iso(now),
    })
    .onConflict((oc) => oc.columns(['kind', 'provider_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  await audit(tx, now, by, {
    campaignId: entry.campaignId,
    entryId: row.id,
    action: `ledger.${entry.kind}`,
    details: {
      amountMinor: entry.amountMinor,
      currency: entry.currency,
      period: entry.period,
      provider: entry.provider,
      providerRef: entry.providerRef,
      note: entry.note ?? '',
      ...(entry.adjustsEntryId ? { adjustsEntryId: entry.adjustsEntryId } : {}),
    },
  });
  return row.id;
}

export async function audit(
  tx: Tx,
  now: Date,
  by: Actor,
  what: { campaignId: number | null; entryId?: number | null; action: string; details: Record<string, unknown> },
): Promise<void> {
  await tx.db
    .insertInto('ledger_audit')
    .values({
      campaign_id: what.campaignId,
      entry_id: what.entryId ?? null,
      actor_user_id: by.userId,
      actor: by.actor,
      action: what.action,
      details: JSON.stringify({ source: by.source, ...what.details }),
      created_at: iso(now),
    })
    .execute();
}

/** Queue the receipt email of a gift in the same transaction (the outbox sends it after commit). */
export async function enqueueReceipt(tx: Tx, now: Date, entryId: number): Promise<void> {
  await enqueueJob(tx, now, 'funding.receipt', { entryId }, { dedupeKey: `funding-receipt:${entryId}` });
}

/**
 * The gift (a 'donation' row) a charge belongs to, locked on PostgreSQL so that concurrent
 * refund and dispute events of one charge are applied one after the other.
 */
export async function findGift(tx: Tx, refs: { chargeId: string | null; paymentIntent: string | null }) {
  if (!refs.chargeId && !refs.paymentIntent) return null;
  let query = tx.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('kind', '=', 'donation')
    .where('provider', '=', 'stripe')
    .where((eb) => {
      const ors = [];
      if (refs.chargeId) ors.push(eb('charge_id', '=', refs.chargeId));
      if (refs.paymentIntent) ors.push(eb('payment_intent_id', '=', refs.paymentIntent));
      return eb.or(ors);
    })
    .orderBy('id')
    .limit(1);
  if (tx.dialect === 'postgres') query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

/** The sum of the adjustments of one kind already applied to a gift (negative for refunds). */
export async function adjustedSum(tx: Tx, giftId: number, kind: LedgerKind): Promise<number> {
  const row = await tx.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('total'))
    .where('adjusts_entry_id', '=', giftId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

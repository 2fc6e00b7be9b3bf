import type { Selectable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DonationsTable } from '../../db/schema/funding.js';
import type { ProviderEventOutcome } from '../../db/schema/index.js';
import type { I18n } from '../../i18n/index.js';
import { iso } from '../../shared/clock.js';
import { adjustedSum, enqueueReceipt, findGift, insertEntry } from './ledger.js';
import { periodOf } from './period.js';
import { getCampaign } from './queries.js';
import type { PaymentRefs, StripeFact } from './stripe-facts.js';

export interface ApplyEnv {
  now: Date;
  timeZone: string;
  /** The provider event being applied, for the audit trail. */
  eventId: string;
  /** The site's messages and money format: notes are read by admins. */
  i18n: Pick<I18n, 't' | 'money'>;
}

export interface Applied {
  outcome: ProviderEventOutcome;
  note: string;
  /** True when a ledger row was added: the bar must be refreshed. */
  changed: boolean;
}

type Donation = Selectable<DonationsTable>;

const result = (outcome: ProviderEventOutcome, note: string, changed = false): Applied => ({ outcome, note, changed });
const wrongCurrency = (env: ApplyEnv, got: string, want: string) => result('rejected', env.i18n.t('funding.note.wrongCurrency', { got, want }));

async function donationForSession(tx: Tx, sessionId: string, donationId: number | null): Promise<Donation | null> {
  const bySession = await tx.db.selectFrom('donations').selectAll().where('checkout_session_id', '=', sessionId).executeTakeFirst();
  if (bySession) return bySession;
  if (donationId === null) return null;
  const byId = await tx.db.selectFrom('donations').selectAll().where('id', '=', donationId).where('checkout_session_id', 'is', null).executeTakeFirst();
  return byId ?? null;
}

async function donationForSubscription(tx: Tx, subscription: string | null, donationId: number | null): Promise<Donation | null> {
  if (subscription) {
    const found = await tx.db.selectFrom('donations').selectAll().where('subscription_id', '=', subscription).executeTakeFirst();
    if (found) return found;
  }
  if (donationId === null) return null;
  const byId = await tx.db.selectFrom('donations').selectAll().where('id', '=', donationId).where('frequency', '=', 'monthly').executeTakeFirst();
  return byId && (byId.subscription_id === null || byId.subscription_id === subscription) ? byId : null;
}

interface Gift {
  amountMinor: number;
  at: string;
  providerRef: string;
  sessionId: string | null;
  invoiceId: string | null;
  refs: PaymentRefs;
}

/** Count a gift of a donation (once per provider ref), queue its receipt, and apply what waited for it. */
async function recordGift(tx: Tx, env: ApplyEnv, donation: Donation, gift: Gift): Promise<Applied> {
  const campaign = await getCampaign(tx.db, donation.campaign_id);
  const { t, money } = env.i18n;
  if (!campaign) return result('ignored', t('funding.note.noCampaign', { id: donation.campaign_id }));
  const entryId = await insertEntry(
    tx,
    env.now,
    {
      campaignId: campaign.id,
      donationId: donation.id,
      period: periodOf(campaign, new Date(gift.at), env.timeZone),
      kind: 'donation',
      amountMinor: gift.amountMinor,
      currency: donation.currency,
      provider: 'stripe',
      providerRef: gift.providerRef,
      checkoutSessionId: gift.sessionId,
      paymentIntentId: gift.refs.paymentIntent,
      chargeId: gift.refs.charge,
      invoiceId: gift.invoiceId,
      donorName: donation.donor_name,
      donorPublic: donation.donor_public === 1,
      message: donation.message,
      email: donation.email,
      occurredAt: gift.at,
    },
    { actor: 'stripe', userId: null, source: env.eventId },
  );
  if (entryId === null) return result('ignored', t('funding.note.alreadyCounted', { ref: gift.providerRef }));
  if (donation.email) await enqueueReceipt(tx, env.now, entryId);
  const late = await replayDeferred(tx, env, gift.refs);
  const amount = money(gift.amountMinor, donation.currency);
  return result('applied', late ? t('funding.note.countedLate', { amount, count: late }) : t('funding.note.counted', { amount }), true);
}

async function settle(tx: Tx, env: ApplyEnv, donation: Donation, changes: { paymentIntent?: string | null; subscription?: string | null }) {
  await tx.db
    .updateTable('donations')
    .set({
      status: 'settled',
      settled_at: donation.settled_at ?? iso(env.now),
      payment_intent_id: changes.paymentIntent ?? donation.payment_intent_id,
      subscription_id: changes.subscription ?? donation.subscription_id,
    })
    .where('id', '=', donation.id)
    .execute();
}

async function sessionPaid(tx: Tx, env: ApplyEnv, fact: Extract<StripeFact, { kind: 'session_paid' }>, refs: PaymentRefs | null): Promise<Applied> {
  const donation = await donationForSession(tx, fact.sessionId, fact.donationId);
  if (!donation) return result('unmatched', env.i18n.t('funding.note.unknownSession', { session: fact.sessionId }));
  if (fact.currency !== donation.currency) return wrongCurrency(env, fact.currency, donation.currency);
  await settle(tx, env, donation, { paymentIntent: fact.paymentIntent, subscription: fact.subscription });
  if (fact.mode === 'subscription') {
    // A monthly gift is counted per invoice; the first one may come here or with invoice.paid.
    if (!fact.invoice) return result('applied', env.i18n.t('funding.note.subscriptionStarted'));
    return recordGift(tx, env, donation, { amountMinor: fact.amountMinor, at: fact.at, providerRef: fact.invoice, sessionId: fact.sessionId, invoiceId: fact.invoice, refs: refs ?? { paymentIntent: null, charge: null } });
  }
  const providerRef = fact.paymentIntent ?? fact.sessionId;
  return recordGift(tx, env, donation, { amountMinor: fact.amountMinor, at: fact.at, providerRef, sessionId: fact.sessionId, invoiceId: null, refs: { paymentIntent: fact.paymentIntent, charge: null } });
}

async function invoicePaid(tx: Tx, env: ApplyEnv, fact: Extract<StripeFact, { kind: 'invoice_paid' }>, refs: PaymentRefs | null): Promise<Applied> {
  const donation = await donationForSubscription(tx, fact.subscription, fact.donationId);
  if (!donation) return result('unmatched', env.i18n.t('funding.note.unknownSubscription', { subscription: fact.subscription ?? '—' }));
  if (fact.currency !== donation.currency) return wrongCurrency(env, fact.currency, donation.currency);
  if (fact.amountMinor <= 0) return result('ignored', env.i18n.t('funding.note.nothingPaid'));
  if (donation.status !== 'settled' || donation.subscription_id === null) await settle(tx, env, donation, { subscription: fact.subscription });
  return recordGift(tx, env, donation, { amountMinor: fact.amountMinor, at: fact.at, providerRef: fact.invoiceId, sessionId: null, invoiceId: fact.invoiceId, refs: refs ?? { paymentIntent: null, charge: null } });
}

/** Refunds are applied as the delta between the charge's `amount_refunded` and what is already refunded. */
async function refund(tx: Tx, env: ApplyEnv, fact: Extract<StripeFact, { kind: 'charge_refunded' }>): Promise<Applied> {
  const gift = await findGift(tx, { chargeId: fact.chargeId, paymentIntent: fact.paymentIntent });
  const { t, money } = env.i18n;
  if (!gift) return result('unmatched', t('funding.note.unknownCharge', { charge: fact.chargeId, payment: fact.paymentIntent ?? '—' }));
  if (fact.currency !== gift.currency) return wrongCurrency(env, fact.currency, gift.currency);
  const already = -(await adjustedSum(tx, gift.id, 'refund'));
  const delta = Math.min(fact.amountRefunded, Number(gift.amount_minor)) - already;
  if (delta <= 0) return result('ignored', t('funding.note.refundKnown', { charge: fact.chargeId, amount: money(already, gift.currency) }));
  await insertEntry(
    tx,
    env.now,
    {
      campaignId: gift.campaign_id,
      donationId: gift.donation_id,
      adjustsEntryId: gift.id,
      period: gift.period,
      kind: 'refund',
      amountMinor: -delta,
      currency: gift.currency,
      provider: 'stripe',
      providerRef: `${fact.chargeId}:refunded:${fact.amountRefunded}`,
      paymentIntentId: gift.payment_intent_id,
      chargeId: fact.chargeId,
      occurredAt: iso(env.now),
    },
    { actor: 'stripe', userId: null, source: env.eventId },
  );
  return result('applied', t('funding.note.refunded', { amount: money(delta, gift.currency), total: money(fact.amountRefunded, gift.currency) }), true);
}

/**
 * Disputes: the amount is withdrawn when the dispute opens (Stripe debits it then) and restored
 * when it closes as won; a lost dispute stays withdrawn. A `closed` arriving before its `created`
 * records both rows. Inquiries (`warning_*`) move no money and are ignored.
 */
async function dispute(tx: Tx, env: ApplyEnv, fact: Extract<StripeFact, { kind: 'dispute' }>): Promise<Applied> {
  const { t, money } = env.i18n;
  if (fact.status.startsWith('warning_')) return result('ignored', t('funding.note.inquiry', { dispute: fact.disputeId, status: fact.status }));
  const gift = await findGift(tx, { chargeId: fact.chargeId, paymentIntent: fact.paymentIntent });
  if (!gift) return result('unmatched', t('funding.note.unknownDispute', { charge: fact.chargeId, dispute: fact.disputeId }));
  if (fact.currency !== gift.currency) return wrongCurrency(env, fact.currency, gift.currency);
  const amount = Math.min(fact.amountMinor, Number(gift.amount_minor));
  const base = {
    campaignId: gift.campaign_id,
    donationId: gift.donation_id,
    adjustsEntryId: gift.id,
    period: gift.period,
    currency: gift.currency,
    provider: 'stripe' as const,
    providerRef: fact.disputeId,
    paymentIntentId: gift.payment_intent_id,
    chargeId: fact.chargeId,
    occurredAt: iso(env.now),
  };
  const by = { actor: 'stripe' as const, userId: null, source: env.eventId };
  const withdrawn = await insertEntry(tx, env.now, { ...base, kind: 'dispute', amountMinor: -amount, note: t('funding.note.disputeRow', { status: fact.status }) }, by);
  const won = fact.closed && (fact.status === 'won' || fact.status === 'prevented');
  const restored = won ? await insertEntry(tx, env.now, { ...base, kind: 'dispute_reversal', amountMinor: amount, note: t('funding.note.disputeWonRow') }, by) : null;
  if (withdrawn === null && restored === null) return result('ignored', t('funding.note.disputeKnown', { dispute: fact.disputeId, status: fact.status }));
  const values = { dispute: fact.disputeId, amount: money(amount, gift.currency) };
  const key = withdrawn !== null && restored !== null ? 'funding.note.disputeBoth' : withdrawn !== null ? 'funding.note.disputeWithdrawn' : 'funding.note.disputeRestored';
  return result('applied', t(key, values), true);
}

export async function applyFact(tx: Tx, env: ApplyEnv, fact: StripeFact, refs: PaymentRefs | null): Promise<Applied> {
  switch (fact.kind) {
    case 'session_paid':
      return sessionPaid(tx, env, fact, refs);
    case 'session_waiting': {
      const donation = await donationForSession(tx, fact.sessionId, fact.donationId);
      if (!donation) return result('unmatched', env.i18n.t('funding.note.unknownSession', { session: fact.sessionId }));
      if (fact.paymentIntent) await tx.db.updateTable('donations').set({ payment_intent_id: fact.paymentIntent }).where('id', '=', donation.id).execute();
      return result('ignored', env.i18n.t('funding.note.waiting'));
    }
    case 'session_failed': {
      const donation = await donationForSession(tx, fact.sessionId, fact.donationId);
      if (!donation) return result('unmatched', env.i18n.t('funding.note.unknownSession', { session: fact.sessionId }));
      if (donation.status === 'pending') await tx.db.updateTable('donations').set({ status: 'failed' }).where('id', '=', donation.id).execute();
      return result('applied', env.i18n.t('funding.note.failed'));
    }
    case 'invoice_paid':
      return invoicePaid(tx, env, fact, refs);
    case 'charge_refunded':
      return refund(tx, env, fact);
    case 'dispute':
      return dispute(tx, env, fact);
    default:
      return result('ignored', env.i18n.t('funding.note.notUsed'));
  }
}

/** Apply refund and dispute events that arrived before the gift they concern. Returns how many. */
async function replayDeferred(tx: Tx, env: ApplyEnv, refs: PaymentRefs): Promise<number> {
  const keys = [refs.paymentIntent, refs.charge].filter((k): k is string => !!k);
  if (!keys.length) return 0;
  const waiting = await tx.db
    .selectFrom('provider_events')
    .select(['id', 'payload'])
    .where('outcome', '=', 'unmatched')
    .where((eb) => eb.or([eb('payment_intent_ref', 'in', keys), eb('object_ref', 'in', keys)]))
    .orderBy('id')
    .execute();
  let applied = 0;
  for (const event of waiting) {
    const fact = JSON.parse(event.payload) as StripeFact;
    if (fact.kind !== 'charge_refunded' && fact.kind !== 'dispute') continue;
    const done = await applyFact(tx, env, fact, null);
    await tx.db.updateTable('provider_events').set({ outcome: done.outcome, note: env.i18n.t('funding.note.late', { note: done.note }) }).where('id', '=', event.id).execute();
    if (done.changed) applied++;
  }
  return applied;
}

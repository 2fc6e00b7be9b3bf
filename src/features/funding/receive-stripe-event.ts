import type Stripe from 'stripe';
import type { AppContext } from '../../context.js';
import type { ProviderEventOutcome } from '../../db/schema/index.js';
import { iso } from '../../shared/clock.js';
import { announceFunding } from './announce-funding.js';
import { invoicePaymentRefs, stripeClient } from './stripe-client.js';
import { factOf, type PaymentRefs, refsOf } from './stripe-facts.js';
import { applyFact } from './stripe-ledger.js';

export interface Received {
  /** 'duplicate' when this event id was received before: nothing was done again. */
  outcome: ProviderEventOutcome | 'duplicate';
  note: string;
}

/**
 * Apply a verified Stripe event to the ledger exactly once. The event id is recorded in the same
 * transaction as the ledger rows it causes (unique per provider), so a redelivery, or two
 * deliveries racing on two instances, change nothing. Events may come in any order: a refund or a
 * dispute that arrives before its payment is kept as "unmatched" and applied when the payment does.
 */
export async function receiveStripeEvent(ctx: AppContext, event: Stripe.Event): Promise<Received> {
  const { db } = ctx.database;
  const seen = await db.selectFrom('provider_events').select(['outcome']).where('provider', '=', 'stripe').where('event_id', '=', event.id).executeTakeFirst();
  const { t } = ctx.site.i18n;
  if (seen) return { outcome: 'duplicate', note: t('funding.note.duplicate', { id: event.id }) };

  const fact = factOf(event);
  // Invoices carry no payment ids: look them up first, never holding a transaction across the network.
  const invoiceId = fact.kind === 'invoice_paid' ? fact.invoiceId : fact.kind === 'session_paid' && fact.mode === 'subscription' ? fact.invoice : null;
  const refs: PaymentRefs | null = invoiceId ? await invoicePaymentRefs(stripeClient(ctx.config), invoiceId) : null;
  const { objectRef, paymentIntentRef } = refsOf(fact);
  const now = ctx.clock.now();

  const done = await ctx.database.transaction(async (tx) => {
    const claimed = await tx.db
      .insertInto('provider_events')
      .values({
        provider: 'stripe',
        event_id: event.id,
        type: event.type,
        received_at: iso(now),
        outcome: 'ignored',
        note: '',
        object_ref: objectRef,
        payment_intent_ref: paymentIntentRef ?? refs?.paymentIntent ?? null,
        payload: JSON.stringify(fact),
      })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    // Another delivery of the same event committed first.
    if (!claimed) return null;
    const applied = await applyFact(tx, { now, timeZone: ctx.site.settings.timeZone, eventId: event.id, i18n: ctx.site.i18n }, fact, refs);
    await tx.db.updateTable('provider_events').set({ outcome: applied.outcome, note: applied.note }).where('id', '=', claimed.id).execute();
    if (applied.changed) tx.onCommit(() => announceFunding(ctx));
    return applied;
  });
  if (!done) return { outcome: 'duplicate', note: t('funding.note.duplicate', { id: event.id }) };
  if (done.outcome === 'unmatched' || done.outcome === 'rejected') ctx.logger.warn({ event: event.id, type: event.type, outcome: done.outcome }, done.note);
  return { outcome: done.outcome, note: done.note };
}

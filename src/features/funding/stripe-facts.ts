import type Stripe from 'stripe';

/**
 * What a Stripe event tells the ledger, reduced to the fields this app uses. Stored as the
 * provider event's payload, so an event that arrived before its payment (a refund before the
 * checkout completed) can be applied once the payment is known.
 */
export type StripeFact =
  | {
      kind: 'session_paid';
      sessionId: string;
      mode: 'payment' | 'subscription';
      amountMinor: number;
      currency: string;
      paymentIntent: string | null;
      subscription: string | null;
      invoice: string | null;
      donationId: number | null;
      at: string;
    }
  | { kind: 'session_waiting'; sessionId: string; paymentIntent: string | null; donationId: number | null }
  | { kind: 'session_failed'; sessionId: string; donationId: number | null }
  | { kind: 'invoice_paid'; invoiceId: string; subscription: string | null; donationId: number | null; amountMinor: number; currency: string; at: string }
  | { kind: 'charge_refunded'; chargeId: string; paymentIntent: string | null; amountRefunded: number; currency: string }
  | { kind: 'dispute'; closed: boolean; disputeId: string; chargeId: string; paymentIntent: string | null; amountMinor: number; currency: string; status: string }
  | { kind: 'other' };

/** The fields an invoice's payment adds once looked up (invoices carry no payment ids). */
export interface PaymentRefs {
  paymentIntent: string | null;
  charge: string | null;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

function donationIdOf(metadata: Stripe.Metadata | null | undefined): number | null {
  const raw = metadata?.donation_id;
  return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
}

const at = (seconds: number | null | undefined, fallback: number) => new Date((seconds ?? fallback) * 1000).toISOString();

export function factOf(event: Stripe.Event): StripeFact {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = event.data.object;
      const donationId = donationIdOf(s.metadata);
      const mode = s.mode === 'payment' ? 'payment' : s.mode === 'subscription' ? 'subscription' : null;
      if (!mode) return { kind: 'other' };
      if (s.payment_status !== 'paid') return { kind: 'session_waiting', sessionId: s.id, paymentIntent: idOf(s.payment_intent), donationId };
      return {
        kind: 'session_paid',
        sessionId: s.id,
        mode,
        amountMinor: s.amount_total ?? 0,
        currency: (s.currency ?? '').toUpperCase(),
        paymentIntent: idOf(s.payment_intent),
        subscription: idOf(s.subscription),
        invoice: idOf(s.invoice),
        donationId,
        at: at(null, event.created),
      };
    }
    case 'checkout.session.async_payment_failed': {
      const s = event.data.object;
      return { kind: 'session_failed', sessionId: s.id, donationId: donationIdOf(s.metadata) };
    }
    case 'invoice.paid': {
      const inv = event.data.object;
      const details = inv.parent?.subscription_details ?? null;
      return {
        kind: 'invoice_paid',
        invoiceId: inv.id,
        subscription: idOf(details?.subscription),
        donationId: donationIdOf(details?.metadata),
        amountMinor: inv.amount_paid,
        currency: inv.currency.toUpperCase(),
        at: at(inv.status_transitions?.paid_at, event.created),
      };
    }
    case 'charge.refunded': {
      const c = event.data.object;
      return { kind: 'charge_refunded', chargeId: c.id, paymentIntent: idOf(c.payment_intent), amountRefunded: c.amount_refunded, currency: c.currency.toUpperCase() };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const d = event.data.object;
      return {
        kind: 'dispute',
        closed: event.type === 'charge.dispute.closed',
        disputeId: d.id,
        chargeId: idOf(d.charge) ?? '',
        paymentIntent: idOf(d.payment_intent),
        amountMinor: d.amount,
        currency: d.currency.toUpperCase(),
        status: d.status,
      };
    }
    default:
      return { kind: 'other' };
  }
}

/** The object an event is about and its payment intent, for the admin list and for matching later. */
export function refsOf(fact: StripeFact): { objectRef: string | null; paymentIntentRef: string | null } {
  switch (fact.kind) {
    case 'session_paid':
    case 'session_waiting':
      return { objectRef: fact.sessionId, paymentIntentRef: 'paymentIntent' in fact ? fact.paymentIntent : null };
    case 'session_failed':
      return { objectRef: fact.sessionId, paymentIntentRef: null };
    case 'invoice_paid':
      return { objectRef: fact.invoiceId, paymentIntentRef: null };
    case 'charge_refunded':
      return { objectRef: fact.chargeId, paymentIntentRef: fact.paymentIntent };
    case 'dispute':
      return { objectRef: fact.disputeId, paymentIntentRef: fact.paymentIntent };
    default:
      return { objectRef: null, paymentIntentRef: null };
  }
}

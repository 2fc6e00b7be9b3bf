import { createRequire } from 'node:module';
import type Stripe from 'stripe';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import { FundingError } from './errors.js';
import type { PaymentRefs } from './stripe-facts.js';

const clients = new WeakMap<Config['stripe'], Stripe>();

/** The SDK is loaded on first use: a site that takes no card payments never pays for it in memory. */
let sdk: typeof Stripe | null = null;
function loadStripe(): typeof Stripe {
  sdk ??= createRequire(import.meta.url)('stripe') as typeof Stripe;
  return sdk;
}

/**
 * The Stripe SDK for this configuration, or null when STRIPE_SECRET_KEY is unset. STRIPE_API_URL
 * points it at a stand-in (stripe-mock, or the tests' local server) through its host/port/protocol options.
 */
export function stripeClient(config: Config): Stripe | null {
  const { stripe } = config;
  if (!stripe.secretKey) return null;
  let client = clients.get(stripe);
  if (!client) {
    const StripeSdk = loadStripe();
    client = new StripeSdk(stripe.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      appInfo: { name: 'Outpost' },
      ...(stripe.api ? { host: stripe.api.host, port: stripe.api.port, protocol: stripe.api.protocol } : {}),
    });
    clients.set(stripe, client);
  }
  return client;
}

/** Check a webhook's `Stripe-Signature` against STRIPE_WEBHOOK_SECRET and parse it; forged or unsigned → FundingError. */
export function verifyStripeEvent(ctx: AppContext, rawBody: Buffer, signature: string | undefined): Stripe.Event {
  const { t } = ctx.site.i18n;
  const secret = ctx.config.stripe.webhookSecret;
  if (!secret) throw new FundingError('funding_not_configured', t('funding.error.notConfigured'));
  if (!signature) throw new FundingError('webhook_signature_invalid', t('funding.error.signature'));
  try {
    return loadStripe().webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FundingError('webhook_signature_invalid', `${t('funding.error.signature')} (${reason})`);
  }
}

/**
 * The payment intent and charge that paid an invoice. Invoices no longer carry them (API
 * 2025-03-31 and later), so they are looked up through the invoice payments list.
 */
export async function invoicePaymentRefs(stripe: Stripe | null, invoiceId: string): Promise<PaymentRefs> {
  if (!stripe) return { paymentIntent: null, charge: null };
  const list = await stripe.invoicePayments.list({ invoice: invoiceId, limit: 10 });
  const paid = list.data.find((p) => p.status === 'paid') ?? list.data[0];
  const payment = paid?.payment;
  const id = (v: string | { id: string } | undefined | null) => (v == null ? null : typeof v === 'string' ? v : v.id);
  return { paymentIntent: id(payment?.payment_intent), charge: id(payment?.charge) };
}

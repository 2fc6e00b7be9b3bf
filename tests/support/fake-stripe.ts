import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/**
 * Stripe at its HTTP boundary, the only faked part of the funding tests. A local server answers
 * the endpoints the official SDK calls, with Stripe's documented payload shapes (API 2026-10-28):
 * POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id and GET /v1/invoice_payments. The
 * app's SDK is pointed at it with STRIPE_API_URL. Events are built here and signed with the SDK's
 * own `webhooks.generateTestHeaderString`.
 */
export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The form-encoded body, flat: `line_items[0][price_data][currency]` → `usd`. */
  form: Record<string, string>;
}

export type FakeSession = Stripe.Checkout.Session;

const rand = (prefix: string) => `${prefix}_test_${randomBytes(8).toString('hex')}`;

export class FakeStripe {
  readonly calls: RecordedCall[] = [];
  readonly sessions = new Map<string, FakeSession>();
  /** invoice id → its payment (payment intent and charge). */
  readonly invoicePayments = new Map<string, { paymentIntent: string; charge: string; amount: number; currency: string }>();
  /** Answer POST /v1/checkout/sessions with this status and Stripe error instead (e.g. 500). */
  failNextCreate: number | null = null;
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => this.answer(req, raw, res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': rand('req') });
    res.end(JSON.stringify(body));
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const form = Object.fromEntries(new URLSearchParams(raw));
    this.calls.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, form });
    if (req.headers.authorization !== 'Bearer sk_test_outpost') {
      return this.send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      if (this.failNextCreate) {
        const status = this.failNextCreate;
        this.failNextCreate = null;
        return this.send(res, status, { error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } });
      }
      return this.send(res, 200, this.createSession(form));
    }
    const sessionMatch = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(url.pathname);
    if (req.method === 'GET' && sessionMatch) {
      const session = this.sessions.get(sessionMatch[1] ?? '');
      return session ? this.send(res, 200, session) : this.send(res, 404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such checkout.session' } });
    }
    if (req.method === 'GET' && url.pathname === '/v1/invoice_payments') {
      const invoice = url.searchParams.get('invoice') ?? '';
      const paid = this.invoicePayments.get(invoice);
      const data = paid
        ? [
            {
              id: rand('inpay'),
              object: 'invoice_payment',
              amount_paid: paid.amount,
              amount_requested: paid.amount,
              created: Math.floor(Date.now() / 1000),
              currency: paid.currency,
              invoice,
              is_default: true,
              livemode: false,
              payment: { type: 'payment_intent', payment_intent: paid.paymentIntent, charge: paid.charge },
              status: 'paid',
              status_transitions: { canceled_at: null, paid_at: Math.floor(Date.now() / 1000) },
            },
          ]
        : [];
      return this.send(res, 200, { object: 'list', data, has_more: false, url: '/v1/invoice_payments' });
    }
    return this.send(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
  }

  private createSession(form: Record<string, string>): FakeSession {
    const id = rand('cs');
    const mode = form.mode === 'subscription' ? 'subscription' : 'payment';
    const metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) {
      const m = /^metadata\[(\w+)\]$/.exec(key);
      if (m?.[1]) metadata[m[1]] = value;
    }
    const session = {
      id,
      object: 'checkout.session',
      amount_subtotal: Number(form['line_items[0][price_data][unit_amount]']),
      amount_total: Number(form['line_items[0][price_data][unit_amount]']),
      cancel_url: form.cancel_url ?? null,
      client_reference_id: form.client_reference_id ?? null,
      created: Math.floor(Date.now() / 1000),
      currency: form['line_items[0][price_data][currency]'] ?? 'usd',
      customer: null,
      customer_email: form.customer_email ?? null,
      expires_at: Math.floor(Date.now() / 1000) + 86_400,
      invoice: null,
      livemode: false,
      metadata,
      mode,
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      submit_type: form.submit_type ?? null,
      subscription: null,
      success_url: form.success_url ?? null,
      url: `https://checkout.stripe.com/c/pay/${id}`,
    } as unknown as FakeSession;
    this.sessions.set(id, session);
    return session;
  }
}

export const webhookSecret = 'whsec_outpost_test';
export const stripeEnv = (fake: FakeStripe) => ({ STRIPE_SECRET_KEY: 'sk_test_outpost', STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_URL: fake.url });

/** A Stripe event envelope around `object`, as Stripe sends it. */
export function stripeEvent<T extends object>(type: string, object: T, options: { id?: string; created?: Date } = {}) {
  return {
    id: options.id ?? rand('evt'),
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor((options.created ?? new Date()).getTime() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** The session as Stripe sends it once the donor has paid (or, for async methods, not yet). */
export function completedSession(session: FakeSession, changes: { paymentIntent?: string | null; paymentStatus?: 'paid' | 'unpaid'; currency?: string; amount?: number; subscription?: string; invoice?: string } = {}) {
  return {
    ...session,
    status: 'complete',
    payment_status: changes.paymentStatus ?? 'paid',
    payment_intent: session.mode === 'payment' ? (changes.paymentIntent === undefined ? rand('pi') : changes.paymentIntent) : null,
    subscription: changes.subscription ?? (session.mode === 'subscription' ? rand('sub') : null),
    invoice: changes.invoice ?? (session.mode === 'subscription' ? rand('in') : null),
    currency: changes.currency ?? session.currency,
    amount_total: changes.amount ?? session.amount_total,
  };
}

export function charge(options: { id?: string; paymentIntent: string; amount: number; amountRefunded?: number; currency?: string }) {
  const refunded = options.amountRefunded ?? 0;
  return {
    id: options.id ?? rand('ch'),
    object: 'charge',
    amount: options.amount,
    amount_captured: options.amount,
    amount_refunded: refunded,
    captured: true,
    created: Math.floor(Date.now() / 1000),
    currency: options.currency ?? 'usd',
    disputed: false,
    livemode: false,
    metadata: {},
    paid: true,
    payment_intent: options.paymentIntent,
    refunded: refunded >= options.amount,
    status: 'succeeded',
  };
}

export function dispute(options: { id?: string; charge: string; paymentIntent: string; amount: number; status: string; currency?: string }) {
  return {
    id: options.id ?? rand('dp'),
    object: 'dispute',
    amount: options.amount,
    charge: options.charge,
    created: Math.floor(Date.now() / 1000),
    currency: options.currency ?? 'usd',
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: options.paymentIntent,
    reason: 'fraudulent',
    status: options.status,
  };
}

export function invoice(options: { id?: string; subscription: string; donationId?: number; amount: number; currency?: string; paidAt?: Date; billingReason?: string }) {
  return {
    id: options.id ?? rand('in'),
    object: 'invoice',
    amount_due: options.amount,
    amount_paid: options.amount,
    amount_remaining: 0,
    billing_reason: options.billingReason ?? 'subscription_cycle',
    currency: options.currency ?? 'usd',
    customer: rand('cus'),
    livemode: false,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: options.subscription, metadata: options.donationId ? { donation_id: String(options.donationId) } : {} } },
    status: 'paid',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: Math.floor((options.paidAt ?? new Date()).getTime() / 1000), voided_at: null },
  };
}

/** The Stripe-Signature header for a payload, made by the SDK itself. */
export function sign(payload: string, secret = webhookSecret): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { charge, completedSession, dispute, FakeStripe, type FakeSession, sign, stripeEnv, stripeEvent } from './support/fake-stripe.js';
import { deliver, makeMonthlyCampaign, postGift, raised } from './support/funding.js';

let fake: FakeStripe;
let t: TestApp;
let emails = 0;

beforeAll(async () => {
  fake = await new FakeStripe().start();
  t = await createTestApp({ env: stripeEnv(fake) });
  await makeMonthlyCampaign(t.ctx);
});
afterAll(async () => {
  await t.cleanup();
  await fake.stop();
});

/** An event dated by the test clock (its `created` decides the month a gift counts for). */
const ev = <T extends object>(type: string, object: T, id?: string) => stripeEvent(type, object, { created: t.clock.now(), ...(id ? { id } : {}) });

/** Start a one-off gift through the form; returns the checkout session Stripe created. */
async function startGift(amount: string, fields: Record<string, string> = {}): Promise<FakeSession> {
  const res = await postGift(t.app, { amount, email: `donor${++emails}@example.org`, frequency: 'one_off', ...fields });
  expect(res.statusCode, res.body).toBe(303);
  const id = String(res.headers.location).split('/').pop() ?? '';
  const session = fake.sessions.get(id);
  if (!session) throw new Error(`no session ${id}`);
  return session;
}

/** A gift that has been paid: returns its payment intent. */
async function paidGift(amount: string): Promise<{ session: FakeSession; paymentIntent: string }> {
  const session = await startGift(amount);
  const completed = completedSession(session);
  expect((await deliver(t.app, ev('checkout.session.completed', completed))).json().outcome).toBe('applied');
  return { session, paymentIntent: completed.payment_intent as string };
}

const eventCount = async () => Number((await t.ctx.database.db.selectFrom('provider_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('checkout', () => {
  it('sends a one-off gift to Stripe Checkout through the SDK, and counts nothing yet', async () => {
    const before = await raised(t.ctx);
    const calls = fake.calls.length;
    const res = await postGift(t.app, { preset: '2500', email: 'ana@example.org', name: 'Ana', public: '1', message: 'Keep going', frequency: 'one_off', currency: 'USD' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const call = fake.calls[calls];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v1/checkout/sessions');
    expect(call?.headers['idempotency-key']).toMatch(/^outpost-donation-\d+-/);
    expect(call?.form).toMatchObject({
      mode: 'payment',
      submit_type: 'donate',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '2500',
      customer_email: 'ana@example.org',
      success_url: 'http://outpost.test/support/thanks',
      cancel_url: 'http://outpost.test/support',
    });
    expect(call?.form['metadata[donation_id]']).toMatch(/^\d+$/);
    expect(call?.form['payment_intent_data[metadata][donation_id]']).toBe(call?.form['metadata[donation_id]']);
    const donation = await t.ctx.database.db.selectFrom('donations').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(donation).toMatchObject({ status: 'pending', amount_minor: 2500, currency: 'USD', donor_name: 'Ana', donor_public: 1, message: 'Keep going' });
    expect(await raised(t.ctx)).toBe(before);
  });

  it('starts a monthly gift as a subscription priced inline', async () => {
    const calls = fake.calls.length;
    const res = await postGift(t.app, { amount: '12.50', email: 'monthly@example.org', frequency: 'monthly' }, { accept: 'application/json' });
    expect(res.statusCode).toBe(201);
    expect(res.json().url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(fake.calls[calls]?.form).toMatchObject({
      mode: 'subscription',
      'line_items[0][price_data][unit_amount]': '1250',
      'line_items[0][price_data][recurring][interval]': 'month',
    });
    expect(fake.calls[calls]?.form['subscription_data[metadata][donation_id]']).toMatch(/^\d+$/);
  });

  it('re-renders the form with field errors for bad amounts and addresses, and calls nobody', async () => {
    const calls = fake.calls.length;
    const res = await postGift(t.app, { amount: '0.50', email: 'not-an-email', public: '1' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Gifts are between $1 and $10,000.');
    expect(res.body).toContain('Enter a valid email address for the receipt.');
    expect(res.body).toContain('Give a name to show on the wall');
    expect(res.body).toContain('value="not-an-email"');
    const tooBig = await postGift(t.app, { amount: '10000.01', email: 'big@example.org' }, { accept: 'application/json' });
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().error.fields.amount).toContain('between');
    expect(fake.calls.length).toBe(calls);
  });

  it('rejects a gift in another currency with a clear message', async () => {
    const res = await postGift(t.app, { amount: '20', email: 'eur@example.org', currency: 'EUR' }, { accept: 'application/json' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'funding_currency_mismatch', message: 'This campaign takes gifts in USD, not EUR: nothing was recorded.' });
  });

  it('drops what fills the honeypot', async () => {
    const donations = await t.ctx.database.db.selectFrom('donations').select('id').execute();
    const res = await postGift(t.app, { amount: '20', email: 'bot@example.org', website: 'http://spam.example' });
    expect(res.statusCode).toBe(400);
    expect(await t.ctx.database.db.selectFrom('donations').select('id').execute()).toHaveLength(donations.length);
  });

  it('rate-limits checkout creation per address and per donor identity (card testing)', async () => {
    const ip = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await postGift(t.app, { amount: '5', email: `card${i}@example.org` }, { remoteAddress: ip })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
    const sameDonor: number[] = [];
    for (let i = 0; i < 6; i++) sameDonor.push((await postGift(t.app, { amount: '5', email: 'Tester@Example.org' }, { remoteAddress: `198.51.100.${i + 1}` })).statusCode);
    expect(sameDonor.slice(0, 5).every((s) => s === 303)).toBe(true);
    const limited = await postGift(t.app, { amount: '5', email: 'tester@example.org' }, { remoteAddress: '198.51.100.99', accept: 'application/json' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().error.code).toBe('rate_limited');
  });

  it('says so when Stripe fails, and charges nothing', async () => {
    fake.failNextCreate = 400;
    const res = await postGift(t.app, { amount: '20', email: 'fail@example.org' }, { accept: 'application/json' });
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('funding_provider_error');
    const donation = await t.ctx.database.db.selectFrom('donations').select('status').where('email', '=', 'fail@example.org').executeTakeFirstOrThrow();
    expect(donation.status).toBe('failed');
  });
});

describe('webhooks', () => {
  it('settles a paid checkout once, however often the event is delivered', async () => {
    const before = await raised(t.ctx);
    const session = await startGift('25');
    const event = ev('checkout.session.completed', completedSession(session));
    const first = await deliver(t.app, event);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: true, outcome: 'applied' });
    expect(await raised(t.ctx)).toBe(before + 2500);
    for (let i = 0; i < 3; i++) {
      const again = await deliver(t.app, event);
      expect(again.statusCode).toBe(200);
      expect(again.json().outcome).toBe('duplicate');
    }
    // The same payment announced by another event (a different id) is not counted again either.
    const other = await deliver(t.app, ev('checkout.session.async_payment_succeeded', completedSession(session, { paymentIntent: event.data.object.payment_intent })));
    expect(other.json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(before + 2500);
    const donation = await t.ctx.database.db.selectFrom('donations').select(['status', 'payment_intent_id']).where('checkout_session_id', '=', session.id).executeTakeFirstOrThrow();
    expect(donation).toEqual({ status: 'settled', payment_intent_id: event.data.object.payment_intent });
  });

  it('refuses forged, unsigned and tampered webhooks with 400 and records nothing', async () => {
    const session = await startGift('30');
    const event = ev('checkout.session.completed', completedSession(session));
    const before = { total: await raised(t.ctx), events: await eventCount() };
    const payload = JSON.stringify(event);
    const forged = await deliver(t.app, event, { signature: sign(payload, 'whsec_somebody_else') });
    const unsigned = await deliver(t.app, event, { signature: null });
    const garbage = await deliver(t.app, event, { signature: 't=1,v1=deadbeef' });
    const tampered = await deliver(t.app, event, { payload: payload.replace('"amount_total":3000', '"amount_total":300000'), signature: sign(payload) });
    for (const res of [forged, unsigned, garbage, tampered]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('webhook_signature_invalid');
    }
    expect(await raised(t.ctx)).toBe(before.total);
    expect(await eventCount()).toBe(before.events);
  });

  it('records an event for an unknown session as unmatched, for admins, and counts nothing', async () => {
    const before = await raised(t.ctx);
    const stranger = completedSession({ ...(await startGift('40')), id: 'cs_test_not_ours' } as FakeSession);
    const res = await deliver(t.app, ev('checkout.session.completed', stranger));
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('unmatched');
    expect(await raised(t.ctx)).toBe(before);
    const row = await t.ctx.database.db.selectFrom('provider_events').selectAll().where('object_ref', '=', 'cs_test_not_ours').executeTakeFirstOrThrow();
    expect(row.outcome).toBe('unmatched');
    expect(row.note).toContain('cs_test_not_ours');
  });

  it('rejects a payment in the wrong currency with a clear note, counting nothing', async () => {
    const before = await raised(t.ctx);
    const session = await startGift('50');
    const res = await deliver(t.app, ev('checkout.session.completed', completedSession(session, { currency: 'eur' })));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'rejected' });
    expect(res.json().note).toContain('EUR');
    expect(res.json().note).toContain('USD');
    expect(await raised(t.ctx)).toBe(before);
  });

  it('waits for an asynchronous payment, then counts it; a failed one never counts', async () => {
    const before = await raised(t.ctx);
    const session = await startGift('60');
    const pending = completedSession(session, { paymentStatus: 'unpaid' });
    expect((await deliver(t.app, ev('checkout.session.completed', pending))).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(before);
    expect((await deliver(t.app, ev('checkout.session.async_payment_succeeded', { ...pending, payment_status: 'paid' }))).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(before + 6000);
    const failing = await startGift('70');
    expect((await deliver(t.app, ev('checkout.session.async_payment_failed', completedSession(failing, { paymentStatus: 'unpaid' })))).json().outcome).toBe('applied');
    const donation = await t.ctx.database.db.selectFrom('donations').select('status').where('checkout_session_id', '=', failing.id).executeTakeFirstOrThrow();
    expect(donation.status).toBe('failed');
    expect(await raised(t.ctx)).toBe(before + 6000);
  });
});

describe('refunds', () => {
  it('applies partial refunds from amount_refunded, to the cent, in any order and however often', async () => {
    const start = await raised(t.ctx);
    const { paymentIntent } = await paidGift('33.33');
    expect(await raised(t.ctx)).toBe(start + 3333);
    const chargeId = 'ch_test_partial';
    const first = ev('charge.refunded', charge({ id: chargeId, paymentIntent, amount: 3333, amountRefunded: 1111 }));
    expect((await deliver(t.app, first)).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start + 2222);
    expect((await deliver(t.app, first)).json().outcome).toBe('duplicate');
    const second = ev('charge.refunded', charge({ id: chargeId, paymentIntent, amount: 3333, amountRefunded: 2000 }));
    expect((await deliver(t.app, second)).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start + 1333);
    // An older state of the charge arriving late (a new event id) changes nothing.
    const stale = ev('charge.refunded', charge({ id: chargeId, paymentIntent, amount: 3333, amountRefunded: 1111 }));
    expect((await deliver(t.app, stale)).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(start + 1333);
    const full = ev('charge.refunded', charge({ id: chargeId, paymentIntent, amount: 3333, amountRefunded: 3333 }));
    expect((await deliver(t.app, full)).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start);
    const rows = await t.ctx.database.db.selectFrom('ledger_entries').select(['kind', 'amount_minor']).where('charge_id', '=', chargeId).orderBy('id').execute();
    expect(rows.map((r) => Number(r.amount_minor))).toEqual([-1111, -889, -1333]);
  });

  it('applies a refund that arrives before the payment it refunds, once the payment settles', async () => {
    const start = await raised(t.ctx);
    const session = await startGift('40');
    const paymentIntent = 'pi_test_early_refund';
    const refund = await deliver(t.app, ev('charge.refunded', charge({ id: 'ch_test_early', paymentIntent, amount: 4000, amountRefunded: 1000 })));
    expect(refund.json().outcome).toBe('unmatched');
    expect(await raised(t.ctx)).toBe(start);
    const completed = await deliver(t.app, ev('checkout.session.completed', completedSession(session, { paymentIntent })));
    expect(completed.json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start + 3000);
    const waited = await t.ctx.database.db.selectFrom('provider_events').select(['outcome', 'note']).where('object_ref', '=', 'ch_test_early').executeTakeFirstOrThrow();
    expect(waited.outcome).toBe('applied');
    expect(waited.note).toContain('Applied late');
    // Redelivering the early refund now changes nothing.
    expect((await deliver(t.app, ev('charge.refunded', charge({ id: 'ch_test_early', paymentIntent, amount: 4000, amountRefunded: 1000 })))).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(start + 3000);
  });
});

describe('disputes', () => {
  it('withdraws a disputed gift when the dispute opens and restores it when the dispute is won', async () => {
    const start = await raised(t.ctx);
    const { paymentIntent } = await paidGift('80');
    const base = { id: 'dp_test_won', charge: 'ch_test_won', paymentIntent, amount: 8000 };
    expect((await deliver(t.app, ev('charge.dispute.created', dispute({ ...base, status: 'needs_response' })))).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start);
    expect((await deliver(t.app, ev('charge.dispute.closed', dispute({ ...base, status: 'won' })))).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start + 8000);
  });

  it('keeps a lost dispute withdrawn', async () => {
    const start = await raised(t.ctx);
    const { paymentIntent } = await paidGift('90');
    const base = { id: 'dp_test_lost', charge: 'ch_test_lost', paymentIntent, amount: 9000 };
    await deliver(t.app, ev('charge.dispute.created', dispute({ ...base, status: 'needs_response' })));
    expect((await deliver(t.app, ev('charge.dispute.closed', dispute({ ...base, status: 'lost' })))).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(start);
  });

  it('handles a closed dispute arriving before its opening, and ignores inquiries', async () => {
    const start = await raised(t.ctx);
    const { paymentIntent } = await paidGift('70');
    const base = { id: 'dp_test_order', charge: 'ch_test_order', paymentIntent, amount: 7000 };
    expect((await deliver(t.app, ev('charge.dispute.closed', dispute({ ...base, status: 'won' })))).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(start + 7000);
    expect((await deliver(t.app, ev('charge.dispute.created', dispute({ ...base, status: 'needs_response' })))).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(start + 7000);
    const inquiry = dispute({ id: 'dp_test_inquiry', charge: 'ch_test_order', paymentIntent, amount: 7000, status: 'warning_needs_response' });
    expect((await deliver(t.app, ev('charge.dispute.created', inquiry))).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(start + 7000);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../src/jobs/handlers.js';
import { runOneJob } from '../src/jobs/worker.js';
import { createTestApp, type TestApp } from './support/app.js';
import { charge, completedSession, FakeStripe, type FakeSession, invoice, stripeEnv, stripeEvent } from './support/fake-stripe.js';
import { deliver, makeMonthlyCampaign, postGift, raised } from './support/funding.js';
import { TestClock } from './support/context.js';

let fake: FakeStripe;
let t: TestApp;
let base: string;
const clock = new TestClock(new Date('2026-11-28T12:00:00.000Z'));
const ev = <T extends object>(type: string, object: T, created = clock.now()) => stripeEvent(type, object, { created });

beforeAll(async () => {
  fake = await new FakeStripe().start();
  t = await createTestApp({ env: stripeEnv(fake), clock });
  await makeMonthlyCampaign(t.ctx);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await t.cleanup();
  await fake.stop();
});

async function startGift(fields: Record<string, string>): Promise<FakeSession> {
  const res = await postGift(t.app, fields);
  expect(res.statusCode, res.body).toBe(303);
  const session = fake.sessions.get(String(res.headers.location).split('/').pop() ?? '');
  if (!session) throw new Error('no session');
  return session;
}

/** Read server-sent events from a real connection until one named `name` arrives (or 5 s pass). */
async function waitForEvent(url: string, name: string, act: () => Promise<unknown>) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  for (let i = 0; i < 100 && t.app.live.connections === 0; i++) await new Promise((r) => setTimeout(r, 10));
  await act();
  let text = '';
  const deadline = Date.now() + 5000;
  try {
    while (Date.now() < deadline) {
      const timeout = new Promise<{ done: true; value: undefined }>((resolve) => setTimeout(() => resolve({ done: true, value: undefined }), deadline - Date.now()));
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (const block of text.split('\n\n')) {
        const lines = Object.fromEntries(block.split('\n').filter((l) => l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (lines.event === name && lines.data) return JSON.parse(lines.data) as Record<string, unknown>;
      }
    }
    return null;
  } finally {
    controller.abort();
  }
}

describe('live funding', () => {
  it('tells live readers the new figures when a webhook settles a gift, and the pages show them', async () => {
    await t.app.inject({ url: '/' });
    expect((await t.app.inject({ url: '/' })).headers['x-cache']).toBe('hit');
    const before = await raised(t.ctx);
    const session = await startGift({ amount: '64', email: 'live@example.org' });
    const data = await waitForEvent(`${base}/events?topics=funding`, 'funding', () => deliver(t.app, ev('checkout.session.completed', completedSession(session))));
    expect(data).toMatchObject({ topic: 'funding', raisedMinor: before + 6400, goalMinor: 500000, currency: 'USD', raised: `$${(before + 6400) / 100}` });
    const page = await t.app.inject({ url: '/' });
    expect(page.headers['x-cache']).toBe('miss');
    expect(page.body).toContain(`aria-valuetext="$${(before + 6400) / 100} raised of $5,000"`);
    const fragment = await t.app.inject({ url: '/support/bar?variant=header' });
    expect(fragment.body).toContain(`$${(before + 6400) / 100} raised of $5,000`);
  });

  it('emails a receipt through the outbox once the gift has committed', async () => {
    const session = await startGift({ amount: '15', email: 'receipt@example.org', name: 'Rita' });
    await deliver(t.app, ev('checkout.session.completed', completedSession(session)));
    const jobs = await t.ctx.database.db.selectFrom('jobs').select(['kind', 'payload']).where('kind', '=', 'funding.receipt').execute();
    expect(jobs.length).toBeGreaterThan(0);
    while (await runOneJob(t.ctx, jobHandlers)) {}
    const dir = path.join(t.dataDir, 'mail');
    const mails = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const receipt = mails.find((m) => m.includes('To: receipt@example.org'));
    expect(receipt).toBeDefined();
    expect(receipt).toContain('Subject: Your gift of $15 to Outpost');
    expect(receipt).toContain('Dear Rita,');
    const failed = await t.ctx.database.db.selectFrom('jobs').select('id').where('status', '=', 'failed').execute();
    expect(failed).toEqual([]);
  });

  it('applies two racing deliveries of the same event once', async () => {
    const before = await raised(t.ctx);
    const session = await startGift({ amount: '11.11', email: 'race@example.org' });
    const event = ev('checkout.session.completed', completedSession(session));
    const results = await Promise.all([deliver(t.app, event), deliver(t.app, event), deliver(t.app, event)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.json().outcome === 'applied')).toHaveLength(1);
    expect(await raised(t.ctx)).toBe(before + 1111);
  });
});

describe('monthly gifts', () => {
  it('counts the first invoice once (checkout and invoice.paid both announce it), then one gift per month', async () => {
    const novemberBefore = await raised(t.ctx);
    const session = await startGift({ amount: '20', email: 'monthly@example.org', frequency: 'monthly' });
    const completed = completedSession(session, { subscription: 'sub_test_monthly', invoice: 'in_test_first' });
    fake.invoicePayments.set('in_test_first', { paymentIntent: 'pi_test_first', charge: 'ch_test_first', amount: 2000, currency: 'usd' });
    const donationId = Number(session.metadata?.donation_id);
    // invoice.paid may come before checkout.session.completed: found through the subscription's metadata.
    const first = invoice({ id: 'in_test_first', subscription: 'sub_test_monthly', donationId, amount: 2000, paidAt: clock.now(), billingReason: 'subscription_create' });
    expect((await deliver(t.app, ev('invoice.paid', first))).json().outcome).toBe('applied');
    expect((await deliver(t.app, ev('checkout.session.completed', completed))).json().outcome).toBe('ignored');
    expect(await raised(t.ctx)).toBe(novemberBefore + 2000);
    const lookups = fake.calls.filter((c) => c.path === '/v1/invoice_payments');
    expect(lookups.at(-1)?.query.get('invoice')).toBe('in_test_first');

    // A month later, in December: the next invoice counts for December, not November.
    clock.set('2026-12-28T12:00:00.000Z');
    expect(await raised(t.ctx)).toBe(0);
    fake.invoicePayments.set('in_test_second', { paymentIntent: 'pi_test_second', charge: 'ch_test_second', amount: 2000, currency: 'usd' });
    const second = invoice({ id: 'in_test_second', subscription: 'sub_test_monthly', amount: 2000, paidAt: clock.now() });
    expect((await deliver(t.app, ev('invoice.paid', second))).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(2000);
    // Refunding December's charge (matched through the invoice's payment) takes it off December.
    expect((await deliver(t.app, ev('charge.refunded', charge({ id: 'ch_test_second', paymentIntent: 'pi_test_second', amount: 2000, amountRefunded: 500 })))).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(1500);
  });

  it('counts a late redelivery in the month the payment was made, not the month it arrived', async () => {
    const december = await raised(t.ctx);
    const session = await startGift({ amount: '30', email: 'late@example.org' });
    // Paid on 30 November, delivered (after Stripe's retries) on 28 December.
    const event = ev('checkout.session.completed', completedSession(session), new Date('2026-11-30T20:00:00.000Z'));
    expect((await deliver(t.app, event)).json().outcome).toBe('applied');
    expect(await raised(t.ctx)).toBe(december);
    const row = await t.ctx.database.db.selectFrom('ledger_entries').select('period').where('checkout_session_id', '=', session.id).executeTakeFirstOrThrow();
    expect(row.period).toBe('2026-11');
  });

  it('records an invoice of a subscription this site does not know as unmatched', async () => {
    const before = await raised(t.ctx);
    const res = await deliver(t.app, ev('invoice.paid', invoice({ subscription: 'sub_test_stranger', amount: 9900 })));
    expect(res.json().outcome).toBe('unmatched');
    expect(await raised(t.ctx)).toBe(before);
  });
});

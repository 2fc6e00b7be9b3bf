import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedSession, FakeStripe, sign, stripeEnv, stripeEvent } from '../support/fake-stripe.js';
import { launchBrowser, openRecordedPage, type RunningSite, startSite } from './support/browser.js';
import { createUser } from '../../src/features/accounts/create-user.js';
import { axeViolations, formatHtmlMessages, invalidDocuments, validateHtml } from './support/gates.js';

let fake: FakeStripe;
let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  fake = await new FakeStripe().start();
  [site, browser] = await Promise.all([startSite({ demo: true, env: stripeEnv(fake) }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await fake?.stop();
});

describe('the funding bar, in Chromium', () => {
  it('exposes its value to assistive technology and updates live when a webhook settles a gift', async () => {
    const recorded = await openRecordedPage(browser, site.url);
    const { page } = recorded;
    try {
      const stream = page.waitForResponse((r) => r.url().includes('/events?topics=funding'));
      await page.goto(`${site.url}/`);
      const bar = page.getByRole('progressbar', { name: 'Keep our reporters in the field' });
      await bar.waitFor();
      expect(await bar.getAttribute('aria-valuetext')).toBe('$1,360 raised of $5,000');
      expect(await bar.getAttribute('aria-valuenow')).toBe('1360');
      expect(await bar.getAttribute('aria-valuemax')).toBe('5000');
      const snapshot = await page.locator('header').ariaSnapshot();
      expect(snapshot).toContain('progressbar "Keep our reporters in the field"');
      expect(snapshot).toContain('link "Support The Outpost Dispatch"');
      // Mark this document: it must still be the same one after the update (no reload).
      await page.evaluate(() => Object.assign(window, { outpostMarker: 'same page' }));
      // The live script is listening.
      expect((await stream).headers()['content-type']).toBe('text/event-stream; charset=utf-8');

      // A reader gives $25 through the form; Stripe's checkout completes; its webhook arrives.
      const form = new URLSearchParams({ preset: '2500', email: 'browser@example.org', frequency: 'one_off' });
      const post = await fetch(`${site.url}/support`, { method: 'POST', redirect: 'manual', headers: { origin: site.url, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      expect(post.status).toBe(303);
      const session = fake.sessions.get(String(post.headers.get('location')).split('/').pop() ?? '');
      if (!session) throw new Error('no checkout session');
      const payload = JSON.stringify(stripeEvent('checkout.session.completed', completedSession(session)));
      const hook = await fetch(`${site.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload) }, body: payload });
      expect(hook.status).toBe(200);

      await expect.poll(() => page.getByRole('progressbar').getAttribute('aria-valuetext'), { timeout: 10_000 }).toBe('$1,385 raised of $5,000');
      expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1385');
      expect(await page.locator('.funding-raised').textContent()).toBe('$1,385');
      expect(await page.evaluate(() => (window as unknown as { outpostMarker?: string }).outpostMarker)).toBe('same page');
      expect(recorded.consoleErrors).toEqual([]);
      expect(recorded.failedRequests).toEqual([]);
      expect(recorded.thirdParty).toEqual([]);
    } finally {
      await recorded.close();
    }
  });

  it('shows the donation page with its bar, form and donor wall', async () => {
    const recorded = await openRecordedPage(browser, site.url);
    const { page } = recorded;
    try {
      await page.goto(`${site.url}/support`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Support The Outpost Dispatch');
      expect(await page.getByRole('progressbar').count()).toBe(1);
      expect(await page.getByRole('radio', { name: '$25' }).isChecked()).toBe(true);
      expect(await page.getByRole('textbox', { name: 'Email for your receipt' }).count()).toBe(1);
      const wall = page.getByRole('region', { name: 'Our supporters' });
      expect(await wall.textContent()).toContain('Irena K.');
      expect(await wall.textContent()).toMatch(/anonymous supporters/);
      // The gift form (shown because card payments are configured here) passes WCAG 2.2 AA checks.
      expect((await axeViolations(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(recorded.consoleErrors).toEqual([]);
    } finally {
      await recorded.close();
    }
  });

  it('serves valid HTML: the bar, the donation page with its form and its errors, thanks, and the admin screen', async () => {
    const page = async (path: string, init: RequestInit = {}) => (await fetch(`${site.url}${path}`, init)).text();
    const form = (fields: Record<string, string>, cookie?: string) => ({
      method: 'POST',
      redirect: 'manual' as const,
      headers: { origin: site.url, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields),
    });
    await createUser(site.ctx, { email: 'funding-owner@example.org', name: 'Funding Owner', role: 'owner', password: 'a long funding passphrase' });
    const signin = await fetch(`${site.url}/signin`, form({ email: 'funding-owner@example.org', password: 'a long funding passphrase' }));
    const cookie = (signin.headers.getSetCookie().find((c) => c.startsWith('outpost_session=')) ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^outpost_session=./);
    const documents = [
      { name: 'home with the bar', html: await page('/') },
      { name: 'support', html: await page('/support') },
      { name: 'support with errors', html: await page('/support', form({ amount: '0.10', email: 'nope', public: '1' })) },
      { name: 'thanks', html: await page('/support/thanks') },
      { name: 'admin campaigns', html: await page('/admin/campaigns', { headers: { cookie } }) },
    ];
    expect(documents[2]?.html).toContain('Gifts are between');
    expect(documents[4]?.html).toContain('Record an offline gift');
    const invalid = invalidDocuments(await validateHtml(documents));
    expect(Object.keys(invalid), formatHtmlMessages(invalid)).toEqual([]);
  });
});

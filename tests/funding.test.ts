import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/create-user.js';
import { getFundingProgress } from '../src/features/funding/get-funding-progress.js';
import { listDonorWall } from '../src/features/funding/queries.js';
import { recordOfflineGift } from '../src/features/funding/record-offline-gift.js';
import { saveCampaign } from '../src/features/funding/save-campaign.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { seedDemo } from '../src/demo/seed.js';
import { createTestApp, type TestApp } from './support/app.js';
import { TestClock } from './support/context.js';
import { makeArticle } from './support/factories.js';
import { makeMonthlyCampaign, postGift, raised } from './support/funding.js';

/** The bar's progressbar element, as HTML, from a page. */
function progressbar(html: string): string {
  return /<div class="funding-track" role="progressbar"[^>]*>/.exec(html)?.[0] ?? '';
}

describe('the funding bar, offline gifts and the calendar (no Stripe configured)', () => {
  let t: TestApp;
  let adminId: number;
  let campaignId: number;
  const clock = new TestClock(new Date('2026-11-20T15:00:00.000Z'));
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const gift = (amount: string, extra: Partial<Parameters<typeof recordOfflineGift>[1]> = {}) =>
    recordOfflineGift(t.ctx, { campaignId, amount, currency: 'USD', note: 'Bank transfer', actorUserId: adminId, ...extra });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await saveSiteSettings(t.ctx.database.db, { siteName: 'The Dispatch', timeZone: 'America/New_York', fundingOfflineInstructions: 'IBAN XX00 1234\nReference: gift' });
    await t.ctx.reloadSettings();
    adminId = (await createUser(t.ctx, { email: 'admin@example.org', name: 'Ada Admin', role: 'admin' })).id;
    campaignId = (await makeMonthlyCampaign(t.ctx, { name: 'November fund' })).id;
  });
  afterAll(() => t.cleanup());

  it('shows the bar on every page with ticks, amount, percentage, days left and the call to action', async () => {
    await gift('1000');
    await gift('360', { donorName: 'Mira', isPublic: true, message: 'For the maps' });
    const html = (await get('/')).body;
    expect(progressbar(html)).toContain('aria-valuetext="$1,360 raised of $5,000"');
    expect(progressbar(html)).toContain('aria-valuenow="1360"');
    expect(progressbar(html)).toContain('aria-valuemin="0"');
    expect(progressbar(html)).toContain('aria-valuemax="5000"');
    expect(html).toContain('<strong class="funding-raised">$1,360</strong> raised of $5,000');
    expect(html).toContain('27%');
    // 20 November 10:00 in New York: 11 days to go, counting today.
    expect(html).toContain('11 days left');
    expect(html).toMatch(/<ul class="funding-ticks" aria-label="Milestones"><li[^>]*>\$0<\/li><li[^>]*>\$2,500<\/li><li[^>]*>\$5,000<\/li><\/ul>/);
    expect(html).toContain('<a class="funding-cta" href="/support">Support The Dispatch</a>');
    expect(html).toMatch(/<script type="module" src="\/assets\/funding\.[0-9a-f]+\.js">/);
    const search = (await get('/search?q=x')).body;
    expect(progressbar(search)).toContain('$1,360 raised of $5,000');
  });

  it('is exact: the sum of the ledger for the period, and invalidates cached pages when it changes', async () => {
    await get('/archive');
    const cached = await get('/archive');
    expect(cached.headers['x-cache']).toBe('hit');
    await gift('0.01');
    const fresh = await get('/archive');
    expect(fresh.headers['x-cache']).toBe('miss');
    expect(progressbar(fresh.body)).toContain('$1,360.01 raised of $5,000');
    expect(await raised(t.ctx)).toBe(136001);
  });

  it('says when the goal is reached and never overflows', async () => {
    await gift('4000');
    const html = (await get('/')).body;
    expect(html).toContain('Goal reached: $5,360.01 of $5,000');
    expect(progressbar(html)).toContain('aria-valuenow="5000"');
    expect(progressbar(html)).toContain('aria-valuetext="$5,360.01 raised of $5,000: goal reached"');
    expect(html).toContain('style="width:100.00%;"');
    expect(html).toContain('107%');
  });

  it('records offline gifts with an audit row, once per form submission, in the campaign currency only', async () => {
    const first = await gift('25', { requestId: 'form-abc', note: 'Cash at the fair' });
    const again = await gift('25', { requestId: 'form-abc', note: 'Cash at the fair' });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ entryId: null, duplicate: true });
    const audit = await t.ctx.database.db.selectFrom('ledger_audit').selectAll().where('entry_id', '=', first.entryId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor: 'admin', actor_user_id: adminId, action: 'ledger.donation' });
    expect(JSON.parse(audit.details)).toMatchObject({ amountMinor: 2500, currency: 'USD', provider: 'offline', note: 'Cash at the fair' });
    await expect(gift('25', { currency: 'EUR' })).rejects.toMatchObject({ code: 'funding_currency_mismatch', message: 'This campaign takes gifts in USD, not EUR: nothing was recorded.' });
    await expect(gift('-5')).rejects.toMatchObject({ code: 'funding_invalid' });
    await expect(gift('5', { note: ' ' })).rejects.toMatchObject({ code: 'funding_invalid', fields: { note: expect.any(String) } });
  });

  it('rolls over to a new month by itself at local midnight, with the injected clock', async () => {
    const november = await raised(t.ctx);
    expect(november).toBeGreaterThan(0);
    // 23:59:59 on 30 November in New York.
    clock.set('2026-12-01T04:59:59.000Z');
    let page = (await get('/')).body;
    expect(page).toContain('Last day');
    expect((await getFundingProgress(t.ctx))?.period).toBe('2026-11');
    expect(await raised(t.ctx)).toBe(november);
    // One second later it is December there: a fresh bar, and cached pages do not show the old one.
    clock.set('2026-12-01T05:00:00.000Z');
    page = (await get('/')).body;
    expect(progressbar(page)).toContain('aria-valuetext="$0 raised of $5,000"');
    expect(page).toContain('31 days left');
    expect(await raised(t.ctx)).toBe(0);
    // A gift received on 30 November (local) and entered now still counts for November.
    await gift('100', { receivedAt: '2026-12-01T03:00:00.000Z' });
    expect(await raised(t.ctx)).toBe(0);
    await gift('42');
    expect(await raised(t.ctx)).toBe(4200);
    // A bare date is a day in the site's time zone: 30 November there, whatever UTC says.
    await gift('7', { receivedAt: '2026-11-30' });
    expect(await raised(t.ctx)).toBe(4200);
    await gift('8', { receivedAt: '2026-12-01' });
    expect(await raised(t.ctx)).toBe(5000);
    await expect(gift('9', { receivedAt: '2026-12-02' })).rejects.toMatchObject({ code: 'funding_invalid', fields: { receivedAt: expect.any(String) } });
    const rows = await t.ctx.database.db.selectFrom('ledger_entries').select(['period']).where('campaign_id', '=', campaignId).orderBy('id', 'desc').limit(4).execute();
    expect(rows.map((r) => r.period)).toEqual(['2026-12', '2026-11', '2026-12', '2026-11']);
  });

  it('shows a donor wall: public names and messages; anonymous supporters counted, never named', async () => {
    await gift('10', { donorName: 'Olena', isPublic: true, message: '<b>Slava</b> to the crews' });
    await gift('10', { donorName: 'Secret Sam', isPublic: false, message: 'should not show' });
    const html = (await get('/support')).body;
    expect(html).toContain('<strong>Olena</strong>');
    expect(html).toContain('&lt;b>Slava&lt;/b> to the crews');
    expect(html).not.toContain('Secret Sam');
    expect(html).not.toContain('should not show');
    expect(html).toContain('and 3 anonymous supporters');
  });

  it('counts anonymous supporters in SQL, exactly, however many gifts a period has', async () => {
    // A campaign of its own (inactive: the bar is untouched), with more gifts than a page of rows.
    const wallId = (await saveCampaign(t.ctx, { name: 'Wall count', goal: '1000000', currency: 'USD', kind: 'fixed', startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z', active: false }, { userId: null, actor: 'system' })).id;
    const db = t.ctx.database.db;
    const row = (i: number, extra: { donor_name?: string; donor_public?: number } = {}) => ({
      campaign_id: wallId,
      period: 'fixed',
      kind: 'donation' as const,
      amount_minor: 100,
      currency: 'USD',
      provider: 'offline' as const,
      donor_name: extra.donor_name ?? '',
      donor_public: extra.donor_public ?? 0,
      message: '',
      note: 'seeded',
      occurred_at: new Date(Date.UTC(2026, 5, 1) + i * 1000).toISOString(),
      created_at: '2026-11-20T15:00:00.000Z',
    });
    const oldAnonymous = 5003;
    for (let from = 0; from < oldAnonymous; from += 500) {
      await db.insertInto('ledger_entries').values(Array.from({ length: Math.min(500, oldAnonymous - from) }, (_, k) => row(from + k))).execute();
    }
    // Newer: two public donors, one private donor with a name, and a gift refunded in full (no longer counted).
    await db.insertInto('ledger_entries').values([row(10_000, { donor_name: 'Ana', donor_public: 1 }), row(10_001, { donor_name: 'Bo', donor_public: 1 }), row(10_002, { donor_name: 'Quiet Quinn' })]).execute();
    const refunded = await db.insertInto('ledger_entries').values(row(10_003, { donor_name: 'Refunded Rae', donor_public: 1 })).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('ledger_entries').values({ ...row(10_004), kind: 'refund', amount_minor: -100, adjusts_entry_id: refunded.id }).execute();

    const wall = await listDonorWall(db, wallId, 'fixed', 12);
    expect(wall.entries.map((e) => e.name)).toEqual(['Bo', 'Ana']);
    expect(wall.anonymous).toBe(oldAnonymous + 1);
    expect(wall.donors).toBe(oldAnonymous + 3);
  });

  it('explains how to give offline when Stripe is not configured, instead of failing', async () => {
    const page = await get('/support');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Support The Dispatch</h1>');
    expect(page.body).toContain('IBAN XX00 1234\nReference: gift');
    expect(page.body).not.toContain('<form class="gift-form"');
    // The page shows its own bar, not the header's too.
    expect(page.body.match(/role="progressbar"/g)).toHaveLength(1);
    const post = await postGift(t.app, { amount: '10', email: 'x@example.org' }, { accept: 'application/json' });
    expect(post.statusCode).toBe(503);
    expect(post.json().error.code).toBe('funding_not_configured');
  });

  it('serves the bar alone as a fragment for live updates', async () => {
    const res = await get('/support/bar?variant=article');
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('<section class="funding-bar funding-bar-article"')).toBe(true);
    expect(res.body).toContain('data-funding-bar="article"');
    expect((await get('/support/bar?variant=nope')).statusCode).toBe(400);
  });

  it('puts the bar after the article, or nowhere, as the site setting says', async () => {
    const { slug } = await makeArticle(t.ctx, { title: 'Bridge report' });
    await saveSiteSettings(t.ctx.database.db, { fundingBarPlacement: 'article' });
    await t.ctx.reloadSettings();
    await t.ctx.invalidate(['funding', 'articles']);
    const article = (await get(`/articles/${slug}`)).body;
    expect(article).toContain('data-funding-bar="article"');
    expect(article).not.toContain('data-funding-bar="header"');
    expect((await get('/')).body).not.toContain('data-funding-bar');
    expect((await get('/')).body).not.toContain('/assets/funding.');
    await saveSiteSettings(t.ctx.database.db, { fundingBarPlacement: 'off' });
    await t.ctx.reloadSettings();
    await t.ctx.invalidate(['funding', 'articles']);
    expect((await get(`/articles/${slug}`)).body).not.toContain('data-funding-bar');
    // The donation page always shows it.
    expect((await get('/support')).body).toContain('data-funding-bar="page"');
    await saveSiteSettings(t.ctx.database.db, { fundingBarPlacement: 'header' });
    await t.ctx.reloadSettings();
  });

  it('counts a fixed campaign between its dates, with days left to its end', async () => {
    const fixed = await saveCampaign(
      t.ctx,
      { name: 'Winter appeal', goal: '1000', currency: 'EUR', kind: 'fixed', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-11T05:00:00.000Z', milestones: ['250', '750'] },
      { userId: adminId },
    );
    const progress = await getFundingProgress(t.ctx);
    expect(progress).toMatchObject({ campaignId: fixed.id, period: 'fixed', raisedMinor: 0, daysLeft: 10, milestones: [0, 25000, 75000, 100000] });
    await recordOfflineGift(t.ctx, { campaignId: fixed.id, amount: '99.99', currency: 'EUR', note: 'Transfer', actorUserId: adminId });
    expect(progressbar((await get('/')).body)).toContain('aria-valuetext="€99.99 raised of €1,000"');
    // At its end the fixed campaign gives way by itself: nothing was written, yet the bar knows.
    const before = t.ctx.clock.now().toISOString();
    clock.set('2026-12-11T05:00:00.000Z');
    expect((await getFundingProgress(t.ctx))?.campaignId).toBe(campaignId);
    clock.set('2026-12-11T04:59:59.000Z');
    expect((await getFundingProgress(t.ctx))?.campaignId).toBe(fixed.id);
    clock.set(before);
    await expect(saveCampaign(t.ctx, { name: 'Winter appeal', goal: '1000', currency: 'USD', kind: 'fixed', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-11T05:00:00.000Z' }, { userId: adminId }, fixed.id)).rejects.toMatchObject({
      code: 'funding_invalid',
      fields: { currency: 'This campaign has gifts in EUR; its currency cannot change.' },
    });
    await saveCampaign(t.ctx, { name: 'Winter appeal', goal: '1000', currency: 'EUR', kind: 'fixed', startsAt: '2026-12-01T00:00:00.000Z', endsAt: '2026-12-11T05:00:00.000Z', active: false }, { userId: adminId }, fixed.id);
    expect((await getFundingProgress(t.ctx))?.campaignId).toBe(campaignId);
  });
});

describe('the demo', () => {
  it('has a monthly campaign with $1,360 raised from the first start, and seeding twice adds nothing', async () => {
    const t = await createTestApp();
    try {
      await seedDemo(t.ctx);
      await seedDemo(t.ctx);
      const progress = await getFundingProgress(t.ctx);
      expect(progress).toMatchObject({ kind: 'monthly', currency: 'USD', goalMinor: 500000, raisedMinor: 136000 });
      const html = (await t.app.inject({ url: '/' })).body;
      expect(progressbar(html)).toContain('aria-valuetext="$1,360 raised of $5,000"');
      expect((await t.ctx.database.db.selectFrom('campaigns').select('id').execute()).length).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});

describe('Stripe configuration', () => {
  it('reads STRIPE_API_URL into the SDK host, port and protocol, and refuses a key without a webhook secret', async () => {
    const { ConfigError, loadConfig } = await import('../src/config.js');
    const base = { DATA_DIR: '/tmp/outpost-config-test' };
    expect(loadConfig(base).stripe).toEqual({ secretKey: null, webhookSecret: null, api: null });
    expect(loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_URL: 'http://127.0.0.1:12111' }).stripe).toEqual({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      api: { host: '127.0.0.1', port: 12111, protocol: 'http' },
    });
    expect(loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_URL: 'https://stripe-mock.internal' }).stripe.api).toEqual({ host: 'stripe-mock.internal', port: 443, protocol: 'https' });
    expect(() => loadConfig({ ...base, STRIPE_SECRET_KEY: 'sk_test_x' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, STRIPE_API_URL: 'ftp://x' })).toThrow(/STRIPE_API_URL/);
  });
});

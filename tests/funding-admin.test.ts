import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getFundingProgress } from '../src/features/funding/get-funding-progress.js';
import { insertEntry } from '../src/features/funding/ledger.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { createTestApp, type TestApp } from './support/app.js';
import { csrfFor, getPage, makeUser, postForm, signIn } from './support/accounts.js';
import { completedSession, FakeStripe, type FakeSession, stripeEnv, stripeEvent } from './support/fake-stripe.js';
import { deliver, raised } from './support/funding.js';

let fake: FakeStripe;
let t: TestApp;
let owner: { cookie: string; csrf: string; id: number };
let editorCookie: string;

beforeAll(async () => {
  fake = await new FakeStripe().start();
  t = await createTestApp({ env: stripeEnv(fake) });
  const user = await makeUser(t.ctx, 'owner', { name: 'Olga Owner' });
  const cookie = await signIn(t.app, user.email);
  owner = { cookie, csrf: await csrfFor(t.app, cookie), id: user.id };
  editorCookie = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
});
afterAll(async () => {
  await t.cleanup();
  await fake.stop();
});

const post = (url: string, form: Record<string, string>) => postForm(t.app, url, { _csrf: owner.csrf, ...form }, { cookie: owner.cookie });

describe('/admin/campaigns', () => {
  it('is for owners and admins: the navigation shows it to them only', async () => {
    const page = await getPage(t.app, '/admin/campaigns', owner.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/admin/campaigns" aria-current="page">Campaigns</a>');
    const editor = await getPage(t.app, '/admin/campaigns', editorCookie);
    expect(editor.statusCode).toBe(403);
    expect((await getPage(t.app, '/admin', editorCookie)).body).not.toContain('>Campaigns<');
    expect((await getPage(t.app, '/admin/campaigns')).statusCode).toBe(303);
  });

  it('creates and edits a campaign, audited; bad input comes back with field errors', async () => {
    const bad = await post('/admin/campaigns', { name: '', goal: 'lots', currency: 'USD', kind: 'monthly' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('A campaign needs a name.');
    expect(bad.body).toContain('The goal must be an amount above zero.');
    const created = await post('/admin/campaigns', { name: 'Field fund', goal: '5000', currency: 'usd', kind: 'monthly', milestones: '1000, 2500', thankYou: 'Thanks!', active: '1' });
    expect(created.statusCode).toBe(303);
    const id = Number(/id=(\d+)/.exec(String(created.headers.location))?.[1]);
    expect(await getFundingProgress(t.ctx)).toMatchObject({ campaignId: id, goalMinor: 500000, currency: 'USD', milestones: [0, 100000, 250000, 500000] });
    const edited = await post('/admin/campaigns', { id: String(id), name: 'Field fund', goal: '6000', currency: 'USD', kind: 'monthly', milestones: '3000', thankYou: 'Thanks!', active: '1' });
    expect(edited.statusCode).toBe(303);
    expect((await getFundingProgress(t.ctx))?.goalMinor).toBe(600000);
    const audit = await t.ctx.database.db.selectFrom('ledger_audit').select(['action', 'actor', 'actor_user_id']).where('campaign_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'campaign.create', actor: 'admin', actor_user_id: owner.id },
      { action: 'campaign.update', actor: 'admin', actor_user_id: owner.id },
    ]);
    const page = (await getPage(t.app, `/admin/campaigns?id=${id}&saved=1`, owner.cookie)).body;
    expect(page).toContain('The campaign is saved.');
    expect(page).toContain('value="6000"');
  });

  it('takes a fixed campaign’s dates as calendar days in the site’s time zone, the end day included', async () => {
    await saveSiteSettings(t.ctx.database.db, { timeZone: 'America/New_York' });
    await t.ctx.reloadSettings();
    try {
      const form = await getPage(t.app, '/admin/campaigns', owner.cookie);
      expect(form.body).toMatch(/<input id="c-starts" name="startsAt" type="date"/);
      expect(form.body).toMatch(/<input id="c-ends" name="endsAt" type="date"/);
      const created = await post('/admin/campaigns', { name: 'Winter drive', goal: '2000', currency: 'USD', kind: 'fixed', startsAt: '2026-12-01', endsAt: '2026-12-10' });
      expect(created.statusCode).toBe(303);
      const id = Number(/id=(\d+)/.exec(String(created.headers.location))?.[1]);
      const row = await t.ctx.database.db.selectFrom('campaigns').select(['starts_at', 'ends_at']).where('id', '=', id).executeTakeFirstOrThrow();
      // Midnight in New York is 05:00 UTC in December; the 10th is included, so it ends at the 11th's midnight.
      expect(row).toEqual({ starts_at: '2026-12-01T05:00:00.000Z', ends_at: '2026-12-11T05:00:00.000Z' });
      const page = (await getPage(t.app, `/admin/campaigns?id=${id}`, owner.cookie)).body;
      expect(page).toContain('name="startsAt" type="date" value="2026-12-01"');
      expect(page).toContain('name="endsAt" type="date" value="2026-12-10"');

      const oneDay = await post('/admin/campaigns', { name: 'Giving day', goal: '500', currency: 'USD', kind: 'fixed', startsAt: '2026-12-02', endsAt: '2026-12-02' });
      expect(oneDay.statusCode).toBe(303);
      for (const dates of [
        { startsAt: '2026-12-10', endsAt: '2026-12-01' },
        { startsAt: '12/01/2026', endsAt: '2026-12-10' },
        { startsAt: '2026-02-30', endsAt: '2026-03-10' },
        { startsAt: '', endsAt: '' },
      ]) {
        const bad = await post('/admin/campaigns', { name: 'Bad dates', goal: '500', currency: 'USD', kind: 'fixed', ...dates });
        expect(bad.statusCode, JSON.stringify(dates)).toBe(422);
        expect(bad.body).toContain('A fixed campaign needs a start and an end after it.');
      }
    } finally {
      await saveSiteSettings(t.ctx.database.db, { timeZone: 'UTC' });
      await t.ctx.reloadSettings();
    }
  });

  it('records an offline gift once, with who entered it, and lists the ledger', async () => {
    const campaign = await getFundingProgress(t.ctx);
    if (!campaign) throw new Error('no campaign');
    const before = await raised(t.ctx);
    const form = { campaignId: String(campaign.campaignId), requestId: 'req-1', amount: '150.25', currency: 'USD', note: 'Bank transfer 2026-118', donorName: 'Kasia', public: '1' };
    const res = await post('/admin/campaigns/gifts', form);
    expect(res.statusCode).toBe(303);
    expect((await post('/admin/campaigns/gifts', form)).statusCode).toBe(303);
    expect(await raised(t.ctx)).toBe(before + 15025);
    const row = await t.ctx.database.db.selectFrom('ledger_entries').selectAll().where('provider', '=', 'offline').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ created_by: owner.id, note: 'Bank transfer 2026-118', donor_name: 'Kasia' });
    const wrong = await post('/admin/campaigns/gifts', { ...form, requestId: 'req-2', currency: 'EUR' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('This campaign takes gifts in USD, not EUR: nothing was recorded.');
    const page = (await getPage(t.app, `/admin/campaigns?id=${campaign.campaignId}&gift=1`, owner.cookie)).body;
    expect(page).toContain('The gift is recorded and counted.');
    expect(page).toContain('$150.25');
    expect(page).toContain('Bank transfer 2026-118');
  });

  it('lists payment events that could not be applied, for an admin to look into', async () => {
    const stranger = completedSession({ id: 'cs_test_stranger', mode: 'payment', currency: 'usd', amount_total: 700, metadata: {} } as unknown as FakeSession);
    expect((await deliver(t.app, stripeEvent('checkout.session.completed', stranger, { created: t.clock.now() }))).json().outcome).toBe('unmatched');
    const page = (await getPage(t.app, '/admin/campaigns', owner.cookie)).body;
    expect(page).toContain('checkout.session.completed');
    expect(page).toContain('Unmatched');
    expect(page).toContain('No donation started on this site has checkout session cs_test_stranger');
  });

  describe('reversing a mistyped offline gift', () => {
    async function offlineGift(requestId: string, amount: string, note: string) {
      const campaign = await getFundingProgress(t.ctx);
      if (!campaign) throw new Error('no campaign');
      const res = await post('/admin/campaigns/gifts', { campaignId: String(campaign.campaignId), requestId, amount, currency: 'USD', note });
      expect(res.statusCode).toBe(303);
      const row = await t.ctx.database.db.selectFrom('ledger_entries').select(['id', 'campaign_id']).where('provider_ref', '=', `offline:${requestId}`).executeTakeFirstOrThrow();
      return { entryId: row.id, campaignId: row.campaign_id };
    }
    const reversalsOf = (entryId: number) => t.ctx.database.db.selectFrom('ledger_entries').selectAll().where('adjusts_entry_id', '=', entryId).execute();

    it('shows who entered each row, and reverses an offline gift once, exactly, audited and announced', async () => {
      const before = await raised(t.ctx);
      const { entryId, campaignId } = await offlineGift('rev-1', '1500', 'Typo: meant 15.00');
      expect(await raised(t.ctx)).toBe(before + 150000);
      const page = (await getPage(t.app, `/admin/campaigns?id=${campaignId}`, owner.cookie)).body;
      expect(page).toContain('<th scope="col">Entered by</th>');
      expect(page).toContain('<td>Olga Owner</td>');
      expect(page).toContain('action="/admin/campaigns/reversals"');
      expect(page).toContain(`name="entryId" value="${entryId}"`);
      expect(page).toContain('Reverse this entry');

      const events: unknown[] = [];
      const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
      try {
        const res = await post('/admin/campaigns/reversals', { entryId: String(entryId), reason: 'Typed 1500 for 15' });
        expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
        expect(res.headers.location).toBe(`/admin/campaigns?id=${campaignId}&reversed=1`);
        await vi.waitFor(() => expect(events).toContainEqual(expect.objectContaining({ type: 'live', topic: 'funding', event: 'funding', data: expect.objectContaining({ raisedMinor: before }) })));
        expect(events).toContainEqual({ type: 'cache.invalidate', tags: ['funding'] });
      } finally {
        unsubscribe();
      }
      expect(await raised(t.ctx)).toBe(before);
      const [reversal, ...more] = await reversalsOf(entryId);
      expect(more).toEqual([]);
      expect(reversal).toMatchObject({ kind: 'reversal', amount_minor: -150000, provider: 'offline', created_by: owner.id, campaign_id: campaignId });
      expect(reversal?.note).toContain('Typed 1500 for 15');
      const audit = await t.ctx.database.db.selectFrom('ledger_audit').selectAll().where('entry_id', '=', reversal?.id ?? -1).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'ledger.reversal', actor: 'admin', actor_user_id: owner.id, campaign_id: campaignId });
      expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ amountMinor: -150000, adjustsEntryId: entryId });

      const after = (await getPage(t.app, `/admin/campaigns?id=${campaignId}&reversed=1`, owner.cookie)).body;
      expect(after).toContain('The entry is reversed: it no longer counts.');
      expect(after).not.toContain(`name="entryId" value="${entryId}"`);
      expect(after).toContain(`Reversed by entry #${reversal?.id}`);

      const twice = await post('/admin/campaigns/reversals', { entryId: String(entryId), reason: 'again' });
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('This entry was reversed already: nothing changed.');
      expect(await raised(t.ctx)).toBe(before);
      expect(await reversalsOf(entryId)).toHaveLength(1);
      const reverseTheReversal = await post('/admin/campaigns/reversals', { entryId: String(reversal?.id), reason: 'undo' });
      expect(reverseTheReversal.statusCode).toBe(422);
      expect(reverseTheReversal.body).toContain('Only an offline gift can be reversed here.');
      expect(await raised(t.ctx)).toBe(before);
    });

    it('needs a reason, and refuses Stripe gifts (a refund in Stripe reverses those) and unknown entries', async () => {
      const { entryId } = await offlineGift('rev-2', '10', 'Cash');
      const noReason = await post('/admin/campaigns/reversals', { entryId: String(entryId), reason: '  ' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.body).toContain('Say why the entry is reversed');
      expect(await reversalsOf(entryId)).toEqual([]);

      const campaign = await getFundingProgress(t.ctx);
      if (!campaign) throw new Error('no campaign');
      const now = t.clock.now();
      const stripeId = await t.ctx.database.transaction((tx) =>
        insertEntry(
          tx,
          now,
          { campaignId: campaign.campaignId, period: campaign.period, kind: 'donation', amountMinor: 2500, currency: 'USD', provider: 'stripe', providerRef: 'pi_rev_test', occurredAt: now.toISOString() },
          { actor: 'stripe', userId: null, source: 'evt_rev_test' },
        ),
      );
      const stripeRow = { id: stripeId ?? -1 };
      const before = await raised(t.ctx);
      const stripe = await post('/admin/campaigns/reversals', { entryId: String(stripeRow.id), reason: 'nope' });
      expect(stripe.statusCode).toBe(422);
      expect(stripe.body).toContain('This gift came through Stripe: refund it in Stripe, and the refund is counted here by itself.');
      expect(await reversalsOf(stripeRow.id)).toEqual([]);
      expect(await raised(t.ctx)).toBe(before);
      const page = (await getPage(t.app, `/admin/campaigns?id=${campaign.campaignId}`, owner.cookie)).body;
      expect(page).not.toContain(`name="entryId" value="${stripeRow.id}"`);

      expect((await post('/admin/campaigns/reversals', { entryId: '999999', reason: 'ghost' })).statusCode).toBe(404);
    });

    it('is for owners and admins only, with a CSRF token', async () => {
      const { entryId } = await offlineGift('rev-3', '20', 'Bank transfer');
      const author = await makeUser(t.ctx, 'author');
      for (const role of ['editor', 'author', 'moderator'] as const) {
        const user = role === 'author' ? author : await makeUser(t.ctx, role);
        const cookie = await signIn(t.app, user.email);
        const res = await postForm(t.app, '/admin/campaigns/reversals', { _csrf: await csrfFor(t.app, cookie), entryId: String(entryId), reason: 'mine' }, { cookie });
        expect(res.statusCode, role).toBe(403);
      }
      const noToken = await postForm(t.app, '/admin/campaigns/reversals', { entryId: String(entryId), reason: 'no token' }, { cookie: owner.cookie });
      expect(noToken.statusCode).toBe(403);
      expect((await postForm(t.app, '/admin/campaigns/reversals', { entryId: String(entryId), reason: 'signed out' })).statusCode).toBe(303);
      expect(await reversalsOf(entryId)).toEqual([]);

      const admin = await makeUser(t.ctx, 'admin', { name: 'Ada Admin' });
      const cookie = await signIn(t.app, admin.email);
      const res = await postForm(t.app, '/admin/campaigns/reversals', { _csrf: await csrfFor(t.app, cookie), entryId: String(entryId), reason: 'Entered twice' }, { cookie });
      expect(res.statusCode).toBe(303);
      expect(await reversalsOf(entryId)).toHaveLength(1);
    });

    it('lists the audit log of the campaign: who, when, what, note', async () => {
      const { entryId, campaignId } = await offlineGift('rev-4', '42', 'Crypto tx 0xabc');
      expect((await post('/admin/campaigns/reversals', { entryId: String(entryId), reason: 'Wrong campaign' })).statusCode).toBe(303);
      const page = (await getPage(t.app, `/admin/campaigns?id=${campaignId}`, owner.cookie)).body;
      const log = page.slice(page.indexOf('<h2 id="audit-log"'), page.indexOf('id="unapplied"'));
      expect(log).toContain('<h2 id="audit-log">Audit log</h2>');
      expect(log).toContain('<th scope="col">Who</th>');
      expect(log).toContain('Olga Owner');
      expect(log).toContain('<td>Gift recorded: $42</td>');
      expect(log).toContain('Crypto tx 0xabc');
      expect(log).toContain(`<td>Entry #${entryId} reversed: -$42</td>`);
      expect(log).toContain('Wrong campaign');
      expect(log).toContain('Campaign updated');
      expect(log).toMatch(/<time datetime="[^"]+">/);
      expect(log).toContain('Stripe<span class="muted"> evt_rev_test</span>');
      // Newest first: the reversal comes before the gift it reverses.
      expect(log.indexOf(`Entry #${entryId} reversed`)).toBeLessThan(log.indexOf('Gift recorded: $42<'));
    });
  });
});

import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createContext } from '../src/context.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { buildApp } from '../src/http/app.js';
import { csrfFor, getPage, makeUser, postForm, signIn } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { createTestContext } from './support/context.js';
import { Reader } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;
let admin: { cookie: string; csrf: string };

const valid = {
  siteName: 'The Ostra Gazette',
  description: 'Reporting from the river towns.',
  logoUrl: '',
  accentColor: '#1A5FB4',
  locale: 'en-gb',
  timeZone: 'europe/london',
  commentGuestsAllowed: '1',
  commentEditWindowMinutes: '30',
  commentMaxDepth: '3',
  commentsAutoCloseDays: '14',
  fundingBarPlacement: 'article',
};
const save = (form: Record<string, string>) => postForm(t.app, '/admin/settings', { _csrf: admin.csrf, ...form }, { cookie: admin.cookie });

beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t.ctx, 'admin');
  const cookie = await signIn(t.app, user.email);
  admin = { cookie, csrf: await csrfFor(t.app, cookie) };
});
afterAll(() => t.cleanup());

describe('the settings screen', () => {
  it('shows the current settings to owners and admins only', async () => {
    const page = await getPage(t.app, '/admin/settings', admin.cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<input id="s-name" name="siteName" type="text" value="Outpost"');
    expect(page.body).toContain('<option value="Europe/Paris">Europe/Paris</option>');
    expect(page.body).toContain('<option value="UTC" selected>UTC</option>');
    expect(page.body).toContain('<input type="checkbox" name="commentGuestsAllowed" value="1" checked/>');
    expect(page.body).toContain('<input type="radio" name="fundingBarPlacement" value="header" checked/>');
    const editor = await makeUser(t.ctx, 'editor');
    expect((await getPage(t.app, '/admin/settings', await signIn(t.app, editor.email))).statusCode).toBe(403);
  });

  it('saves, normalises, and every page shows the change at once (the page cache is dropped)', async () => {
    await makeArticle(t.ctx, { title: 'Cached report' });
    expect((await t.app.inject({ url: '/' })).headers['x-cache']).toBe('miss');
    const cached = await t.app.inject({ url: '/' });
    expect(cached.headers['x-cache']).toBe('hit');
    expect(cached.body).toContain('<title>Outpost');

    const res = await save(valid);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/settings?saved=1');
    expect(t.ctx.site.settings).toMatchObject({
      siteName: 'The Ostra Gazette',
      accentColor: '#1a5fb4',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      commentGuestsAllowed: true,
      commentEditWindowMinutes: 30,
      commentMaxDepth: 3,
      commentsAutoCloseDays: 14,
      fundingBarPlacement: 'article',
      logoUrl: null,
    });
    expect(t.ctx.site.i18n.locale).toBe('en-GB');
    const home = await t.app.inject({ url: '/' });
    expect(home.headers['x-cache']).toBe('miss');
    expect(home.body).toContain('The Ostra Gazette');
    expect(home.body).toContain('--accent:#1a5fb4');
    const page = await getPage(t.app, '/admin/settings?saved=1', admin.cookie);
    expect(page.body).toContain('The settings are saved.');
    expect(page.body).not.toContain('contrast of');
  });

  it('refuses what is not valid, field by field, and keeps what was typed', async () => {
    const before = { ...t.ctx.site.settings };
    const res = await save({ ...valid, siteName: ' ', accentColor: 'blue', locale: 'not a locale!', timeZone: 'Mars/Olympus_Mons', commentMaxDepth: '0', commentEditWindowMinutes: '-5', commentsAutoCloseDays: 'soon', fundingBarPlacement: 'sky', logoUrl: 'javascript:alert(1)' });
    expect(res.statusCode).toBe(422);
    for (const message of [
      'The site needs a name.',
      'Use a hex colour such as #b3261e.',
      'This is not a language tag we know',
      'Choose a time zone from the list.',
      'Use a whole number from 1 to 20.',
      'Use a whole number from 0 to 10,080.',
      'Use a whole number from 0 to 36,500.',
      'Choose where the funding bar goes.',
      'Use a web address starting with https:// or a path starting with /.',
    ]) {
      expect(res.body, message).toContain(message);
    }
    expect(res.body).toContain('value="blue"');
    expect(t.ctx.site.settings).toEqual(before);
  });

  it('warns, without refusing, when white text on the accent colour is hard to read', async () => {
    expect((await save({ ...valid, accentColor: '#ffd700' })).statusCode).toBe(303);
    const page = await getPage(t.app, '/admin/settings', admin.cookie);
    expect(page.body).toContain('White text on this accent colour has a contrast of 1.40:1, under the 4.5:1');
    expect((await save(valid)).statusCode).toBe(303);
  });

  it('takes a logo from the media library or an address', async () => {
    expect((await save({ ...valid, logoUrl: 'https://cdn.example.org/logo.svg' })).statusCode).toBe(303);
    expect(t.ctx.site.settings.logoUrl).toBe('https://cdn.example.org/logo.svg');
    expect((await save({ ...valid, logoUrl: 'https://ignored.example.org/x.png', logoPick: '/media/uploads/1/original.png' })).statusCode).toBe(303);
    expect(t.ctx.site.settings.logoUrl).toBe('/media/uploads/1/original.png');
    expect((await save(valid)).statusCode).toBe(303);
    expect(t.ctx.site.settings.logoUrl).toBeNull();
  });

  it('sets the donation form’s bounds, presets and offline instructions, in major units', async () => {
    const page = await getPage(t.app, '/admin/settings', admin.cookie);
    expect(page.body).toContain('name="donationMin" type="text" inputmode="decimal" value="1"');
    expect(page.body).toContain('name="donationMax" type="text" inputmode="decimal" value="10000"');
    expect(page.body).toContain('name="donationPresets" type="text" value="10, 25, 50, 100"');
    expect(page.body).toMatch(/<textarea id="s-offline" name="fundingOfflineInstructions"[^>]*><\/textarea>/);

    const res = await save({ ...valid, donationMin: '2.50', donationMax: '500', donationPresets: '100, 5,20 ; 50', fundingOfflineInstructions: 'IBAN XX00 1234\r\nReference: gift ' });
    expect(res.statusCode).toBe(303);
    expect(t.ctx.site.settings).toMatchObject({
      donationMinMinor: 250,
      donationMaxMinor: 50000,
      donationPresetsMinor: [500, 2000, 5000, 10000],
      fundingOfflineInstructions: 'IBAN XX00 1234\nReference: gift',
    });
    const saved = await getPage(t.app, '/admin/settings', admin.cookie);
    expect(saved.body).toContain('value="2.50"');
    expect(saved.body).toContain('value="5, 20, 50, 100"');
    expect(saved.body).toContain('IBAN XX00 1234\nReference: gift</textarea>');
    // The donation page offers them.
    expect((await save(valid)).statusCode).toBe(303);
    expect(t.ctx.site.settings.donationPresetsMinor).toEqual([500, 2000, 5000, 10000]);
  });

  it('refuses donation bounds that do not make sense, with a message per field', async () => {
    const before = { ...t.ctx.site.settings };
    const crossed = await save({ ...valid, donationMin: '100', donationMax: '50', donationPresets: '75', fundingOfflineInstructions: '' });
    expect(crossed.statusCode).toBe(422);
    expect(crossed.body).toContain('The largest gift must be more than the smallest (100).');
    const outside = await save({ ...valid, donationMin: '5', donationMax: '200', donationPresets: '1, 25, 500', fundingOfflineInstructions: '' });
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain('Each preset must be between 5 and 200: 1 and 500 are not.');
    expect(outside.body).toContain('value="1, 25, 500"');
    const garbage = await save({ ...valid, donationMin: 'free', donationMax: '-3', donationPresets: '10, lots', fundingOfflineInstructions: 'x'.repeat(2001) });
    expect(garbage.statusCode).toBe(422);
    for (const message of [
      'Enter the smallest gift as an amount above zero, such as 1 or 2.50.',
      'Enter the largest gift as an amount above zero, such as 1000.',
      'List amounts separated by commas, such as 10, 25, 50.',
      'Keep the instructions under 2,000 characters.',
    ]) {
      expect(garbage.body, message).toContain(message);
    }
    expect((await save({ ...valid, donationPresets: '1, 2, 3, 4, 5, 6, 7, 8, 9' })).body).toContain('Offer at most 8 preset amounts.');
    expect(t.ctx.site.settings).toEqual(before);
  });

  it('closes comments to guests when asked, and keeps them open to signed-in readers', async () => {
    const { slug } = await makeArticle(t.ctx, { title: 'Members only', slug: 'members-only' });
    const { commentGuestsAllowed: _, ...off } = valid;
    expect((await save(off)).statusCode).toBe(303);
    expect(t.ctx.site.settings.commentGuestsAllowed).toBe(false);
    const guest = await new Reader(t.app).post(`/articles/${slug}/comments`, { body: 'A guest speaks.', name: 'Gus Guest', email: 'gus@example.org', parent_id: '', idempotency_key: '' });
    expect(guest.statusCode).toBe(403);
    expect(guest.body).toContain('This site takes comments from signed-in readers only.');
    const guestApi = await new Reader(t.app).request('POST', `/api/v1/articles/${slug}/comments`, { json: { body: 'Via the API.', name: 'Gus', email: 'gus@example.org' } });
    expect(guestApi.statusCode).toBe(403);
    expect(await t.ctx.database.db.selectFrom('comments').select('id').execute()).toHaveLength(0);

    expect((await save(valid)).statusCode).toBe(303);
    const allowed = await new Reader(t.app).post(`/articles/${slug}/comments`, { body: 'A guest speaks.', name: 'Gus Guest', email: 'gus@example.org', parent_id: '', idempotency_key: '' });
    expect(allowed.statusCode).toBeLessThan(400);
  });
});

describe('every instance reloads', () => {
  it('reloads settings and drops cached pages when another instance says they changed', async () => {
    // A second instance on the same database (its own bus: the event is delivered to it by hand).
    const other: AppContext = await createContext(t.config, { clock: t.clock, logger: pino({ level: 'silent' }) });
    try {
      const app = await buildApp(other);
      await app.inject({ url: '/' });
      expect((await app.inject({ url: '/' })).headers['x-cache']).toBe('hit');
      await saveSiteSettings(t.ctx.database.db, { siteName: 'Renamed elsewhere' });
      expect(other.site.settings.siteName).not.toBe('Renamed elsewhere');
      await other.bus.publish({ type: 'settings.changed' });
      await expect.poll(() => other.site.settings.siteName).toBe('Renamed elsewhere');
      const home = await app.inject({ url: '/' });
      expect(home.headers['x-cache']).toBe('miss');
      expect(home.body).toContain('Renamed elsewhere');
      await app.close();
    } finally {
      await other.close();
      await saveSiteSettings(t.ctx.database.db, { siteName: valid.siteName });
      await t.ctx.reloadSettings();
    }
  });
});

const redisUrl = process.env.OUTPOST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
async function redisReachable(): Promise<boolean> {
  const r = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}
const redis = await redisReachable();

describe.skipIf(!redis)('two instances with Redis', () => {
  it('a save on one instance renames the site on the other', async () => {
    const a = await createTestContext({ env: { REDIS_URL: redisUrl } });
    const b = await createContext(a.config, { clock: a.clock, logger: pino({ level: 'silent' }) });
    const appA = await buildApp(a.ctx);
    const appB = await buildApp(b);
    try {
      await appB.inject({ url: '/' });
      const user = await makeUser(a.ctx, 'owner');
      const cookie = await signIn(appA, user.email);
      const res = await postForm(appA, '/admin/settings', { _csrf: await csrfFor(appA, cookie), ...valid, siteName: 'Renamed through Redis' }, { cookie });
      expect(res.statusCode).toBe(303);
      await expect.poll(() => b.site.settings.siteName, { timeout: 5000 }).toBe('Renamed through Redis');
      expect((await appB.inject({ url: '/' })).body).toContain('Renamed through Redis');
    } finally {
      await appA.close();
      await appB.close();
      await b.close();
      await a.cleanup();
    }
  });
});

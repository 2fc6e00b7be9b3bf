import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveArticle } from '../src/features/articles/save-article.js';
import { recordOfflineGift } from '../src/features/funding/record-offline-gift.js';
import { buildApp } from '../src/http/app.js';
import { createContext } from '../src/context.js';
import pino from 'pino';
import { createTestContext, type TestContext } from './support/context.js';
import { makeArticle, makeAuthor } from './support/factories.js';
import { makeMonthlyCampaign } from './support/funding.js';

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

const reachable = await redisReachable();
if (!reachable && process.env.CI) throw new Error(`Redis at ${redisUrl} is unreachable; CI requires it`);

/**
 * Two instances on one database, with Redis between them: an edit on one must invalidate the
 * other's page cache. (On SQLite the two instances share one file, like two processes would.)
 */
describe.skipIf(!reachable)('two instances with Redis', () => {
  let a: TestContext;
  let bCtx: Awaited<ReturnType<typeof createContext>>;
  const channelEnv = { REDIS_URL: redisUrl };

  beforeAll(async () => {
    a = await createTestContext({ env: channelEnv });
    bCtx = await createContext(a.config, { clock: a.clock, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await bCtx.close();
    await a.cleanup();
  });

  it('invalidates the other instance’s cached pages', async () => {
    const appA = await buildApp(a.ctx);
    const appB = await buildApp(bCtx);
    const { id, slug } = await makeArticle(a.ctx, { title: 'First headline' });
    expect((await appB.inject(`/articles/${slug}`)).body).toContain('First headline');
    // The creation's own invalidation may still be in flight through Redis: wait until B caches.
    let cached = false;
    for (let i = 0; i < 50 && !cached; i++) {
      cached = (await appB.inject(`/articles/${slug}`)).headers['x-cache'] === 'hit';
      if (!cached) await new Promise((r) => setTimeout(r, 20));
    }
    expect(cached).toBe(true);
    const authorIds = (await a.ctx.database.db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).execute()).map((r) => r.user_id);
    await saveArticle(a.ctx, { title: 'Corrected headline', slug, bodyMarkdown: 'x', status: 'published', publishedAt: a.clock.now().toISOString(), authorIds }, id);
    // The invalidation travels through Redis; give it a moment to arrive.
    for (let i = 0; i < 50 && bCtx.cache.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await appB.inject(`/articles/${slug}`)).body).toContain('Corrected headline');
    await appA.close();
    await appB.close();
  });

  it('shows a gift recorded on one instance in the other instance’s funding bar', async () => {
    const appB = await buildApp(bCtx);
    const campaign = await makeMonthlyCampaign(a.ctx, { name: 'Scale-out fund' });
    const bar = async () => /aria-valuetext="([^"]*)"/.exec((await appB.inject('/')).body)?.[1];
    // Wait for B to have the campaign's bar cached (the creation's invalidation travels too).
    let cached = false;
    for (let i = 0; i < 50 && !cached; i++) {
      await bar();
      cached = (await appB.inject('/')).headers['x-cache'] === 'hit';
      if (!cached) await new Promise((r) => setTimeout(r, 20));
    }
    expect(cached).toBe(true);
    const before = await bar();
    expect(before).toBe('$0 raised of $5,000');
    const admin = await makeAuthor(a.ctx, 'Scale-out admin');
    await recordOfflineGift(a.ctx, { campaignId: campaign.id, amount: '123.45', currency: 'USD', note: 'Cash at the office', actorUserId: admin.id });
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = await bar();
    }
    expect(after).toBe('$123.45 raised of $5,000');
    await appB.close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startScheduler } from '../src/jobs/scheduler.js';
import { buildApp } from '../src/http/app.js';
import { createTestContext, type TestContext, TestClock } from './support/context.js';
import { makeArticle } from './support/factories.js';

/** The wall clock: the scheduler must act in real time, with no request to trigger it. */
class WallClock extends TestClock {
  override now(): Date {
    return new Date();
  }
}

let t: TestContext | null = null;
afterEach(async () => {
  await t?.cleanup();
  t = null;
});

describe('scheduler', () => {
  it('publishes a scheduled article at its time by itself', async () => {
    t = await createTestContext({ clock: new WallClock() });
    const app = await buildApp(t.ctx);
    const publishAt = new Date(Date.now() + 1500).toISOString();
    await makeArticle(t.ctx, { title: 'On the hour', slug: 'on-the-hour', status: 'scheduled', publishedAt: publishAt });
    const scheduler = startScheduler(t.ctx);
    try {
      // Warm the cache with the page as it is before publication.
      expect((await app.inject('/')).body).not.toContain('On the hour');
      const row = () => t?.ctx.database.db.selectFrom('articles').select('status').where('slug', '=', 'on-the-hour').executeTakeFirstOrThrow();
      expect((await row())?.status).toBe('scheduled');
      // No request is made while we wait: the scheduler's own timer must fire.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect((await row())?.status).toBe('published');
      expect((await app.inject('/')).body).toContain('On the hour');
    } finally {
      await scheduler.stop();
      await app.close();
    }
  });
});

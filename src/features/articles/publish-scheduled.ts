import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';

/** Publish every scheduled article whose time has come. Safe to run on many instances at once. */
export async function publishScheduledArticles(ctx: AppContext): Promise<number[]> {
  const now = iso(ctx.clock.now());
  const rows = await ctx.database.db
    .updateTable('articles')
    .set({ status: 'published' })
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length) {
    await ctx.invalidate(['articles', ...ids.map((id) => `article:${id}`)]);
    ctx.logger.info({ ids }, 'scheduled articles published');
  }
  return ids;
}

/** When the next scheduled article is due, if any. */
export async function nextScheduledTime(ctx: AppContext): Promise<string | null> {
  const row = await ctx.database.db
    .selectFrom('articles')
    .select((eb) => eb.fn.min('published_at').as('next'))
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return (row?.next as string | null | undefined) ?? null;
}

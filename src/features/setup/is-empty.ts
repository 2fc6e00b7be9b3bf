import type { AppContext } from '../../context.js';

/** A site with no accounts and no articles has never been set up. */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const [user, article] = await Promise.all([
    ctx.database.db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
    ctx.database.db.selectFrom('articles').select('id').limit(1).executeTakeFirst(),
  ]);
  return !user && !article;
}

/** True while no owner or admin account exists: the site still needs its first admin. */
export async function needsFirstAdmin(ctx: AppContext): Promise<boolean> {
  const admin = await ctx.database.db.selectFrom('users').select('id').where('role', 'in', ['owner', 'admin']).limit(1).executeTakeFirst();
  return !admin;
}

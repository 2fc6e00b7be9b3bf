import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../context.js';
import { createUser, normaliseEmail } from '../features/accounts/create-user.js';
import { saveArticle } from '../features/articles/save-article.js';
import { saveSiteSettings } from '../features/settings/site-settings.js';
import { slugify } from '../shared/slug.js';
import { demoAssets } from './assets.js';
import { seedDemoFunding } from './funding.js';
import { demoArticles, demoAuthors, demoTags } from './content.js';

const DAY = 86_400_000;

/**
 * Seed the demo newsroom: settings, two authors, tags, images and articles. Idempotent: what
 * exists already (by email, tag slug or article slug) is left as it is.
 */
export async function seedDemo(ctx: AppContext): Promise<{ articles: number }> {
  const { db } = ctx.database;
  const mediaDir = path.join(ctx.config.dataDir, 'media', 'demo');
  fs.mkdirSync(mediaDir, { recursive: true });
  for (const asset of demoAssets()) fs.writeFileSync(path.join(mediaDir, asset.name), asset.contents);

  const hasSettings = await db.selectFrom('settings').select('key').where('key', '=', 'siteName').executeTakeFirst();
  if (!hasSettings) {
    await saveSiteSettings(db, {
      siteName: 'The Outpost Dispatch',
      description: 'Independent reporting from eastern Velmora, funded by its readers.',
    });
    await ctx.reloadSettings();
  }

  const authorIds: number[] = [];
  for (const author of demoAuthors) {
    const existing = await db.selectFrom('users').select('id').where('email', '=', normaliseEmail(author.email)).executeTakeFirst();
    authorIds.push(existing ? existing.id : (await createUser(ctx, { email: author.email, name: author.name, role: 'author', bio: author.bio })).id);
  }

  for (const tag of demoTags) {
    await db
      .insertInto('tags')
      .values({ slug: slugify(tag.name), name: tag.name, description: tag.description })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
  }

  const now = ctx.clock.now().getTime();
  let added = 0;
  for (const article of demoArticles) {
    const exists = await db.selectFrom('articles').select('id').where('slug', '=', article.slug).executeTakeFirst();
    if (exists) continue;
    const day = new Date(now - article.daysAgo * DAY);
    day.setUTCHours(article.hour, 0, 0, 0);
    // "Two within the last 48 hours" must stay true whatever the hour of seeding.
    const publishedAt = new Date(article.daysAgo >= 0 ? Math.min(day.getTime(), now - 60_000) : day.getTime());
    await saveArticle(ctx, {
      title: article.title,
      slug: article.slug,
      standfirst: article.standfirst,
      bodyMarkdown: article.bodyMarkdown,
      status: article.status ?? 'published',
      publishedAt: publishedAt.toISOString(),
      authorIds: article.authorIndexes.map((i) => authorIds[i] as number),
      tags: article.tags,
      coverUrl: article.coverImage ? `/media/demo/${article.coverImage}` : null,
      coverAlt: article.coverAlt ?? '',
      coverCaption: article.coverCaption ?? '',
      coverCredit: article.coverCredit ?? '',
      videoUrl: article.videoUrl ?? null,
    });
    added++;
  }
  await seedDemoFunding(ctx);
  return { articles: added };
}

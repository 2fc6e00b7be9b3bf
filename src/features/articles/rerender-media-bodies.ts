import type { AppContext } from '../../context.js';
import { mediaForMarkdown } from '../media/queries.js';
import { renderArticleBody } from './render-body.js';

/**
 * Render again the bodies that show an upload, once its variants exist: an article saved while
 * they were being made then gets its srcset too. Runs after the `media.variants` job.
 */
export async function rerenderBodiesShowing(ctx: AppContext, mediaId: number): Promise<number[]> {
  const db = ctx.database.db;
  const rows = await db.selectFrom('articles').select(['id', 'body_md']).where('body_md', 'like', `%/media/uploads/${mediaId}/original.%`).execute();
  const ids: number[] = [];
  for (const row of rows) {
    const body = await renderArticleBody(row.body_md, { media: await mediaForMarkdown(db, row.body_md) });
    await db.updateTable('articles').set({ body_html: body.html, body_text: body.text }).where('id', '=', row.id).where('body_md', '=', row.body_md).execute();
    ids.push(row.id);
  }
  if (ids.length) await ctx.invalidate(['articles', ...ids.map((id) => `article:${id}`)]);
  return ids;
}

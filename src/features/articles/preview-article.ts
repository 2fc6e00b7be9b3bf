import type { AppContext } from '../../context.js';
import { mediaForMarkdown } from '../media/queries.js';
import { ArticleError } from './errors.js';
import { type RenderedBody, renderArticleBody } from './render-body.js';

/**
 * A body as the public article page will show it: the same renderer and sanitiser, the same
 * responsive images for uploads. Nothing is stored.
 */
export async function previewArticleBody(ctx: AppContext, markdown: string): Promise<RenderedBody> {
  if (markdown.length > 500_000) throw new ArticleError('article_invalid', ctx.site.i18n.t('admin.articles.error.bodyTooLong'), { body: ctx.site.i18n.t('admin.articles.error.bodyTooLong') });
  return renderArticleBody(markdown, { media: await mediaForMarkdown(ctx.database.db, markdown) });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getPublishedArticleBySlug, listPublishedArticles } from '../../features/articles/queries.js';
import { HomePage } from '../../views/pages/home.js';
import { renderDocument } from '../../views/render.js';
import { DiscussionQuerystring, discussionOptions, renderArticlePage } from '../article-page.js';
import { HttpError } from '../errors.js';
import { sendPage } from '../middleware/page-cache.js';
import { PageQuery, pageCount, pageWindow } from '../paging.js';
import { siteView } from '../site-view.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export function articleRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const { page: asked } = request.query as { page?: number };
    const { page, limit, offset } = pageWindow(asked, ctx.site.settings.articlesPerPage);
    const [site, { items, total }] = await Promise.all([siteView(ctx, request), listPublishedArticles(ctx.database.db, {}, { limit, offset })]);
    const pages = pageCount(total, limit, page, ctx.site.i18n);
    return sendPage(ctx, request, reply, { body: renderDocument(HomePage({ site, items, page, pages })), tags: ['articles', 'comment-counts'] });
  });

  app.get('/articles/:slug', { schema: { params: SlugParams, querystring: DiscussionQuerystring } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const found = await getPublishedArticleBySlug(ctx.database.db, slug);
    if (!found) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundArticle'));
    if ('redirectTo' in found) return reply.code(301).header('cache-control', 'public, max-age=3600').redirect(`/articles/${found.redirectTo}`, 301);
    const { article } = found;
    const body = await renderArticlePage(ctx, request, article, discussionOptions(request.query as Parameters<typeof discussionOptions>[0]));
    return sendPage(ctx, request, reply, { body, tags: ['articles', `article:${article.id}`] });
  });
}

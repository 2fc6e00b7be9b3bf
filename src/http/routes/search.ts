import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { searchArticles } from '../../features/search/search-articles.js';
import { SearchPage } from '../../views/pages/search.js';
import { renderDocument } from '../../views/render.js';
import { sendPage } from '../middleware/page-cache.js';
import { pageCount, pageWindow } from '../paging.js';
import { siteView } from '../site-view.js';

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export function searchRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/search', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = request.query as { q?: string; page?: number };
    const q = (query.q ?? '').trim();
    const { page, limit, offset } = pageWindow(query.page, ctx.site.settings.articlesPerPage);
    const [site, { items, total }] = await Promise.all([siteView(ctx, request), searchArticles(ctx.database, q, { limit, offset })]);
    const pages = total === 0 ? 1 : pageCount(total, limit, page, ctx.site.i18n);
    return sendPage(ctx, request, reply, { body: renderDocument(SearchPage({ site, q, items, total, page, pages })), tags: ['articles'] });
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getPublishedArticleBySlug, listPublishedArticles } from '../../features/articles/queries.js';
import { HttpError } from '../errors.js';
import { pageCount, pageWindow } from '../paging.js';

const Byline = Type.Object({ id: Type.Integer(), name: Type.String(), slug: Type.String() });
const ArticleSummary = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  standfirst: Type.String(),
  url: Type.String({ format: 'uri' }),
  publishedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  coverUrl: Type.Union([Type.String(), Type.Null()]),
  hasVideo: Type.Boolean(),
  commentCount: Type.Integer({ description: 'Published comments' }),
  authors: Type.Array(Byline),
  tags: Type.Array(Byline),
});
const ErrorBody = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });

/** The read API for published articles, described in /api/v1/openapi.json. */
export function apiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const url = (slug: string) => `${ctx.config.publicUrl}/articles/${slug}`;

  app.get(
    '/api/v1/articles',
    {
      schema: {
        summary: 'List published articles, newest first',
        tags: ['articles'],
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(ArticleSummary), page: Type.Integer(), pages: Type.Integer(), total: Type.Integer() }),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const query = request.query as { page?: number; perPage?: number };
      const { page, limit, offset } = pageWindow(query.page, query.perPage ?? 20);
      const { items, total } = await listPublishedArticles(ctx.database.db, {}, { limit, offset });
      const pages = pageCount(total, limit, page, ctx.site.i18n);
      return { items: items.map((a) => ({ ...a, url: url(a.slug) })), page, pages, total };
    },
  );

  app.get(
    '/api/v1/articles/:slug',
    {
      schema: {
        summary: 'One published article, with its rendered body',
        tags: ['articles'],
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Intersect([ArticleSummary, Type.Object({ bodyHtml: Type.String() })]), 404: ErrorBody },
      },
    },
    async (request) => {
      const found = await getPublishedArticleBySlug(ctx.database.db, (request.params as { slug: string }).slug);
      if (!found || 'redirectTo' in found) throw new HttpError(404, 'not_found', 'There is no published article with this slug.');
      return { ...found.article, url: url(found.article.slug) };
    },
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getAuthorBySlug, getTagBySlug, listPublishedArticles, listPublishedTimes } from '../../features/articles/queries.js';
import { zonedMonthRange } from '../../shared/zoned-time.js';
import { type ArchiveYear, ArchivePage } from '../../views/pages/archive.js';
import { ListingPage } from '../../views/pages/listing.js';
import { renderDocument } from '../../views/render.js';
import { HttpError } from '../errors.js';
import { sendPage } from '../middleware/page-cache.js';
import { PageQuery, pageCount, pageWindow } from '../paging.js';
import { siteView } from '../site-view.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const MonthParams = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 2999 }),
  month: Type.Integer({ minimum: 1, maximum: 12 }),
});

/** Tag, author and archive pages: titled, paginated lists of published articles. */
export function listingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const perPage = () => ctx.site.settings.articlesPerPage;

  app.get('/tags/:slug', { schema: { params: SlugParams, querystring: PageQuery } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const tag = await getTagBySlug(ctx.database.db, slug);
    if (!tag) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundTopic'));
    const { page, limit, offset } = pageWindow((request.query as { page?: number }).page, perPage());
    const [site, { items, total }] = await Promise.all([siteView(ctx, request), listPublishedArticles(ctx.database.db, { tagId: tag.id }, { limit, offset })]);
    if (total === 0) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundTopic'));
    const pages = pageCount(total, limit, page, ctx.site.i18n);
    const { t } = site.i18n;
    const feeds = [
      { type: 'application/rss+xml' as const, title: t('feed.tag', { site: site.name, name: tag.name }), href: `${site.url}/tags/${tag.slug}/feed.xml` },
      { type: 'application/atom+xml' as const, title: t('feed.tag', { site: site.name, name: tag.name }), href: `${site.url}/tags/${tag.slug}/atom.xml` },
    ];
    const lead = tag.description || t('tag.count', { count: total });
    const body = renderDocument(
      ListingPage({ site, title: t('tag.title', { name: tag.name }), lead, path: `/tags/${tag.slug}`, items, page, pages, empty: t('home.empty'), feeds }),
    );
    return sendPage(ctx, request, reply, { body, tags: ['articles', 'comment-counts'] });
  });

  app.get('/authors/:slug', { schema: { params: SlugParams, querystring: PageQuery } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const author = await getAuthorBySlug(ctx.database.db, slug);
    if (!author) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundAuthor'));
    const { page, limit, offset } = pageWindow((request.query as { page?: number }).page, perPage());
    const [site, { items, total }] = await Promise.all([siteView(ctx, request), listPublishedArticles(ctx.database.db, { authorId: author.id }, { limit, offset })]);
    const pages = pageCount(total, limit, page, ctx.site.i18n);
    const { t } = site.i18n;
    const feeds = [
      { type: 'application/rss+xml' as const, title: t('feed.author', { site: site.name, name: author.name }), href: `${site.url}/authors/${author.slug}/feed.xml` },
      { type: 'application/atom+xml' as const, title: t('feed.author', { site: site.name, name: author.name }), href: `${site.url}/authors/${author.slug}/atom.xml` },
    ];
    const body = renderDocument(
      ListingPage({ site, title: t('author.title', { name: author.name }), lead: author.bio, path: `/authors/${author.slug}`, items, page, pages, empty: t('home.empty'), feeds }),
    );
    return sendPage(ctx, request, reply, { body, tags: ['articles', 'comment-counts'] });
  });

  app.get('/archive', async (request, reply) => {
    const [site, times] = await Promise.all([siteView(ctx, request), listPublishedTimes(ctx.database.db)]);
    const years: ArchiveYear[] = [];
    for (const time of times) {
      const { year, month } = site.i18n.parts(time);
      let y = years.find((x) => x.year === year);
      if (!y) years.push((y = { year, months: [] }));
      const m = y.months.find((x) => x.month === month);
      if (m) m.count++;
      else y.months.push({ month, count: 1 });
    }
    return sendPage(ctx, request, reply, { body: renderDocument(ArchivePage({ site, years })), tags: ['articles'] });
  });

  app.get('/archive/:year/:month', { schema: { params: MonthParams, querystring: PageQuery } }, async (request, reply) => {
    const { year, month } = request.params as { year: number; month: number };
    const { from, to } = zonedMonthRange(year, month, ctx.site.settings.timeZone);
    const { page, limit, offset } = pageWindow((request.query as { page?: number }).page, perPage());
    const [site, { items, total }] = await Promise.all([siteView(ctx, request), listPublishedArticles(ctx.database.db, { from, to }, { limit, offset })]);
    const pages = pageCount(total, limit, page, ctx.site.i18n);
    const { t } = site.i18n;
    const path = `/archive/${year}/${String(month).padStart(2, '0')}`;
    const body = renderDocument(
      ListingPage({ site, title: t('archive.month', { month: site.i18n.month(year, month) }), path, items, page, pages, empty: t('archive.empty') }),
    );
    return sendPage(ctx, request, reply, { body, tags: ['articles', 'comment-counts'] });
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  type ArticleSummary,
  getAuthorBySlug,
  getTagBySlug,
  type ListFilter,
  listAuthors,
  listPublishedForSitemap,
  listPublishedWithBodies,
  listTags,
} from '../../features/articles/queries.js';
import { absolutizeHtml } from '../../features/feeds/absolute.js';
import { renderAtom } from '../../features/feeds/atom.js';
import { renderJsonFeed } from '../../features/feeds/json-feed.js';
import { renderRobots } from '../../features/feeds/robots.js';
import { renderRss } from '../../features/feeds/rss.js';
import { renderNewsSitemap, renderSitemapIndex, renderUrlSet } from '../../features/feeds/sitemap.js';
import type { FeedChannel, FeedItem, FeedSite } from '../../features/feeds/types.js';
import { HttpError } from '../errors.js';
import { sendPage } from '../middleware/page-cache.js';

const FEED_SIZE = 20;
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

const formats = {
  'feed.xml': { render: renderRss, type: 'application/rss+xml; charset=utf-8' },
  'atom.xml': { render: renderAtom, type: 'application/atom+xml; charset=utf-8' },
  'feed.json': { render: renderJsonFeed, type: 'application/feed+json; charset=utf-8' },
} as const;
type Format = keyof typeof formats;

/** Feeds (RSS, Atom, JSON Feed) for the site, each tag and each author; sitemaps; robots.txt. */
export function feedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const site = (): FeedSite => ({
    name: ctx.site.settings.siteName,
    description: ctx.site.settings.description,
    url: ctx.config.publicUrl,
    language: ctx.site.settings.locale,
  });
  const base = () => ctx.config.publicUrl;

  const toItem = (a: ArticleSummary & { bodyHtml: string }): FeedItem => ({
    title: a.hasVideo ? `${a.title} ${ctx.site.i18n.t('article.videoSuffix')}` : a.title,
    url: `${base()}/articles/${a.slug}`,
    id: a.id,
    summary: a.standfirst,
    contentHtml: absolutizeHtml(a.bodyHtml, base()),
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    authors: a.authors.map((au) => ({ name: au.name, url: `${base()}/authors/${au.slug}` })),
    tags: a.tags.map((t) => ({ name: t.name, url: `${base()}/tags/${t.slug}` })),
    imageUrl: a.coverUrl ? (a.coverUrl.startsWith('/') ? `${base()}${a.coverUrl}` : a.coverUrl) : null,
  });

  async function sendFeed(request: FastifyRequest, reply: FastifyReply, format: Format, filter: ListFilter, channel: Omit<FeedChannel, 'updated' | 'selfUrl'>, path: string) {
    const articles = await listPublishedWithBodies(ctx.database.db, filter, FEED_SIZE);
    const updated = articles.reduce((max, a) => (a.updatedAt > max ? a.updatedAt : max), articles[0]?.updatedAt ?? new Date(0).toISOString());
    const body = formats[format].render(site(), { ...channel, updated, selfUrl: `${base()}${path}` }, articles.map(toItem));
    return sendPage(ctx, request, reply, { body, tags: ['articles'], contentType: formats[format].type });
  }

  for (const format of Object.keys(formats) as Format[]) {
    app.get(`/${format}`, async (request, reply) =>
      sendFeed(request, reply, format, {}, { title: ctx.site.settings.siteName, description: ctx.site.settings.description, link: `${base()}/` }, `/${format}`),
    );

    app.get(`/tags/:slug/${format}`, { schema: { params: SlugParams } }, async (request, reply) => {
      const tag = await getTagBySlug(ctx.database.db, (request.params as { slug: string }).slug);
      if (!tag) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundTopic'));
      const title = ctx.site.i18n.t('feed.tag', { site: ctx.site.settings.siteName, name: tag.name });
      return sendFeed(request, reply, format, { tagId: tag.id }, { title, description: tag.description || title, link: `${base()}/tags/${tag.slug}` }, `/tags/${tag.slug}/${format}`);
    });

    app.get(`/authors/:slug/${format}`, { schema: { params: SlugParams } }, async (request, reply) => {
      const author = await getAuthorBySlug(ctx.database.db, (request.params as { slug: string }).slug);
      if (!author) throw new HttpError(404, 'not_found', ctx.site.i18n.t('error.notFoundAuthor'));
      const title = ctx.site.i18n.t('feed.author', { site: ctx.site.settings.siteName, name: author.name });
      return sendFeed(request, reply, format, { authorId: author.id }, { title, description: author.bio || title, link: `${base()}/authors/${author.slug}` }, `/authors/${author.slug}/${format}`);
    });
  }

  const xml = 'application/xml; charset=utf-8';

  app.get('/sitemap.xml', async (request, reply) => {
    const articles = await listPublishedForSitemap(ctx.database.db);
    const lastmod = articles.reduce((max, a) => (a.updated_at > max ? a.updated_at : max), '') || undefined;
    const body = renderSitemapIndex(['articles', 'tags', 'authors', 'news'].map((name) => ({ loc: `${base()}/sitemaps/${name}.xml`, lastmod })));
    return sendPage(ctx, request, reply, { body, tags: ['articles'], contentType: xml });
  });

  app.get('/sitemaps/articles.xml', async (request, reply) => {
    const articles = await listPublishedForSitemap(ctx.database.db);
    const body = renderUrlSet([{ loc: `${base()}/` }, ...articles.map((a) => ({ loc: `${base()}/articles/${a.slug}`, lastmod: a.updated_at }))]);
    return sendPage(ctx, request, reply, { body, tags: ['articles'], contentType: xml });
  });

  app.get('/sitemaps/tags.xml', async (request, reply) => {
    const tags = await listTags(ctx.database.db);
    const body = renderUrlSet(tags.map((t) => ({ loc: `${base()}/tags/${t.slug}`, lastmod: t.updated_at ?? undefined })));
    return sendPage(ctx, request, reply, { body, tags: ['articles'], contentType: xml });
  });

  app.get('/sitemaps/authors.xml', async (request, reply) => {
    const authors = await listAuthors(ctx.database.db);
    const body = renderUrlSet(authors.map((a) => ({ loc: `${base()}/authors/${a.slug}`, lastmod: a.updated_at ?? undefined })));
    return sendPage(ctx, request, reply, { body, tags: ['articles'], contentType: xml });
  });

  // Google News: articles published in the last 48 hours.
  app.get('/sitemaps/news.xml', async (request, reply) => {
    const since = new Date(ctx.clock.now().getTime() - 48 * 3_600_000).toISOString();
    const articles = await listPublishedForSitemap(ctx.database.db, since);
    const body = renderNewsSitemap(site(), articles.map((a) => ({ loc: `${base()}/articles/${a.slug}`, title: a.title, publishedAt: a.published_at ?? a.updated_at })));
    return sendPage(ctx, request, reply, { body, tags: ['articles'], contentType: xml });
  });

  app.get('/robots.txt', async (request, reply) => sendPage(ctx, request, reply, { body: renderRobots(site()), tags: ['settings'], contentType: 'text/plain; charset=utf-8' }));
}

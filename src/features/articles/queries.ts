import type { Kysely } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { DB } from '../../db/schema/index.js';

export interface Byline {
  id: number;
  name: string;
  slug: string;
}

export interface TagRef {
  id: number;
  name: string;
  slug: string;
}

export interface ArticleSummary {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  publishedAt: string;
  updatedAt: string;
  coverUrl: string | null;
  coverAlt: string;
  hasVideo: boolean;
  authors: Byline[];
  tags: TagRef[];
  /** Published comments (a counter kept by the discussion use cases). */
  commentCount: number;
}

export interface ArticleFull extends ArticleSummary {
  bodyHtml: string;
  coverCaption: string;
  coverCredit: string;
  videoUrl: string | null;
  commentsOpen: boolean;
}

export interface ListFilter {
  tagId?: number;
  authorId?: number;
  /** Half-open UTC range [from, to) of published_at. */
  from?: string;
  to?: string;
}

const summaryColumns = [
  'a.id',
  'a.slug',
  'a.title',
  'a.standfirst',
  'a.published_at',
  'a.updated_at',
  'a.cover_url',
  'a.cover_alt',
  'a.video_url',
  'a.comments_count',
] as const;

function published(db: Kysely<DB>, filter: ListFilter) {
  let q = db.selectFrom('articles as a').where('a.status', '=', 'published');
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_tags as t').select('t.article_id').whereRef('t.article_id', '=', 'a.id').where('t.tag_id', '=', tagId)));
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('article_authors as au').select('au.article_id').whereRef('au.article_id', '=', 'a.id').where('au.user_id', '=', authorId)),
    );
  }
  if (filter.from) q = q.where('a.published_at', '>=', filter.from);
  if (filter.to) q = q.where('a.published_at', '<', filter.to);
  return q;
}

/** Published articles, newest first, one page of them, and how many there are in all. */
export async function listPublishedArticles(
  db: Kysely<DB>,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ArticleSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    published(db, filter).select(summaryColumns).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    published(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withBylines(db, rows), total: Number(count.n) };
}

type SummaryRow = {
  id: number;
  slug: string;
  title: string;
  standfirst: string;
  published_at: string | null;
  updated_at: string;
  cover_url: string | null;
  cover_alt: string;
  video_url: string | null;
  comments_count?: number;
};

/** Attach authors and tags to article rows in two queries, whatever the number of rows. */
export async function withBylines(db: Kysely<DB>, rows: SummaryRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [authors, tags] = await Promise.all([
    db
      .selectFrom('article_authors as aa')
      .innerJoin('users as u', 'u.id', 'aa.user_id')
      .select(['aa.article_id', 'u.id', 'u.name', 'u.slug'])
      .where('aa.article_id', 'in', ids)
      .orderBy('aa.position')
      .execute(),
    db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.id', 't.name', 't.slug'])
      .where('at.article_id', 'in', ids)
      .orderBy('at.position')
      .execute(),
  ]);
  return rows.map((r) =>
    toSummary(
      r,
      authors.filter((a) => a.article_id === r.id),
      tags.filter((t) => t.article_id === r.id),
    ),
  );
}

function toSummary(r: SummaryRow, authors: Byline[], tags: TagRef[]): ArticleSummary {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    standfirst: r.standfirst,
    publishedAt: r.published_at ?? r.updated_at,
    updatedAt: r.updated_at,
    coverUrl: r.cover_url,
    coverAlt: r.cover_alt,
    hasVideo: Boolean(r.video_url),
    authors: authors.map(({ id, name, slug }) => ({ id, name, slug })),
    tags: tags.map(({ id, name, slug }) => ({ id, name, slug })),
    commentCount: Number(r.comments_count ?? 0),
  };
}

/** A published article by its slug, or by a former slug (then `redirectTo` is the current one). */
const publishedIdBySlug = prepared<{ slug: string }>()((db, p) => db.selectFrom('articles').select(['id', 'slug']).where('slug', '=', p.slug).where('status', '=', 'published'));
const publishedSlugByOldSlug = prepared<{ slug: string }>()((db, p) =>
  db.selectFrom('article_slugs as s').innerJoin('articles as a', 'a.id', 's.article_id').select('a.slug').where('s.slug', '=', p.slug).where('a.status', '=', 'published'),
);

/**
 * A published article's id and slug, for routes that act on its discussion and need nothing else
 * (posting a comment must not copy the article's body out of the database); a renamed slug gives
 * `redirectTo`.
 */
export async function getPublishedArticleRef(db: Kysely<DB>, slug: string): Promise<{ id: number; slug: string } | { redirectTo: string } | null> {
  const row = await publishedIdBySlug.first(db, { slug });
  if (row) return row;
  const old = await publishedSlugByOldSlug.first(db, { slug });
  return old ? { redirectTo: old.slug } : null;
}

/** The article page's queries, built once (docs/decisions.md, "Prepared queries"). */
const publishedArticleBySlug = prepared<{ slug: string }>()((db, p) =>
  db
    .selectFrom('articles as a')
    .select([...summaryColumns, 'a.body_html', 'a.cover_caption', 'a.cover_credit', 'a.comments_open'])
    .where('a.slug', '=', p.slug)
    .where('a.status', '=', 'published'),
);
const authorsOfArticle = prepared<{ id: number }>()((db, p) =>
  db.selectFrom('article_authors as aa').innerJoin('users as u', 'u.id', 'aa.user_id').select(['u.id', 'u.name', 'u.slug']).where('aa.article_id', '=', p.id).orderBy('aa.position'),
);
const tagsOfArticle = prepared<{ id: number }>()((db, p) =>
  db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select(['t.id', 't.name', 't.slug']).where('at.article_id', '=', p.id).orderBy('at.position'),
);

export async function getPublishedArticleBySlug(db: Kysely<DB>, slug: string): Promise<{ article: ArticleFull } | { redirectTo: string } | null> {
  const row = await publishedArticleBySlug.first(db, { slug });
  if (!row) {
    const old = await publishedSlugByOldSlug.first(db, { slug });
    return old ? { redirectTo: old.slug } : null;
  }
  const [authors, tags] = await Promise.all([authorsOfArticle.all(db, { id: row.id }), tagsOfArticle.all(db, { id: row.id })]);
  return {
    article: {
      ...toSummary(row, authors, tags),
      bodyHtml: row.body_html,
      coverCaption: row.cover_caption,
      coverCredit: row.cover_credit,
      videoUrl: row.video_url,
      commentsOpen: row.comments_open === 1,
    },
  };
}

export async function getTagBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A user who has published at least one article. */
export async function getAuthorBySlug(db: Kysely<DB>, slug: string) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.slug', 'u.bio'])
    .where('u.slug', '=', slug)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors as aa')
          .innerJoin('articles as a', 'a.id', 'aa.article_id')
          .select('aa.article_id')
          .whereRef('aa.user_id', '=', 'u.id')
          .where('a.status', '=', 'published'),
      ),
    )
    .executeTakeFirst();
}

/** Tags with at least one published article, most used first. */
export async function listTags(db: Kysely<DB>) {
  return db
    .selectFrom('tags as t')
    .innerJoin('article_tags as at', 'at.tag_id', 't.id')
    .innerJoin('articles as a', 'a.id', 'at.article_id')
    .where('a.status', '=', 'published')
    .select(['t.id', 't.slug', 't.name', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('a.updated_at').as('updated_at')])
    .groupBy(['t.id', 't.slug', 't.name'])
    .orderBy('count', 'desc')
    .orderBy('t.name')
    .execute();
}

/** Authors with at least one published article. */
export async function listAuthors(db: Kysely<DB>) {
  return db
    .selectFrom('users as u')
    .innerJoin('article_authors as aa', 'aa.user_id', 'u.id')
    .innerJoin('articles as a', 'a.id', 'aa.article_id')
    .where('a.status', '=', 'published')
    .select(['u.id', 'u.slug', 'u.name', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('a.updated_at').as('updated_at')])
    .groupBy(['u.id', 'u.slug', 'u.name'])
    .orderBy('u.name')
    .execute();
}

/** Publication times of everything published; the archive groups them by month in the site's zone. */
export async function listPublishedTimes(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('articles').select('published_at').where('status', '=', 'published').orderBy('published_at', 'desc').execute();
  return rows.flatMap((r) => (r.published_at ? [r.published_at] : []));
}

/** Everything published, for sitemaps: slug and last change, newest first. */
export async function listPublishedForSitemap(db: Kysely<DB>, since?: string) {
  let q = db.selectFrom('articles').select(['id', 'slug', 'title', 'published_at', 'updated_at']).where('status', '=', 'published');
  if (since) q = q.where('published_at', '>=', since);
  return q.orderBy('published_at', 'desc').limit(50_000).execute();
}

/** The latest published articles with their bodies, for feeds. */
export async function listPublishedWithBodies(db: Kysely<DB>, filter: ListFilter, limit: number): Promise<Array<ArticleSummary & { bodyHtml: string }>> {
  const rows = await published(db, filter)
    .select([...summaryColumns, 'a.body_html'])
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  const summaries = await withBylines(db, rows);
  return summaries.map((s, i) => ({ ...s, bodyHtml: rows[i]?.body_html ?? '' }));
}

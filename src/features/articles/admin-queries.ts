import { type Kysely, sql } from 'kysely';
import type { ArticleStatus, DB, Role } from '../../db/schema/index.js';
import type { Byline, TagRef } from './queries.js';
import type { ArticleInput } from './save-article.js';

/** Filters of the admin's article list. */
export interface AdminArticleFilter {
  status?: ArticleStatus;
  authorId?: number;
  tagId?: number;
  /** Words to find in the title or standfirst. */
  q?: string;
}

export interface AdminArticleRow {
  id: number;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  authors: Byline[];
  tags: TagRef[];
}

/** An article as the editor form fills in, with what the form shows beside the fields. */
export interface EditorArticle {
  id: number;
  input: ArticleInput;
  status: ArticleStatus;
  slug: string;
  updatedAt: string;
  createdAt: string;
}

/** `%`, `_` and `\` typed by a person are literal characters, not LIKE wildcards. */
function likePattern(words: string): string {
  return `%${words.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Kysely<DB>, filter: AdminArticleFilter) {
  let q = db.selectFrom('articles as a');
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_authors as au').select('au.article_id').whereRef('au.article_id', '=', 'a.id').where('au.user_id', '=', authorId)));
  }
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_tags as t').select('t.article_id').whereRef('t.article_id', '=', 'a.id').where('t.tag_id', '=', tagId)));
  }
  const words = filter.q?.trim();
  if (words) {
    const pattern = likePattern(words);
    // ESCAPE is spelled out: SQLite has no default escape character for LIKE.
    q = q.where(sql<boolean>`(lower(a.title) like ${pattern} escape '\\' or lower(a.standfirst) like ${pattern} escape '\\')`);
  }
  return q;
}

/** Every article (any status) matching the filters, most recently changed first, one page of them. */
export async function listArticlesForAdmin(
  db: Kysely<DB>,
  filter: AdminArticleFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AdminArticleRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .select(['a.id', 'a.slug', 'a.title', 'a.status', 'a.published_at', 'a.updated_at'])
      .orderBy('a.updated_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  if (rows.length === 0) return { items: [], total: Number(count.n) };
  const ids = rows.map((r) => r.id);
  const [authors, tags] = await Promise.all([
    db.selectFrom('article_authors as aa').innerJoin('users as u', 'u.id', 'aa.user_id').select(['aa.article_id', 'u.id', 'u.name', 'u.slug']).where('aa.article_id', 'in', ids).orderBy('aa.position').execute(),
    db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select(['at.article_id', 't.id', 't.name', 't.slug']).where('at.article_id', 'in', ids).orderBy('at.position').execute(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      status: r.status,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      authors: authors.filter((a) => a.article_id === r.id).map(({ id, name, slug }) => ({ id, name, slug })),
      tags: tags.filter((t) => t.article_id === r.id).map(({ id, name, slug }) => ({ id, name, slug })),
    })),
  };
}

/** An article's editable fields, whatever its status. */
export async function getArticleForEditor(db: Kysely<DB>, id: number): Promise<EditorArticle | null> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [authors, tags] = await Promise.all([
    db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).orderBy('position').execute(),
    db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select('t.name').where('at.article_id', '=', id).orderBy('at.position').execute(),
  ]);
  return {
    id: row.id,
    status: row.status,
    slug: row.slug,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    input: {
      title: row.title,
      slug: row.slug,
      standfirst: row.standfirst,
      bodyMarkdown: row.body_md,
      status: row.status,
      publishedAt: row.published_at,
      authorIds: authors.map((a) => a.user_id),
      tags: tags.map((t) => t.name),
      coverUrl: row.cover_url,
      coverAlt: row.cover_alt,
      coverCaption: row.cover_caption,
      coverCredit: row.cover_credit,
      videoUrl: row.video_url,
      commentsOpen: row.comments_open === 1,
    },
  };
}

const writerRoles: Role[] = ['owner', 'admin', 'editor', 'author'];

/** Staff who may be named as authors (plus anyone named already), by name. */
export async function listBylineCandidates(db: Kysely<DB>, include: number[] = []): Promise<Array<{ id: number; name: string; role: Role }>> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where((eb) => {
      const staff = eb.and([eb('role', 'in', writerRoles), eb('status', '=', 'active')]);
      return include.length ? eb.or([staff, eb('id', 'in', include)]) : staff;
    })
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Every tag, by name (the list filter offers tags of drafts too). */
export async function listAllTags(db: Kysely<DB>): Promise<TagRef[]> {
  return db.selectFrom('tags').select(['id', 'name', 'slug']).orderBy('name').execute();
}

import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { type ArticleSummary, withBylines } from '../articles/queries.js';

export interface SearchHit extends ArticleSummary {
  /** Excerpt with matches between \u0001 and \u0002; the view escapes it and marks the matches. */
  snippet: string;
}

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/** The words of a query: letters and digits only, at most 12, so no query syntax reaches the engine. */
export function searchTerms(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** Full-text search over published titles, standfirsts and bodies, best match first. */
export async function searchArticles(
  database: Database,
  q: string,
  page: { limit: number; offset: number },
): Promise<{ items: SearchHit[]; total: number }> {
  const terms = searchTerms(q);
  if (terms.length === 0) return { items: [], total: 0 };
  const { db } = database;
  const columns = ['a.id', 'a.slug', 'a.title', 'a.standfirst', 'a.published_at', 'a.updated_at', 'a.cover_url', 'a.cover_alt', 'a.video_url', 'a.comments_count'] as const;

  if (database.dialect === 'sqlite') {
    // Every word must match; the last one also as a prefix, so "evacu" finds "evacuation".
    const match = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
    const base = db
      .selectFrom(sql<{ rowid: number }>`article_search`.as('s'))
      .innerJoin('articles as a', (join) => join.on(sql<boolean>`a.id = s.rowid`))
      .where(sql<boolean>`article_search MATCH ${match}`)
      .where('a.status', '=', 'published');
    const [rows, count] = await Promise.all([
      base
        .select([...columns, sql<string>`snippet(article_search, 2, ${MARK_START}, ${MARK_END}, '…', 24)`.as('snippet')])
        .orderBy(sql`bm25(article_search, 10.0, 4.0, 1.0)`)
        .orderBy('a.published_at', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = await withBylines(db, rows);
    return { items: items.map((item, i) => ({ ...item, snippet: rows[i]?.snippet ?? '' })), total: Number(count.n) };
  }

  const query = sql`to_tsquery('english', ${terms.map((t, i) => `${t.replace(/'/g, '')}${i === terms.length - 1 ? ':*' : ''}`).join(' & ')})`;
  const base = db.selectFrom('articles as a').where('a.status', '=', 'published').where(sql<boolean>`a.search_vector @@ ${query}`);
  const [rows, count] = await Promise.all([
    base
      .select([
        ...columns,
        sql<string>`ts_headline('english', a.body_text, ${query}, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1`})`.as('snippet'),
      ])
      .orderBy(sql`ts_rank(a.search_vector, ${query})`, 'desc')
      .orderBy('a.published_at', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = await withBylines(db, rows);
  return { items: items.map((item, i) => ({ ...item, snippet: rows[i]?.snippet ?? '' })), total: Number(count.n) };
}

import { CompiledQuery, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommentSort, commentSorts, decodeListCursor } from '../src/features/discussion/cursor.js';
import { listComments } from '../src/features/discussion/list-comments.js';
import { replyRowsQuery, topLevelQuery } from '../src/features/discussion/queries.js';
import { createTestApp, type TestApp } from './support/app.js';
import { backend } from './support/context.js';
import { bulkComments, commentIds } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;
let article: { id: number; slug: string };
let rootIds: number[];

beforeAll(async () => {
  t = await createTestApp();
  article = await makeArticle(t.ctx, { slug: 'huge-thread' });
  // Another article's comments share the indexes, as on a real site.
  const other = await makeArticle(t.ctx, { slug: 'neighbour' });
  await bulkComments(t.ctx, other.id, { roots: 500, replies: 1 });
  ({ rootIds } = await bulkComments(t.ctx, article.id, { roots: 2_500, replies: 1 }));
  if (backend === 'postgres') await t.ctx.database.db.executeQuery(CompiledQuery.raw('ANALYZE'));
  else await t.ctx.database.db.executeQuery(CompiledQuery.raw('ANALYZE'));
});
afterAll(() => t.cleanup());

/** The query plan as text, one line per step. */
async function plan(query: Compilable): Promise<string> {
  const { sql, parameters } = query.compile();
  const prefix = backend === 'postgres' ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
  const { rows } = await t.ctx.database.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + sql, [...parameters]));
  return rows.map((r) => String(r['QUERY PLAN'] ?? r.detail)).join('\n');
}

function expectIndexedOrder(text: string): void {
  if (process.env.SHOW_PLANS) console.log(text);
  if (backend === 'postgres') {
    expect(text).toMatch(/Index (Only )?Scan/);
    expect(text).not.toMatch(/Seq Scan|Sort/);
  } else {
    expect(text).toMatch(/USING INDEX comments_/);
    expect(text).not.toContain('USE TEMP B-TREE');
    expect(text).not.toMatch(/SCAN comments(?! USING)/);
  }
}

describe('a discussion with thousands of comments', () => {
  it.each(commentSorts)('reads the first page of %s threads from an index, with no sort of all comments', async (sort: CommentSort) => {
    expectIndexedOrder(await plan(topLevelQuery(t.ctx.database.db, article.id, sort, null, 21)));
  });

  it.each(commentSorts)('reads a later page of %s threads from an index too (keyset cursor)', async (sort: CommentSort) => {
    const page = await listComments(t.ctx, { articleId: article.id, sort });
    const cursor = decodeListCursor(sort, page.next ?? '');
    expect(cursor).not.toBeNull();
    expectIndexedOrder(await plan(topLevelQuery(t.ctx.database.db, article.id, sort, cursor, 21)));
  });

  it("reads a page's replies with one index range per thread", async () => {
    const text = await plan(replyRowsQuery(t.ctx.database.db, [rootIds[0] as number, rootIds[1] as number, rootIds[2] as number], 25));
    if (backend === 'postgres') {
      expect(text).toMatch(/Index Scan using comments_thread/);
      expect(text).not.toMatch(/Seq Scan|Sort/);
    } else {
      expect(text).toContain('USING INDEX comments_thread');
      expect(text).not.toContain('USE TEMP B-TREE');
    }
  });

  it('serves the first page and walks to the next with the cursor', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/articles/huge-thread?sort=votes' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('5,000 comments');
    const ids = commentIds(first.body);
    // 20 threads, each with its reply.
    expect(ids).toHaveLength(40);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/articles\/huge-thread\?sort=votes&after=v_-?\d+_\d+#comments$/);
    const second = await t.app.inject({ method: 'GET', url: (next as string).split('#')[0] as string });
    const more = commentIds(second.body);
    expect(more).toHaveLength(40);
    expect(more.filter((id) => ids.includes(id))).toEqual([]);
  });
});

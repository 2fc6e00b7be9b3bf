import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../src/context.js';
import { createComment } from '../../src/features/discussion/create-comment.js';
import { createGuest } from '../../src/features/discussion/create-guest.js';
import { wilsonLowerBound } from '../../src/features/discussion/wilson.js';

let readers = 0;

/**
 * A browser without JavaScript: its own address and cookie jar, same-origin form posts. Each reader
 * gets a distinct IP so that per-IP rate limits only meet the tests that look for them.
 */
export class Reader {
  cookie: string | null = null;
  readonly ip: string;

  constructor(
    private readonly app: FastifyInstance,
    ip?: string,
  ) {
    readers++;
    this.ip = ip ?? `10.${(readers >> 16) & 255}.${(readers >> 8) & 255}.${readers & 255}`;
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { origin: 'http://outpost.test', ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    const res = await this.app.inject({ method, url, headers, payload, remoteAddress: this.ip });
    const setCookie = res.headers['set-cookie'];
    for (const line of [setCookie ?? []].flat()) {
      const pair = line.split(';')[0] ?? '';
      if (pair.startsWith('outpost_guest=')) this.cookie = pair;
    }
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request('GET', url, { headers });
  }

  post(url: string, form: Record<string, string>) {
    return this.request('POST', url, { form });
  }

  /** Post a top-level comment or a reply through the HTML form; returns the new comment's id from the redirect. */
  async comment(slug: string, body: string, extra: Record<string, string> = {}): Promise<number> {
    const res = await this.post(`/articles/${slug}/comments`, { body, name: 'Olena', email: '', parent_id: '', idempotency_key: '', ...extra });
    const id = /#comment-(\d+)$/.exec(String(res.headers.location ?? ''))?.[1];
    if (res.statusCode !== 303 || !id) throw new Error(`posting failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return Number(id);
  }
}

/** A comment posted straight through the use case, by a new guest unless one is given. */
// Default bodies are numbered, not random: random letters can spell a word on the suspect list.
let seeded = 0;

export async function seedComment(ctx: AppContext, input: { articleId: number; body?: string; name?: string; parentId?: number | null; guestId?: number }) {
  const guestId = input.guestId ?? (await createGuest(ctx)).guestId;
  const { comment } = await createComment(ctx, {
    identity: { kind: 'guest', guestId },
    articleId: input.articleId,
    parentId: input.parentId ?? null,
    body: input.body ?? `A comment, number ${++seeded}.`,
    name: input.name ?? 'Reader',
  });
  return { ...comment, guestId };
}

/** The ids of the comments on a page, in document order. */
export function commentIds(html: string): number[] {
  return [...html.matchAll(/<article id="comment-(\d+)"/g)].map((m) => Number(m[1]));
}

/**
 * Many comments at once, in one transaction, with multi-row inserts: `roots` top-level comments
 * (with varied votes, so every sort has work to do), each with `replies` direct replies. Paths,
 * roots and counters are filled in with a few set-based updates, as the use cases would leave them.
 */
export async function bulkComments(ctx: AppContext, articleId: number, options: { roots: number; replies?: number }): Promise<{ rootIds: number[] }> {
  const replies = options.replies ?? 0;
  const now = ctx.clock.now().toISOString();
  const base = { article_id: articleId, author_name: 'Bulk reader', body_md: 'Bulk', body_html: '<p>Bulk</p>', status: 'published' as const, created_at: now, path: '', root_id: 0 };
  return ctx.database.transaction(async (tx) => {
    const pad = (col: string) => sql.raw<string>(tx.dialect === 'postgres' ? `lpad(${col}::text, 10, '0')` : `printf('%010d', ${col})`);
    const rootIds: number[] = [];
    for (let start = 0; start < options.roots; start += 500) {
      const rows = Array.from({ length: Math.min(500, options.roots - start) }, (_, k) => {
        const i = start + k;
        const up = (i * 7) % 23;
        const down = (i * 5) % 11;
        return { ...base, parent_id: null, depth: 0, upvotes: up, downvotes: down, score: up - down, wilson: wilsonLowerBound(up, down), reply_count: replies };
      });
      const inserted = await tx.db.insertInto('comments').values(rows).returning('id').execute();
      rootIds.push(...inserted.map((r) => r.id));
    }
    await tx.db.updateTable('comments').set({ root_id: sql`id`, path: pad('id') }).where('article_id', '=', articleId).where('parent_id', 'is', null).execute();
    const all = rootIds.flatMap((rootId) => Array.from({ length: replies }, () => ({ ...base, parent_id: rootId, root_id: rootId, depth: 1 })));
    for (let start = 0; start < all.length; start += 500) await tx.db.insertInto('comments').values(all.slice(start, start + 500)).execute();
    await tx.db
      .updateTable('comments')
      .set({ path: sql`(select p.path from comments as p where p.id = comments.parent_id) || ${pad('id')}` })
      .where('article_id', '=', articleId)
      .where('depth', '=', 1)
      .execute();
    await tx.db.updateTable('articles').set({ comments_count: sql`comments_count + ${options.roots + all.length}` }).where('id', '=', articleId).execute();
    tx.onCommit(() => ctx.invalidate([`article:${articleId}`]));
    return { rootIds };
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { createTestApp, type TestApp } from './support/app.js';
import { commentIds, Reader, seedComment } from './support/discussion.js';
import { makeArticle, makeAuthor } from './support/factories.js';

let t: TestApp;
let authorId: number;
let article: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  authorId = (await makeAuthor(t.ctx, 'Mira Castell')).id;
  article = await makeArticle(t.ctx, { title: 'Bridge reopens', slug: 'bridge-reopens', authorIds: [authorId] });
});
afterAll(() => t.cleanup());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const countRows = async (articleId: number) =>
  Number((await t.ctx.database.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', articleId).executeTakeFirstOrThrow()).n);

describe('posting without JavaScript', () => {
  it('posts a guest comment, lands on it, and sets a signed HttpOnly guest cookie', async () => {
    // The anonymous page is cached before the post…
    expect((await anonymous('/articles/bridge-reopens')).headers['set-cookie']).toBeUndefined();
    expect((await anonymous('/articles/bridge-reopens')).headers['x-cache']).toBe('hit');
    const reader = new Reader(t.app);
    const res = await reader.post('/articles/bridge-reopens/comments', { body: 'The *ferry* is still faster.', name: ' Olena ', email: 'olena@example.org', parent_id: '', idempotency_key: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/articles\/bridge-reopens#comment-\d+$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^outpost_guest=[^;]+\.[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    // …and invalidated by it: everyone sees the comment at once.
    const page = await anonymous('/articles/bridge-reopens');
    expect(page.headers['x-cache']).toBe('miss');
    const id = Number(/#comment-(\d+)/.exec(String(res.headers.location))?.[1]);
    expect(page.body).toContain(`<article id="comment-${id}"`);
    expect(page.body).toContain('The <em>ferry</em> is still faster.');
    expect(page.body).toContain('<bdi>Olena</bdi>');
    expect(page.body).not.toContain('olena@example.org');
    expect(page.body).toContain('1 comment');
    // The reader's own page (their cookie) is rendered for them, never cached.
    const own = await reader.get('/articles/bridge-reopens');
    expect(own.headers['cache-control']).toBe('private, no-cache');
    expect(own.body).toContain(`action="/comments/${id}/delete"`);
    // …where the reader cannot vote on their own comment; the shared page does not know whose it is.
    expect(own.body).toMatch(new RegExp(`action="/comments/${id}/vote">[\\s\\S]*?value="up" class="vote-up" aria-pressed="false" disabled>`));
    expect(page.body).toMatch(new RegExp(`action="/comments/${id}/vote">[\\s\\S]*?value="up" class="vote-up">`));
    expect(page.body).toContain(`<a class="comment-permalink" href="/articles/bridge-reopens/comments/${id}">`);
    expect(page.body).not.toContain(`action="/comments/${id}/delete"`);
  });

  it('announces the new comment on the bus once it has committed, for live readers', async () => {
    const events: unknown[] = [];
    const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
    try {
      const id = await new Reader(t.app).comment('bridge-reopens', 'Live, please');
      expect(events).toContainEqual(expect.objectContaining({ type: 'live', topic: `article:${article.id}`, event: 'comment', data: { action: 'created', commentId: id, rootId: id, parentId: null } }));
      expect(events).toContainEqual({ type: 'cache.invalidate', tags: [`article:${article.id}`, 'comment-counts'] });
      // A refused post announces nothing.
      events.length = 0;
      await new Reader(t.app).post('/articles/bridge-reopens/comments', { body: '', name: 'Olena' });
      expect(events).toEqual([]);
    } finally {
      unsubscribe();
    }
  });

  it('never sets a cookie on a GET', async () => {
    for (const url of ['/', '/articles/bridge-reopens', '/articles/bridge-reopens?sort=best', '/api/v1/articles/bridge-reopens/comments', '/api/v1/articles/bridge-reopens/me']) {
      expect((await anonymous(url)).headers['set-cookie']).toBeUndefined();
    }
  });

  it('renders Markdown safely', async () => {
    const reader = new Reader(t.app);
    const id = await reader.comment('bridge-reopens', 'See https://example.org/map and [this](javascript:alert(1)) ![x](https://evil.example/x.png) <script>alert(1)</script>\n\n# Not a heading');
    const html = (await anonymous('/articles/bridge-reopens')).body;
    const body = html.slice(html.indexOf(`id="comment-${id}"`), html.indexOf('</article>', html.indexOf(`id="comment-${id}"`)));
    expect(body).toContain('<a href="https://example.org/map" rel="nofollow ugc noopener">https://example.org/map</a>');
    expect(body).not.toMatch(/href="javascript:|<img|<script|<h1/);
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('# Not a heading');
  });
});

describe('bad input keeps what the reader typed', () => {
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['an empty body', { body: '' }, 'body', 'Write a comment before posting.'],
    ['a whitespace-only body', { body: ' \n\t\u200B ' }, 'body', 'Write a comment before posting.'],
    ['a body over 10,000 characters', { body: 'x'.repeat(10_001) }, 'body', 'Keep your comment to 10,000 characters; it has 10,001.'],
    ['a missing name', { name: '  ' }, 'name', 'Enter your name.'],
    ['a name over 50 characters', { name: 'n'.repeat(51) }, 'name', 'Keep your name to 50 characters.'],
    ['a name with invisible characters', { name: 'Mira\u200BCastell' }, 'name', 'Your name contains invisible or text-direction characters.'],
    ['a name with a direction override', { name: '\u202EOlena' }, 'name', 'Your name contains invisible or text-direction characters.'],
    ['a name imitating staff', { name: 'MIRA  castell' }, 'name', 'is too close to the name of one of our staff'],
    ['a name imitating staff with look-alike letters', { name: 'Мira Саstell' }, 'name', 'is too close to the name of one of our staff'],
    ['a bad email', { email: 'not-an-email' }, 'email', 'Enter a valid email address, or leave the field empty.'],
  ];

  it.each(cases)('refuses %s with 422 and a clear message (HTML form)', async (_label, change, field, message) => {
    const reader = new Reader(t.app);
    const form = { body: 'My considered view <3', name: 'Olena', email: 'o@example.org', parent_id: '', idempotency_key: '', ...change };
    const before = await countRows(article.id);
    const res = await reader.post('/articles/bridge-reopens/comments', form);
    expect(res.statusCode).toBe(422);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Your comment could not be posted. Please correct the fields marked below.');
    expect(res.body).toContain(message.replace(/“/g, '“'));
    expect(res.body).toContain(`id="comment-${field}-error"`);
    expect(res.body).toContain(`aria-invalid="true"`);
    // What the reader typed is still there.
    const kept = (form.body ?? '').length > 200 ? 'x'.repeat(200) : (form.body ?? '').replace('<', '&lt;').replace('>', '&gt;');
    if (field !== 'body') expect(res.body).toContain(kept);
    if (field !== 'name') expect(res.body).toContain('value="Olena"');
    expect(await countRows(article.id)).toBe(before);
  });

  // Past what a form field may hold at all: still the form again, with the text and a clear message, not a bare 400.
  it.each([
    ['a body of 100,001 characters', { body: 'z'.repeat(100_001) }, 'body', 'Keep your comment to 10,000 characters; it has 100,001.'],
    ['a name of 1,001 characters', { name: 'n'.repeat(1_001) }, 'name', 'Keep your name to 50 characters.'],
    ['an email of 1,001 characters', { email: `${'e'.repeat(989)}@example.org` }, 'email', 'Enter a valid email address, or leave the field empty.'],
  ])('refuses %s in the form with 422, the message and the text kept', async (_label, change, field, message) => {
    const reader = new Reader(t.app);
    const form = { body: 'My considered view', name: 'Olena', email: 'o@example.org', parent_id: '', idempotency_key: '', ...change };
    const before = await countRows(article.id);
    const res = await reader.post('/articles/bridge-reopens/comments', form);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(message);
    expect(res.body).toContain(`id="comment-${field}-error"`);
    expect(res.body).toContain(form.body);
    expect(await countRows(article.id)).toBe(before);
  });

  it.each(cases)('refuses %s with 422 and the field in JSON', async (_label, change, field, message) => {
    const reader = new Reader(t.app);
    const input = { body: 'My considered view', name: 'Olena', email: 'o@example.org', ...change };
    const res = await reader.request('POST', '/api/v1/articles/bridge-reopens/comments', { json: input });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('comment_invalid');
    expect(error.fields[field]).toContain(message);
  });

  it('refuses a reply to a comment that does not exist, or belongs to another article', async () => {
    const other = await makeArticle(t.ctx, { slug: 'elsewhere', authorIds: [authorId] });
    const foreign = await seedComment(t.ctx, { articleId: other.id });
    const reader = new Reader(t.app);
    for (const parent of ['999999', String(foreign.id)]) {
      const res = await reader.post('/articles/bridge-reopens/comments', { body: 'A reply I wrote', name: 'Olena', parent_id: parent });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('The comment you are replying to is not part of this discussion.');
      expect(res.body).toContain('A reply I wrote');
    }
    const api = await reader.request('POST', '/api/v1/articles/bridge-reopens/comments', { json: { body: 'x', name: 'Olena', parentId: foreign.id } });
    expect(api.json().error).toMatchObject({ code: 'comment_parent_invalid', fields: { parent: expect.any(String) } });
    expect((await reader.post('/articles/bridge-reopens/comments', { body: 'x', name: 'Olena', parent_id: 'abc' })).statusCode).toBe(400);
  });

  it('refuses a reply to a deleted comment', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('bridge-reopens', 'Soon to go');
    expect((await author.post(`/comments/${id}/delete`, {})).statusCode).toBe(303);
    const reader = new Reader(t.app);
    const res = await reader.post('/articles/bridge-reopens/comments', { body: 'Replying to a ghost', name: 'Olena', parent_id: String(id) });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('has been deleted, so it cannot get new replies');
    expect(res.body).toContain('Replying to a ghost');
  });

  it('refuses cross-site posts', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/articles/bridge-reopens/comments',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'body=hi&name=Olena',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('closed discussions', () => {
  it('refuses comments when the article is closed for discussion, and shows it closed', async () => {
    const closed = await makeArticle(t.ctx, { slug: 'closed-one', commentsOpen: false, authorIds: [authorId] });
    const page = (await anonymous('/articles/closed-one')).body;
    expect(page).toContain('Comments are closed.');
    expect(page).not.toContain('id="comment-form"');
    expect(page).not.toContain('Would love your thoughts, please comment.');
    const reader = new Reader(t.app);
    const res = await reader.post('/articles/closed-one/comments', { body: 'Let me in', name: 'Olena' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('The discussion of this article is closed.');
    expect(await countRows(closed.id)).toBe(0);
  });

  it('closes discussions automatically after the configured number of days', async () => {
    const now = t.clock.now().getTime();
    const old = await makeArticle(t.ctx, { slug: 'old-news', publishedAt: new Date(now - 8 * 86_400_000).toISOString(), authorIds: [authorId] });
    await makeArticle(t.ctx, { slug: 'recent-news', publishedAt: new Date(now - 6 * 86_400_000).toISOString(), authorIds: [authorId] });
    await saveSiteSettings(t.ctx.database.db, { commentsAutoCloseDays: 7 });
    await t.ctx.reloadSettings();
    try {
      const reader = new Reader(t.app);
      const refused = await reader.post('/articles/old-news/comments', { body: 'Late to the party', name: 'Olena' });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Late to the party');
      expect(await countRows(old.id)).toBe(0);
      expect((await reader.post('/articles/recent-news/comments', { body: 'Just in time', name: 'Olena' })).statusCode).toBe(303);
    } finally {
      await saveSiteSettings(t.ctx.database.db, { commentsAutoCloseDays: 0 });
      await t.ctx.reloadSettings();
    }
  });
});

describe('double submits', () => {
  it('returns the first comment for a repeated idempotency key (API and form)', async () => {
    const reader = new Reader(t.app);
    const input = { body: 'Posted once, sent twice', name: 'Olena', idempotencyKey: 'key-7f3a9c21' };
    const first = await reader.request('POST', '/api/v1/articles/bridge-reopens/comments', { json: input });
    const second = await reader.request('POST', '/api/v1/articles/bridge-reopens/comments', { json: input });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const form = { body: 'Form sent twice', name: 'Olena', idempotency_key: 'form-key-0001' };
    const a = await reader.post('/articles/bridge-reopens/comments', form);
    const b = await reader.post('/articles/bridge-reopens/comments', form);
    expect(b.headers.location).toBe(a.headers.location);
    const rows = await t.ctx.database.db.selectFrom('comments').select('id').where('body_md', 'in', ['Posted once, sent twice', 'Form sent twice']).execute();
    expect(rows).toHaveLength(2);
  });

  it('treats the same text under the same parent within a minute as one comment when there is no key', async () => {
    const reader = new Reader(t.app);
    const a = await reader.comment('bridge-reopens', 'No key, clicked twice');
    const b = await reader.comment('bridge-reopens', 'No key, clicked twice');
    expect(b).toBe(a);
    // Someone else may say the same thing.
    expect(await new Reader(t.app).comment('bridge-reopens', 'No key, clicked twice')).not.toBe(a);
    t.clock.advance(61_000);
    expect(await reader.comment('bridge-reopens', 'No key, clicked twice')).not.toBe(a);
  });
});

describe('threads', () => {
  it('nests a reply under its parent', async () => {
    const alice = new Reader(t.app);
    const bob = new Reader(t.app);
    const top = await alice.comment('bridge-reopens', 'Top of a thread', { name: 'Alice' });
    const reply = await bob.comment('bridge-reopens', 'A reply', { name: 'Bob', parent_id: String(top) });
    const row = await t.ctx.database.db.selectFrom('comments').selectAll().where('id', '=', reply).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ parent_id: top, root_id: top, depth: 1, reply_to_id: top });
    expect(row.path).toBe(`${String(top).padStart(10, '0')}${String(reply).padStart(10, '0')}`);
    const html = (await anonymous('/articles/bridge-reopens?sort=oldest')).body;
    const thread = html.slice(html.indexOf(`id="comment-${top}"`));
    expect(thread.indexOf('<ol class="comment-replies">')).toBeLessThan(thread.indexOf(`id="comment-${reply}"`));
  });

  it('attaches a reply past the maximum depth at the deepest level, "in reply to" its parent', async () => {
    const names = ['L0', 'L1', 'L2', 'L3', 'L4'];
    let parent = '';
    const ids: number[] = [];
    for (const name of names) {
      ids.push(await new Reader(t.app).comment('bridge-reopens', `Level ${name}`, { name, parent_id: parent }));
      parent = String(ids[ids.length - 1]);
    }
    const deepest = ids[4] as number;
    const past = await new Reader(t.app).comment('bridge-reopens', 'Past the last level', { name: 'Deep', parent_id: String(deepest) });
    const row = await t.ctx.database.db.selectFrom('comments').selectAll().where('id', '=', past).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ depth: 4, parent_id: ids[3], reply_to_id: deepest, reply_to_name: 'L4' });
    const location = (await anonymous(`/articles/bridge-reopens/comments/${past}`)).headers.location as string;
    const html = (await anonymous(location.split('#')[0] as string)).body;
    expect(html).toContain(`in reply to <a href="#comment-${deepest}"><bdi>L4</bdi></a>`);
    expect(commentIds(html)).toContain(past);
  });
});

describe('flooding', () => {
  it('limits posts per identity, with Retry-After, keeping the text', async () => {
    const reader = new Reader(t.app);
    for (let i = 0; i < 5; i++) await reader.comment('bridge-reopens', `Flood ${i}`);
    const res = await reader.post('/articles/bridge-reopens/comments', { body: 'One too many', name: 'Olena' });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toContain('Too many requests.');
    expect(res.body).toContain('One too many');
    const api = await reader.request('POST', '/api/v1/articles/bridge-reopens/comments', { json: { body: 'x', name: 'Olena' } });
    expect(api.statusCode).toBe(429);
    expect(api.json().error.code).toBe('rate_limited');
    expect(api.headers['retry-after']).toBeDefined();
  });

  it('limits posts per IP address across identities', async () => {
    const ip = '192.0.2.77';
    let limited = 0;
    for (let r = 0; r < 7; r++) {
      const reader = new Reader(t.app, ip);
      for (let i = 0; i < 5; i++) {
        const res = await reader.post('/articles/bridge-reopens/comments', { body: `Crowd ${r}-${i}`, name: `Crowd ${r}` });
        if (res.statusCode === 429) limited++;
      }
    }
    expect(limited).toBe(5);
  });

  it('limits votes per identity', async () => {
    const target = await seedComment(t.ctx, { articleId: article.id });
    const reader = new Reader(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await reader.request('POST', `/api/v1/comments/${target.id}/vote`, { json: { value: i % 2 ? 'none' : 'up' } })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

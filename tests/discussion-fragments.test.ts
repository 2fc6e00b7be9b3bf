import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader, seedComment } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

/**
 * What the discussion's script asks the server for: parts of the page rendered by the page's own
 * components (`?fragment=…`), instead of redirects and whole documents. Browser tests cover the
 * script itself (tests/e2e/discussion.test.ts).
 */

let t: TestApp;
let article: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  article = await makeArticle(t.ctx, { slug: 'fragments' });
});
afterAll(() => t.cleanup());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const rows = async (body: string) =>
  Number((await t.ctx.database.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('body_md', '=', body).executeTakeFirstOrThrow()).n);

describe('discussion fragments for scripts', () => {
  it('serves the discussion section alone, in any sort, from the shared cache', async () => {
    const first = await seedComment(t.ctx, { articleId: article.id, body: 'First of all' });
    const res = await anonymous('/articles/fragments?sort=oldest&fragment=discussion');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-cache']).toBe('miss');
    expect(res.body).toMatch(/^<section id="comments" class="discussion"[^>]* data-slug="fragments" data-sort="oldest"/);
    expect(res.body).not.toContain('<html');
    expect(res.body).toContain(`<article id="comment-${first.id}"`);
    // What the script needs to make the shared page personal and to word "N new comments".
    expect(res.body).toContain('data-new-label="{count, plural, one {# new comment} other {# new comments}}"');
    expect(res.body).toContain('data-votes-label="{up} up, {down} down"');
    expect(res.body).toMatch(/<template data-owner-controls="true"><a class="comment-edit" href="\/comments\/0\/edit">Edit<\/a><form class="comment-delete" method="post" action="\/comments\/0\/delete">/);
    expect((await anonymous('/articles/fragments?sort=oldest&fragment=discussion')).headers['x-cache']).toBe('hit');
    expect(res.headers['set-cookie']).toBeUndefined();
    // The form alone, replying to a comment.
    const form = await anonymous(`/articles/fragments?fragment=form&replyto=${first.id}`);
    expect(form.body).toMatch(/^<form id="comment-form"/);
    expect(form.body).toContain('<h3 id="comment-form-heading">Reply to Reader</h3>');
    expect(form.body).toContain(`name="parent_id" value="${first.id}"`);
    // The whole page still loads the island, once.
    const page = (await anonymous('/articles/fragments')).body;
    expect(page.match(/<script type="module" src="\/assets\/discussion\.[0-9a-f]+\.js">/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('answers a post with the new comment as page items, personal, and a repeat with the same one', async () => {
    const reader = new Reader(t.app);
    const body = `Posted by script ${Date.now()}`;
    const form = { body, name: 'Scripted', email: '', parent_id: '', idempotency_key: 'key-0001-abcdef' };
    const res = await reader.request('POST', '/articles/fragments/comments?fragment=1&sort=newest', { form });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['set-cookie'])).toMatch(/^outpost_guest=/);
    const id = Number(/<article id="comment-(\d+)"/.exec(res.body)?.[1]);
    expect(res.body).toMatch(/^<ol class="comment-list" data-heading="\d+ comments?"><li class="comment-thread"><article id="comment-\d+" class="comment comment-mine"/);
    expect(res.body).toContain(`<a class="comment-edit" href="/comments/${id}/edit">Edit</a>`);
    expect(res.body).toContain(`action="/comments/${id}/delete"`);
    expect(res.body).toMatch(/value="up" class="vote-up" aria-pressed="false" disabled>/);
    // A double click or a retry (same key): the same comment, nothing new.
    const again = await reader.request('POST', '/articles/fragments/comments?fragment=1', { form });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(`<article id="comment-${id}"`);
    expect(await rows(body)).toBe(1);

    // A reply says where it hangs.
    const replied = await new Reader(t.app).request('POST', '/articles/fragments/comments?fragment=1', { form: { body: 'A scripted reply', name: 'Other', parent_id: String(id) } });
    expect(replied.statusCode).toBe(201);
    expect(replied.body).toContain(`data-parent-id="${id}" data-depth="1"`);
  });

  it('refuses a post with the form again, as a fragment, keeping what was typed', async () => {
    const res = await new Reader(t.app).request('POST', '/articles/fragments/comments?fragment=1', { form: { body: '   ', name: 'Kept', email: 'not-an-email', idempotency_key: 'key-0002-abcdef' } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/^<form id="comment-form"/);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('Write a comment before posting.');
    expect(res.body).toContain('value="Kept"');
    expect(res.body).toContain('value="key-0002-abcdef"');
  });

  it('votes, edits and deletes in place', async () => {
    const target = await seedComment(t.ctx, { articleId: article.id, body: 'Vote here' });
    const author = new Reader(t.app);
    const voter = new Reader(t.app);
    const voted = await voter.request('POST', `/comments/${target.id}/vote?fragment=1`, { form: { vote: 'up', back: '/articles/fragments?sort=best' } });
    expect(voted.statusCode).toBe(200);
    expect(voted.body).toMatch(/^<form class="comment-vote" method="post" action="\/comments\/\d+\/vote"><input type="hidden" name="back" value="\/articles\/fragments\?sort=best"\/>/);
    expect(voted.body).toContain('value="up" class="vote-up" aria-pressed="true"');
    expect(voted.body).toContain('title="1 up, 0 down"');

    const id = await author.comment('fragments', 'Typo here');
    const editForm = await author.get(`/comments/${id}/edit?fragment=1`);
    expect(editForm.statusCode).toBe(200);
    expect(editForm.body).toMatch(/^<form class="comment-form comment-edit-form" method="post" action="\/comments\/\d+\/edit" data-edit-form="\d+">/);
    expect(editForm.body).toContain(`<label for="edit-body-${id}">Comment</label>`);
    expect(editForm.body).toContain('data-edit-cancel="true">Cancel</a>');
    expect((await voter.get(`/comments/${id}/edit?fragment=1`)).statusCode).toBe(403);
    const bad = await author.post(`/comments/${id}/edit?fragment=1`, { body: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Write a comment before posting.');
    const saved = await author.post(`/comments/${id}/edit?fragment=1`, { body: 'Typo *fixed*' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('<em>fixed</em>');
    expect(saved.body).toContain('<span class="comment-edited"> (edited)</span>');

    // Deleted without replies: gone (an empty list with the new heading)…
    const gone = await author.post(`/comments/${id}/delete?fragment=1`, { back: '/articles/fragments' });
    expect(gone.statusCode).toBe(200);
    expect(gone.body).toMatch(/^<ol class="comment-list" data-heading="\d+ comments?"><\/ol>$/);
    // …with replies: the placeholder that holds the thread.
    const held = await author.comment('fragments', 'I will have a reply');
    await new Reader(t.app).comment('fragments', 'The reply', { parent_id: String(held) });
    const placeholder = await author.post(`/comments/${held}/delete?fragment=1`, {});
    expect(placeholder.body).toContain(`<article id="comment-${held}" class="comment comment-deleted"`);
    expect(placeholder.body).toContain('Comment deleted');
  });

  it('sends comments by id for live readers, only those shown, in the order asked, cached when anonymous', async () => {
    const a = await seedComment(t.ctx, { articleId: article.id, body: 'Live A' });
    const b = await seedComment(t.ctx, { articleId: article.id, body: 'Live B' });
    const other = await makeArticle(t.ctx, { slug: 'elsewhere' });
    const foreign = await seedComment(t.ctx, { articleId: other.id, body: 'Not here' });
    const url = `/articles/fragments/comments/fragments?ids=${b.id},${a.id},${foreign.id},999999&sort=oldest`;
    const res = await anonymous(url);
    expect(res.statusCode).toBe(200);
    expect([...res.body.matchAll(/<article id="comment-(\d+)"/g)].map((m) => Number(m[1]))).toEqual([b.id, a.id]);
    expect(res.body).not.toContain('comment-mine');
    expect((await anonymous(url)).headers['x-cache']).toBe('hit');
    expect((await anonymous('/articles/fragments/comments/fragments?ids=1;drop')).statusCode).toBe(400);
    // The author's own request is personal.
    const author = new Reader(t.app);
    const mine = await author.comment('fragments', 'Mine, live');
    expect((await author.get(`/articles/fragments/comments/fragments?ids=${mine}`)).body).toContain('comment-mine');
  });
});

describe('live discussion events over a real connection', () => {
  it('replays a comment event a reconnecting reader missed (Last-Event-ID)', async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const read = async (headers: Record<string, string>, until: (text: string) => boolean) => {
      const controller = new AbortController();
      const res = await fetch(`${base}/events?topics=article:${article.id}`, { headers, signal: controller.signal });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const deadline = Date.now() + 5000;
      while (!until(text) && Date.now() < deadline) {
        const { value, done } = await Promise.race([reader.read(), new Promise<{ value: undefined; done: true }>((r) => setTimeout(() => r({ value: undefined, done: true }), 200))]);
        if (value) text += new TextDecoder().decode(value);
        if (done && !value && Date.now() >= deadline) break;
      }
      controller.abort();
      return text;
    };
    // A reader connected: it gets the first comment's event and its id.
    const first = read({}, (text) => text.includes('event: comment'));
    for (let i = 0; i < 50 && t.app.live.connections === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const one = await new Reader(t.app).comment('fragments', 'Heard live');
    const seen = await first;
    expect(seen).toContain(`"commentId":${one}`);
    const lastId = /id: (\S+)\nevent: comment/.exec(seen)?.[1] ?? '';
    for (let i = 0; i < 50 && t.app.live.connections > 0; i++) await new Promise((r) => setTimeout(r, 10));
    // While it is away, another comment and a vote.
    const two = await new Reader(t.app).comment('fragments', 'Missed while away');
    await new Reader(t.app).request('POST', `/api/v1/comments/${one}/vote`, { json: { value: 'up' } });
    const replayed = await read({ 'last-event-id': lastId }, (text) => text.includes('event: votes'));
    expect(replayed).toContain(`"action":"created","commentId":${two}`);
    expect(replayed).toMatch(new RegExp(`event: votes\\ndata: \\{"topic":"article:${article.id}","commentId":${one},"upvotes":1`));
    expect(replayed).not.toContain(`"commentId":${one},"rootId"`);
  });
});

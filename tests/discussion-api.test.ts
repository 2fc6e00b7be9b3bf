import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader } from './support/discussion.js';
import { makeArticle } from './support/factories.js';
import { passageJson, selectPassage, textOf } from './support/feedback.js';

let t: TestApp;
let apiArticle: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  apiArticle = await makeArticle(t.ctx, { slug: 'api-article' });
});
afterAll(() => t.cleanup());

describe('discussion API', () => {
  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/articles/{slug}/comments'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/api/v1/comments/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(Object.keys(paths['/api/v1/comments/{id}/vote'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/v1/articles/{slug}/me'] ?? {})).toEqual(['get']);
  });

  it('gives each comment its passage: state, quote and the W3C selectors, or null', async () => {
    const text = await textOf(t.ctx, apiArticle.id);
    const words = text.trim().split(/\s+/).slice(0, 3).join(' ');
    const selector = await selectPassage(t.ctx, apiArticle.id, words);
    const reader = new Reader(t.app);
    const created = await reader.request('POST', '/api/v1/articles/api-article/comments', { json: { body: 'On these words', name: 'Quoter', passage: passageJson(selector) } });
    expect(created.statusCode).toBe(201);
    const passage = {
      state: 'anchored',
      quote: words,
      selectors: [
        { type: 'TextQuoteSelector', exact: words, prefix: selector.quote.prefix, suffix: selector.quote.suffix },
        { type: 'TextPositionSelector', start: selector.position.start, end: selector.position.end },
      ],
    };
    expect(created.json().passage).toEqual(passage);
    const id = created.json().id as number;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/comments/${id}` })).json().passage).toEqual(passage);
    const plain = (await reader.request('POST', '/api/v1/articles/api-article/comments', { json: { body: 'Just a remark', name: 'Quoter' } })).json();
    expect(plain.passage).toBeNull();
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/articles/api-article/comments?sort=oldest' })).json().items as Array<{ id: number; passage: unknown }>;
    expect(items.find((c) => c.id === id)?.passage).toEqual(passage);
    expect(items.find((c) => c.id === plain.id)?.passage).toBeNull();
    expect((await reader.request('PATCH', `/api/v1/comments/${id}`, { json: { body: 'On these very words' } })).json().passage).toEqual(passage);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(JSON.stringify(doc)).toContain('TextPositionSelector');
    for (const c of [id, plain.id]) expect((await reader.request('DELETE', `/api/v1/comments/${c}`)).statusCode).toBe(204);
  });

  it('creates, reads, lists, edits, votes on and deletes comments', async () => {
    const alice = new Reader(t.app);
    const bob = new Reader(t.app);
    const created = await alice.request('POST', '/api/v1/articles/api-article/comments', { json: { body: 'Hello **API**', name: 'Alice', email: 'alice@example.org' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['set-cookie']).toMatch(/^outpost_guest=/);
    const comment = created.json();
    expect(comment).toMatchObject({ authorName: 'Alice', bodyHtml: '<p>Hello <strong>API</strong></p>', depth: 0, parentId: null, status: 'published', score: 0 });
    expect(comment).not.toHaveProperty('email');
    expect(JSON.stringify(comment)).not.toContain('alice@example.org');
    const reply = (await bob.request('POST', '/api/v1/articles/api-article/comments', { json: { body: 'Hi Alice', name: 'Bob', parentId: comment.id } })).json();
    expect(reply).toMatchObject({ parentId: comment.id, rootId: comment.id, depth: 1, replyToName: 'Alice' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/comments/${reply.id}` })).json()).toMatchObject({ id: reply.id, url: `http://outpost.test/articles/api-article/comments/${reply.id}` });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/articles/api-article/comments?sort=oldest' })).json();
    expect(list).toMatchObject({ sort: 'oldest', total: 2, next: null });
    expect(list.items.map((c: { id: number; depth: number; replyCount: number; hiddenReplies: number }) => [c.id, c.depth, c.replyCount, c.hiddenReplies])).toEqual([
      [comment.id, 0, 1, 0],
      [reply.id, 1, 0, 0],
    ]);
    expect((await bob.request('POST', `/api/v1/comments/${comment.id}/vote`, { json: { value: 'up' } })).json()).toMatchObject({ value: 'up', score: 1 });
    expect((await alice.request('PATCH', `/api/v1/comments/${comment.id}`, { json: { body: 'Hello, API' } })).json()).toMatchObject({ bodyHtml: '<p>Hello, API</p>', score: 1 });
    const me = (await alice.get('/api/v1/articles/api-article/me')).json();
    expect(me).toMatchObject({ identity: 'guest', commentIds: [comment.id], votes: [] });
    expect((await bob.get('/api/v1/articles/api-article/me')).json()).toMatchObject({ commentIds: [reply.id], votes: [{ commentId: comment.id, value: 'up' }] });
    expect((await alice.request('DELETE', `/api/v1/comments/${comment.id}`)).statusCode).toBe(204);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/comments/${comment.id}` })).json();
    expect(after).toMatchObject({ status: 'deleted', authorName: '', bodyHtml: '' });
  });

  it('answers readers it does not know yet, and API clients without cookies', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/articles/api-article/me' });
    expect(me.json()).toEqual({ identity: null, commentIds: [], editable: [], votes: [], moderation: [] });
    expect(me.headers['cache-control']).toBe('private, no-store');
    // A non-browser client (no Origin, no cookie) may post.
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/articles/api-article/comments', payload: { body: 'From a script', name: 'Bot' }, remoteAddress: '198.51.100.9' });
    expect(res.statusCode).toBe(201);
  });

  it('answers errors as JSON with a code, a message and the fields', async () => {
    const reader = new Reader(t.app);
    const invalid = await reader.request('POST', '/api/v1/articles/api-article/comments', { json: { body: '', name: '' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toEqual({
      error: {
        code: 'comment_invalid',
        message: 'Your comment could not be posted. Please correct the fields marked below.',
        fields: { body: 'Write a comment before posting.', name: 'Enter your name.' },
      },
    });
    const missing = await reader.request('POST', '/api/v1/articles/no-such-article/comments', { json: { body: 'x', name: 'y' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await reader.request('POST', '/api/v1/comments/1/vote', { json: { value: 'sideways' } })).json().error).toMatchObject({ code: 'bad_request' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/comments/99999999' })).json()).toEqual({ error: { code: 'comment_not_found', message: 'There is no such comment.' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/articles/api-article/comments?after=zzz' })).json().error.code).toBe('comment_cursor_invalid');
  });
});

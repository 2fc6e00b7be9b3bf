import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountDiscussionCounters } from '../src/features/discussion/recount-counters.js';
import { reviewComments } from '../src/features/moderation/review-comments.js';
import { makeUser } from './support/accounts.js';
import { wilsonLowerBound } from '../src/features/discussion/wilson.js';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader, seedComment } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;
let article: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  article = await makeArticle(t.ctx, { slug: 'vote-here' });
});
afterAll(() => t.cleanup());

const counters = (id: number) => t.ctx.database.db.selectFrom('comments').select(['upvotes', 'downvotes', 'score', 'wilson', 'reply_count']).where('id', '=', id).executeTakeFirstOrThrow();
const vote = (reader: Reader, id: number, value: 'up' | 'down' | 'none') => reader.request('POST', `/api/v1/comments/${id}/vote`, { json: { value } });

describe('votes', () => {
  it('votes up and down with form buttons, returning to the page, and pressing again takes the vote back', async () => {
    const target = await seedComment(t.ctx, { articleId: article.id, body: 'Vote on me' });
    const page = (await t.app.inject({ method: 'GET', url: '/articles/vote-here' })).body;
    const form = page.slice(page.indexOf(`action="/comments/${target.id}/vote"`));
    expect(form).toMatch(/^[\s\S]*?<button type="submit" name="vote" value="up"[^>]*>[\s\S]*?<span class="visually-hidden">Vote up<\/span><\/button>/);
    expect(form).toMatch(/<button type="submit" name="vote" value="down"[^>]*>[\s\S]*?<span class="visually-hidden">Vote down<\/span><\/button>/);
    const reader = new Reader(t.app);
    const res = await reader.post(`/comments/${target.id}/vote`, { vote: 'up', back: '/articles/vote-here?sort=best' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/articles/vote-here?sort=best#comment-${target.id}`);
    expect(await counters(target.id)).toMatchObject({ upvotes: 1, downvotes: 0, score: 1 });
    // The shared page shows the new count at once (the vote invalidated it).
    expect((await t.app.inject({ method: 'GET', url: '/articles/vote-here' })).body).toContain('title="1 up, 0 down"');
    // The reader's own page shows their vote as pressed.
    const own = (await reader.get('/articles/vote-here')).body;
    expect(own.slice(own.indexOf(`action="/comments/${target.id}/vote"`))).toMatch(/value="up" class="vote-up" aria-pressed="true"/);
    await reader.post(`/comments/${target.id}/vote`, { vote: 'down' });
    expect(await counters(target.id)).toMatchObject({ upvotes: 0, downvotes: 1, score: -1 });
    await reader.post(`/comments/${target.id}/vote`, { vote: 'down' });
    expect(await counters(target.id)).toMatchObject({ upvotes: 0, downvotes: 0, score: 0 });
    // An address elsewhere is never a place to come back to.
    const elsewhere = await reader.post(`/comments/${target.id}/vote`, { vote: 'up', back: 'https://evil.example/' });
    expect(elsewhere.headers.location).toBe(`/articles/vote-here#comment-${target.id}`);
  });

  it('counts one vote per identity, changeable and removable, and keeps the Wilson score', async () => {
    const target = await seedComment(t.ctx, { articleId: article.id });
    const [a, b, c] = [new Reader(t.app), new Reader(t.app), new Reader(t.app)];
    expect((await vote(a, target.id, 'up')).json()).toEqual({ commentId: target.id, value: 'up', upvotes: 1, downvotes: 0, score: 1 });
    expect((await vote(a, target.id, 'up')).json()).toMatchObject({ value: 'up', upvotes: 1 });
    await vote(b, target.id, 'up');
    await vote(c, target.id, 'down');
    expect(await counters(target.id)).toMatchObject({ upvotes: 2, downvotes: 1, score: 1 });
    expect(Number((await counters(target.id)).wilson)).toBeCloseTo(wilsonLowerBound(2, 1), 12);
    expect((await vote(c, target.id, 'up')).json()).toMatchObject({ value: 'up', upvotes: 3, downvotes: 0, score: 3 });
    expect((await vote(a, target.id, 'none')).json()).toMatchObject({ value: 'none', upvotes: 2, downvotes: 0, score: 2 });
    expect(Number((await counters(target.id)).wilson)).toBeCloseTo(wilsonLowerBound(2, 0), 12);
    const events: unknown[] = [];
    const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
    await vote(b, target.id, 'down');
    unsubscribe();
    expect(events).toContainEqual(expect.objectContaining({ type: 'live', topic: `article:${article.id}`, event: 'votes', data: { commentId: target.id, upvotes: 1, downvotes: 1, score: 0 } }));
    await vote(b, target.id, 'up');
    const rows = await t.ctx.database.db.selectFrom('comment_votes').select(['voter', 'value']).where('comment_id', '=', target.id).orderBy('voter').execute();
    expect(rows).toHaveLength(2);
    // "Which of these are mine" for the page's scripts.
    const me = (await c.get('/api/v1/articles/vote-here/me')).json();
    expect(me).toMatchObject({ identity: 'guest', votes: [{ commentId: target.id, value: 'up' }] });
  });

  it('refuses a vote on your own comment', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('vote-here', 'My own words');
    const res = await author.post(`/comments/${id}/vote`, { vote: 'up' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You cannot vote on your own comment.');
    expect((await vote(author, id, 'up')).json()).toEqual({ error: { code: 'vote_own_comment', message: 'You cannot vote on your own comment.' } });
    expect(await counters(id)).toMatchObject({ upvotes: 0, score: 0 });
  });

  it('refuses votes on missing and deleted comments, and in closed discussions', async () => {
    const reader = new Reader(t.app);
    const missing = await vote(reader, 99_999_999, 'up');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'comment_not_found', message: 'There is no such comment.' });
    expect((await reader.post('/comments/99999999/vote', { vote: 'up' })).statusCode).toBe(404);
    const author = new Reader(t.app);
    const id = await author.comment('vote-here', 'Going away');
    await author.post(`/comments/${id}/delete`, {});
    expect((await vote(reader, id, 'up')).json().error.code).toBe('comment_deleted');
    const closed = await makeArticle(t.ctx, { slug: 'closed-votes', commentsOpen: true });
    const old = await seedComment(t.ctx, { articleId: closed.id });
    await t.ctx.database.db.updateTable('articles').set({ comments_open: 0 }).where('id', '=', closed.id).execute();
    const res = await vote(reader, old.id, 'up');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('discussion_closed');
    expect((await reader.post(`/comments/${old.id}/vote`, { vote: 'sideways' })).statusCode).toBe(400);
  });
});

describe('counters', () => {
  it('refuses votes on comments the voter cannot see: held, rejected, spam or shadowed', async () => {
    const mod = { id: (await makeUser(t.ctx, 'moderator', { name: 'Vote Moderator' })).id, name: 'Vote Moderator' };
    const setStatus = (id: number, status: 'pending' | 'shadow') => t.ctx.database.db.updateTable('comments').set({ status }).where('id', '=', id).execute();
    const held = await seedComment(t.ctx, { articleId: article.id, body: 'Held for review, for now.' });
    const shadow = await seedComment(t.ctx, { articleId: article.id, body: 'Shadowed words.' });
    const rejected = await seedComment(t.ctx, { articleId: article.id, body: 'Rejected words.' });
    const spam = await seedComment(t.ctx, { articleId: article.id, body: 'Spam words.' });
    // Statuses as moderation sets them (held and shadow are decided when posting; set here directly, then counted again).
    await setStatus(held.id, 'pending');
    await setStatus(shadow.id, 'shadow');
    await reviewComments(t.ctx, { actor: mod, commentIds: [rejected.id], action: 'reject' });
    await reviewComments(t.ctx, { actor: mod, commentIds: [spam.id], action: 'spam' });
    await recountDiscussionCounters(t.ctx, article.id);
    const voter = new Reader(t.app);
    for (const id of [held.id, shadow.id, rejected.id, spam.id]) {
      const res = await vote(voter, id, 'up');
      expect(res.statusCode, String(id)).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'comment_not_found', message: 'There is no such comment.' });
      expect((await voter.post(`/comments/${id}/vote`, { vote: 'up' })).statusCode).toBe(404);
      expect(await counters(id)).toMatchObject({ upvotes: 0, downvotes: 0, score: 0 });
    }
    // A removed comment kept as a placeholder for its replies cannot be voted on either.
    const parent = await seedComment(t.ctx, { articleId: article.id, body: 'Soon removed, with a reply.' });
    await seedComment(t.ctx, { articleId: article.id, parentId: parent.id, body: 'A reply that holds it.' });
    await reviewComments(t.ctx, { actor: mod, commentIds: [parent.id], action: 'reject' });
    const placeholder = await vote(voter, parent.id, 'up');
    expect(placeholder.statusCode).toBe(409);
    expect(placeholder.json().error.code).toBe('comment_deleted');
  });

  it('recounts every cached counter from the rows', async () => {
    const other = await makeArticle(t.ctx, { slug: 'recount-me' });
    const root = await seedComment(t.ctx, { articleId: other.id });
    const reply = await seedComment(t.ctx, { articleId: other.id, parentId: root.id });
    const voter = new Reader(t.app);
    await vote(voter, root.id, 'up');
    await vote(voter, reply.id, 'down');
    const good = await Promise.all([counters(root.id), counters(reply.id)]);
    // Drift every cache…
    await t.ctx.database.db.updateTable('comments').set({ upvotes: 7, downvotes: 3, score: 9, wilson: 0.9, reply_count: 5 }).where('article_id', '=', other.id).execute();
    await t.ctx.database.db.updateTable('articles').set({ comments_count: 42 }).where('id', '=', other.id).execute();
    // …and rebuild them.
    expect(await recountDiscussionCounters(t.ctx, other.id)).toEqual({ commentsFixed: 2 });
    expect(await Promise.all([counters(root.id), counters(reply.id)])).toEqual(good);
    expect(good[0]).toMatchObject({ upvotes: 1, score: 1, reply_count: 1 });
    const count = await t.ctx.database.db.selectFrom('articles').select('comments_count').where('id', '=', other.id).executeTakeFirstOrThrow();
    expect(count.comments_count).toBe(2);
    expect(await recountDiscussionCounters(t.ctx)).toEqual({ commentsFixed: 0 });
  });
});

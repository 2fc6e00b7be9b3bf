import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountDiscussionCounters } from '../src/features/discussion/recount-counters.js';
import { freshIp, linkInMail, makeUser, ORIGIN, PASSWORD, postForm, sessionCookieFrom } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader, seedComment } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;
let article: { id: number; slug: string };

beforeAll(async () => {
  t = await createTestApp();
  article = await makeArticle(t.ctx, { slug: 'claims' });
});
afterAll(() => t.cleanup());

const row = (id: number) =>
  t.ctx.database.db.selectFrom('comments').select(['author_user_id', 'guest_id', 'author_name', 'upvotes', 'downvotes', 'score', 'idempotency_key']).where('id', '=', id).executeTakeFirstOrThrow();
const votesOf = (voter: string) => t.ctx.database.db.selectFrom('comment_votes').select(['comment_id', 'value']).where('voter', '=', voter).orderBy('comment_id').execute();

/** A request carrying both a session and (optionally) a guest cookie, from our origin. */
function asUser(session: string, method: 'GET' | 'POST', url: string, json?: unknown, guestCookie?: string | null): Promise<LightMyRequestResponse> {
  const cookie = [`outpost_session=${session}`, guestCookie].filter(Boolean).join('; ');
  return t.app.inject({
    method,
    url,
    remoteAddress: freshIp(),
    headers: { origin: ORIGIN, cookie, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: json === undefined ? undefined : JSON.stringify(json),
  });
}

function clearsGuestCookie(res: LightMyRequestResponse): boolean {
  const cookies = [res.headers['set-cookie'] ?? []].flat();
  return cookies.some((c) => /^outpost_guest=;/.test(c) && /(Max-Age=0|Expires=Thu, 01 Jan 1970)/.test(c));
}

describe('signing in claims the guest identity', () => {
  it('moves comments and votes to the account in the sign-in, merging votes without double counting', async () => {
    const user = await makeUser(t.ctx, 'editor', { name: 'Marta Editor' });
    const guest = new Reader(t.app);
    const mine = await guest.comment('claims', 'Posted before signing in', { idempotency_key: 'shared-key-123' });
    const others = [await seedComment(t.ctx, { articleId: article.id }), await seedComment(t.ctx, { articleId: article.id })];
    const [x, y] = others;
    if (!x || !y) throw new Error('no seed');
    // The account, elsewhere, already has a comment with the same idempotency key, voted on y and on the guest's comment…
    const signedIn = sessionCookieFrom(await postForm(t.app, '/signin', { email: user.email, password: PASSWORD }, { ip: freshIp() }));
    if (!signedIn) throw new Error('no session');
    const own = await asUser(signedIn, 'POST', '/api/v1/articles/claims/comments', { body: 'The account’s own', idempotencyKey: 'shared-key-123' });
    expect(own.statusCode).toBe(201);
    const ownId = own.json().id as number;
    expect((await asUser(signedIn, 'POST', `/api/v1/comments/${y.id}/vote`, { value: 'up' })).statusCode).toBe(200);
    expect((await asUser(signedIn, 'POST', `/api/v1/comments/${mine}/vote`, { value: 'down' })).statusCode).toBe(200);
    // …and the guest voted on x, on y (both voted there), and on the account's own comment.
    for (const [id, value] of [
      [x.id, 'up'],
      [y.id, 'down'],
      [ownId, 'up'],
    ] as const) {
      expect((await guest.request('POST', `/api/v1/comments/${id}/vote`, { json: { value } })).statusCode).toBe(200);
    }
    expect(await row(y.id)).toMatchObject({ upvotes: 1, downvotes: 1, score: 0 });
    expect(await row(mine)).toMatchObject({ downvotes: 1 });
    const guestId = (await row(mine)).guest_id as number;

    // Signing in with the guest cookie in the browser.
    const res = await postForm(t.app, '/signin', { email: user.email, password: PASSWORD }, { ip: freshIp(), headers: { cookie: guest.cookie ?? '' } });
    expect(res.statusCode).toBe(303);
    const session = sessionCookieFrom(res);
    if (!session) throw new Error('no session');
    expect(clearsGuestCookie(res)).toBe(true);

    // The comment is the account's now; its byline is what was published.
    expect(await row(mine)).toMatchObject({ author_user_id: user.id, guest_id: null, author_name: 'Olena', idempotency_key: null, upvotes: 0, downvotes: 0, score: 0 });
    expect((await row(ownId)).idempotency_key).toBe('shared-key-123');
    // One vote per identity: the account's stands on y, the guest's on x moved, none on one's own comments.
    expect(await votesOf(`guest:${guestId}`)).toEqual([]);
    expect(await votesOf(`user:${user.id}`)).toEqual(
      [
        { comment_id: x.id, value: 1 },
        { comment_id: y.id, value: 1 },
      ].sort((p, q) => p.comment_id - q.comment_id),
    );
    expect(await row(y.id)).toMatchObject({ upvotes: 1, downvotes: 0, score: 1 });
    expect(await row(ownId)).toMatchObject({ upvotes: 0, score: 0 });
    expect(await recountDiscussionCounters(t.ctx, article.id)).toEqual({ commentsFixed: 0 });

    // The account may now edit and delete it, and sees it as its own.
    const me = (await asUser(session, 'GET', '/api/v1/articles/claims/me')).json();
    expect(me).toMatchObject({ identity: 'user', commentIds: [mine, ownId] });
    expect(me.editable.map((e: { commentId: number }) => e.commentId)).toContain(mine);
    expect((await asUser(session, 'GET', '/articles/claims')).body).toContain(`action="/comments/${mine}/delete"`);
    // The old guest cookie owns nothing any more.
    const leftover = (await guest.get('/api/v1/articles/claims/me')).json();
    expect(leftover).toMatchObject({ identity: 'guest', commentIds: [], votes: [] });
    expect((await guest.request('POST', `/api/v1/comments/${mine}/vote`, { json: { value: 'up' } })).statusCode).toBe(200);
  });

  it('claims on every way in: a sign-in link too', async () => {
    const user = await makeUser(t.ctx, 'member', { name: 'Lina Link' });
    const guest = new Reader(t.app);
    const id = await guest.comment('claims', 'Before the link');
    await postForm(t.app, '/signin/link', { email: user.email }, { ip: freshIp() });
    const link = linkInMail(t.dataDir, user.email, '/signin/link/');
    const res = await postForm(t.app, link, {}, { ip: freshIp(), headers: { cookie: guest.cookie ?? '' } });
    expect(res.statusCode).toBe(303);
    expect(sessionCookieFrom(res)).toBeTruthy();
    expect(clearsGuestCookie(res)).toBe(true);
    expect(await row(id)).toMatchObject({ author_user_id: user.id, guest_id: null });
  });

  it('is the user, not the guest, whenever a session exists (resolveIdentity)', async () => {
    const user = await makeUser(t.ctx, 'editor', { name: 'Sam Session' });
    const session = sessionCookieFrom(await postForm(t.app, '/signin', { email: user.email, password: PASSWORD }, { ip: freshIp() }));
    if (!session) throw new Error('no session');
    // A guest cookie that arrived later (another tab posted as a guest before signing in there).
    const guest = new Reader(t.app);
    const guestComment = await guest.comment('claims', 'As a guest');
    const both = guest.cookie;
    expect((await asUser(session, 'GET', '/api/v1/articles/claims/me', undefined, both)).json()).toMatchObject({ identity: 'user', commentIds: [] });
    const posted = await asUser(session, 'POST', '/api/v1/articles/claims/comments', { body: 'With both cookies' }, both);
    expect(posted.statusCode).toBe(201);
    expect(await row(posted.json().id)).toMatchObject({ author_user_id: user.id, guest_id: null, author_name: 'Sam Session' });
    // The guest's comment is not the signed-in reader's to edit.
    expect((await asUser(session, 'POST', `/api/v1/comments/${guestComment}/vote`, { value: 'up' }, both)).statusCode).toBe(200);
  });
});

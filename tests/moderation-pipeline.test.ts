import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banIdentity } from '../src/features/moderation/ban-identity.js';
import { makeUser } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader } from './support/discussion.js';
import { makeArticle, makeAuthor } from './support/factories.js';
import { setModeration } from './support/moderation.js';

let t: TestApp;
let article: { id: number; slug: string };
let system: { id: number; name: string };

beforeAll(async () => {
  t = await createTestApp();
  const author = await makeAuthor(t.ctx, 'Ira Moderated');
  system = { id: (await makeUser(t.ctx, 'moderator', { name: 'Mo Derator' })).id, name: 'Mo Derator' };
  article = await makeArticle(t.ctx, { title: 'A heated report', slug: 'heated', authorIds: [author.id] });
  // The tests post fast from the same readers; the pace rule is not what they are about.
  await setModeration(t.ctx, { tooFast: { action: 'off' } });
});
afterAll(() => t.cleanup());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const row = (id: number) => t.ctx.database.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const commentCount = async () => Number((await t.ctx.database.db.selectFrom('articles').select('comments_count').where('id', '=', article.id).executeTakeFirstOrThrow()).comments_count);

/** Post through the HTML form; the comment's id and where the reader lands. */
async function post(reader: Reader, body: string, extra: Record<string, string> = {}) {
  const res = await reader.post(`/articles/${article.slug}/comments`, { body, name: 'Olena', email: '', parent_id: '', idempotency_key: '', ...extra });
  const location = String(res.headers.location ?? '');
  const id = Number(/#comment-(\d+)$/.exec(location)?.[1]);
  if (res.statusCode !== 303 || !id) throw new Error(`posting failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { id, location };
}

describe('held comments', () => {
  it('holds a suspect word however it is disguised, and shows the comment to its author alone, “Awaiting moderation”', async () => {
    const before = await commentCount();
    const author = new Reader(t.app);
    const { id, location } = await post(author, 'Whoever wrote this is an id1ot.');
    expect(location).toBe(`/articles/heated#comment-${id}`);
    const stored = await row(id);
    expect(stored.status).toBe('pending');
    expect(JSON.parse(stored.flags)).toContainEqual(expect.objectContaining({ rule: 'suspect-words', action: 'hold', reason: 'suspect_words', detail: 'idiot' }));
    expect(await commentCount()).toBe(before);

    // The author, on their own (uncached) page and through /me.
    const mine = await author.get('/articles/heated');
    expect(mine.body).toContain('Whoever wrote this is an id1ot.');
    expect(mine.body).toContain('Awaiting moderation');
    const me = (await author.get('/api/v1/articles/heated/me')).json();
    expect(me.moderation).toEqual([{ commentId: id, state: 'pending', reasons: [], note: null, appeal: null, appealUrl: null }]);

    // Nobody else: not on the shared page, not to another reader, not in the API, not counted.
    for (const page of [await anonymous('/articles/heated'), await new Reader(t.app).get('/articles/heated')]) {
      expect(page.body).not.toContain('id1ot');
      expect(page.body).not.toContain('Awaiting moderation');
    }
    const api = (await anonymous('/api/v1/articles/heated/comments')).json();
    expect(api.items.map((c: { id: number }) => c.id)).not.toContain(id);
    expect((await anonymous(`/api/v1/comments/${id}`)).statusCode).toBe(404);
  });

  it('tells an API client the comment is pending', async () => {
    const res = await new Reader(t.app).request('POST', '/api/v1/articles/heated/comments', { json: { body: 'THIS IS AN OUTRAGE AND EVERYONE SHOULD KNOW IT', name: 'Loud' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('pending');
  });

  it('holds first comments of new identities only when that rule is on', async () => {
    await setModeration(t.ctx, { firstComment: { action: 'hold' } });
    try {
      const reader = new Reader(t.app);
      const first = await post(reader, 'My very first comment here.');
      expect((await row(first.id)).status).toBe('pending');
    } finally {
      await setModeration(t.ctx, { firstComment: { action: 'off' } });
    }
    expect((await row((await post(new Reader(t.app), 'Another first comment.')).id)).status).toBe('published');
  });

  it('moderates an edited comment again', async () => {
    const reader = new Reader(t.app);
    const { id } = await post(reader, 'A calm and reasonable comment.');
    const before = await commentCount();
    const res = await reader.post(`/comments/${id}/edit`, { body: 'A calm comment, you moron.' });
    expect(res.statusCode).toBe(303);
    expect((await row(id)).status).toBe('pending');
    expect(await commentCount()).toBe(before - 1);
    expect((await anonymous('/articles/heated')).body).not.toContain('you moron');
  });
});

describe('rejected comments', () => {
  it('rejects a banned word, and tells the author why and how to appeal', async () => {
    await setModeration(t.ctx, { bannedWords: { words: ['scam', 'crap'] } });
    const reader = new Reader(t.app);
    const { id } = await post(reader, 'This whole thing is a sc4m and cr-p.');
    expect((await row(id)).status).toBe('rejected');
    const page = (await reader.get('/articles/heated')).body;
    expect(page).toContain('Not published');
    expect(page).toContain('It contains words this site does not allow.');
    expect(page).toContain(`href="/comments/${id}/appeal"`);
    expect((await anonymous('/articles/heated')).body).not.toContain('sc4m');
  });

  it('catches the honeypot field as spam', async () => {
    const { id } = await post(new Reader(t.app), 'Great article, visit my site.', { website: 'http://pills.example' });
    const stored = await row(id);
    expect(stored.status).toBe('spam');
    expect(JSON.parse(stored.flags)).toContainEqual(expect.objectContaining({ rule: 'honeypot', reason: 'honeypot' }));
  });

  it('renders the honeypot out of sight, out of the tab order, and never autofilled', async () => {
    const html = (await anonymous('/articles/heated')).body;
    expect(html).toMatch(/<div class="visually-hidden comment-hp" aria-hidden="true"><label for="comment-website">Leave this field empty<\/label><input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off" value\/><\/div>/);
  });
});

describe('bans', () => {
  it('rejects comments from a banned IPv4 range, IPv6 range, email domain and guest identity', async () => {
    await banIdentity(t.ctx, { actor: system, subjects: [{ kind: 'ip', subject: '10.250.0.0/16' }], mode: 'ban', days: null, reason: 'spam' });
    await banIdentity(t.ctx, { actor: system, subjects: [{ kind: 'ip', subject: '2001:db8::/32' }], mode: 'ban', days: null, reason: 'spam' });
    await banIdentity(t.ctx, { actor: system, subjects: [{ kind: 'email', subject: '@spam.example' }], mode: 'ban', days: null, reason: 'spam' });
    const v4 = await post(new Reader(t.app, '10.250.3.4'), 'Hello from a banned network.');
    expect((await row(v4.id)).status).toBe('rejected');
    expect(JSON.parse((await row(v4.id)).flags)).toContainEqual(expect.objectContaining({ reason: 'banned_ip' }));
    const v6 = await post(new Reader(t.app, '2001:db8::77'), 'Hello over IPv6.');
    expect(JSON.parse((await row(v6.id)).flags)).toContainEqual(expect.objectContaining({ reason: 'banned_ip' }));
    const email = await post(new Reader(t.app), 'Hello from a banned domain.', { email: 'someone@spam.example' });
    expect(JSON.parse((await row(email.id)).flags)).toContainEqual(expect.objectContaining({ reason: 'banned_email' }));
    const elsewhere = await post(new Reader(t.app, '10.251.0.1'), 'Hello from next door.', { email: 'someone@fine.example' });
    expect((await row(elsewhere.id)).status).toBe('published');
  });

  it('suspends a guest identity for a period, after which it may comment again', async () => {
    const reader = new Reader(t.app);
    const { id } = await post(reader, 'Before the suspension.');
    const guestId = (await row(id)).guest_id as number;
    await banIdentity(t.ctx, { actor: system, subjects: [{ kind: 'guest', subject: String(guestId) }], mode: 'ban', days: 1, reason: 'abuse' });
    const during = await post(reader, 'During the suspension.');
    expect((await row(during.id)).status).toBe('rejected');
    const page = (await reader.get('/articles/heated')).body;
    expect(page).toContain('You may not comment on this site at the moment.');
    t.clock.advance(86_400_000 + 1000);
    const after = await post(reader, 'After the suspension.');
    expect((await row(after.id)).status).toBe('published');
  });

  it('shadow-bans: the comments look published to their author, and nobody else sees them', async () => {
    const reader = new Reader(t.app);
    const { id: first } = await post(reader, 'Before the shadow-ban.');
    const guestId = (await row(first)).guest_id as number;
    await banIdentity(t.ctx, { actor: system, subjects: [{ kind: 'guest', subject: String(guestId) }], mode: 'shadow', days: null, reason: 'abuse' });
    const before = await commentCount();
    const { id } = await post(reader, 'Shouted into the void.');
    expect((await row(id)).status).toBe('shadow');
    expect(await commentCount()).toBe(before);
    const mine = (await reader.get('/articles/heated')).body;
    const item = mine.slice(mine.indexOf(`id="comment-${id}"`), mine.indexOf('</article>', mine.indexOf(`id="comment-${id}"`)));
    expect(item).toContain('Shouted into the void.');
    expect(item).not.toContain('Awaiting moderation');
    expect(item).not.toContain('Not published');
    expect(item).toContain('Vote up');
    expect((await anonymous('/articles/heated')).body).not.toContain('Shouted into the void.');
    expect((await new Reader(t.app).get('/articles/heated')).body).not.toContain('Shouted into the void.');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountDiscussionCounters } from '../src/features/discussion/recount-counters.js';
import { banIdentity } from '../src/features/moderation/ban-identity.js';
import { reviewComments } from '../src/features/moderation/review-comments.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { makeUser } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { commentIds, Reader } from './support/discussion.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await makeArticle(t.ctx, { slug: 'edits' });
});
afterAll(() => t.cleanup());

const anonymous = async (url = '/articles/edits?sort=oldest') => (await t.app.inject({ method: 'GET', url })).body;
const articleCount = async () =>
  (await t.ctx.database.db.selectFrom('articles').select('comments_count').where('slug', '=', 'edits').executeTakeFirstOrThrow()).comments_count;

describe('editing', () => {
  it('lets the author edit within the window, without JavaScript, and marks it "(edited)"', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Frist post');
    const own = (await author.get('/articles/edits')).body;
    expect(own).toContain(`<a class="comment-edit" href="/comments/${id}/edit">Edit</a>`);
    expect(await anonymous()).not.toContain(`/comments/${id}/edit`);
    const form = await author.get(`/comments/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('<label for="comment-body">Comment</label>');
    expect(form.body).toMatch(/<textarea[^>]*>Frist post<\/textarea>/);
    t.clock.advance(14 * 60_000);
    const res = await author.post(`/comments/${id}/edit`, { body: 'First post, *corrected*' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/articles/edits.*#comment-${id}$`));
    const html = await anonymous();
    expect(html).toContain('First post, <em>corrected</em>');
    expect(html).toContain('<span class="comment-edited"> (edited)</span>');
    const api = await author.request('PATCH', `/api/v1/comments/${id}`, { json: { body: 'Again' } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ id, bodyHtml: '<p>Again</p>', editedAt: expect.any(String) });
  });

  it('refuses edits after the window, which the site can change', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Set in stone');
    t.clock.advance(15 * 60_000 + 1000);
    const page = await author.get(`/comments/${id}/edit`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Comments can be edited for 15 minutes after posting; this one can no longer be changed.');
    expect((await author.post(`/comments/${id}/edit`, { body: 'Changed' })).statusCode).toBe(403);
    expect((await author.request('PATCH', `/api/v1/comments/${id}`, { json: { body: 'Changed' } })).json().error.code).toBe('comment_edit_window_closed');
    expect((await author.get('/articles/edits')).body).not.toContain(`/comments/${id}/edit`);
    await saveSiteSettings(t.ctx.database.db, { commentEditWindowMinutes: 30 });
    await t.ctx.reloadSettings();
    try {
      expect((await author.post(`/comments/${id}/edit`, { body: 'Changed after all' })).statusCode).toBe(303);
      const me = (await author.get('/api/v1/articles/edits/me')).json();
      expect(me.editable).toContainEqual({ commentId: id, until: expect.any(String) });
    } finally {
      await saveSiteSettings(t.ctx.database.db, { commentEditWindowMinutes: 15 });
      await t.ctx.reloadSettings();
    }
  });

  it("refuses to let anyone else edit or delete a comment", async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Mine alone');
    const stranger = new Reader(t.app);
    await stranger.comment('edits', 'I have a cookie too');
    for (const reader of [stranger, new Reader(t.app)]) {
      const edit = await reader.post(`/comments/${id}/edit`, { body: 'Hijacked' });
      expect(edit.statusCode).toBe(403);
      expect(edit.body).toContain('Only the author of this comment can change it.');
      expect((await reader.post(`/comments/${id}/delete`, {})).statusCode).toBe(403);
      expect((await reader.request('DELETE', `/api/v1/comments/${id}`)).json().error.code).toBe('comment_forbidden');
    }
    expect((await stranger.get(`/comments/${id}/edit`)).statusCode).toBe(403);
    expect(await anonymous()).toContain('Mine alone');
  });

  it('keeps the text when an edit is refused for bad input', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Short');
    const long = `${'y'.repeat(10_001)}`;
    const res = await author.post(`/comments/${id}/edit`, { body: long });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Keep your comment to 10,000 characters; it has 10,001.');
    expect(res.body).toContain(long);
    const empty = await author.post(`/comments/${id}/edit`, { body: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Write a comment before posting.');
  });
});

describe('a refused edit keeps the text', () => {
  const textarea = (body: string) => new RegExp(`<textarea[^>]*>${body}</textarea>`);

  it('shows the edit form again with the typed text when the window closed meanwhile', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'First draft');
    t.clock.advance(15 * 60_000 + 1000);
    const res = await author.post(`/comments/${id}/edit`, { body: 'My careful rewrite' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Comments can be edited for 15 minutes after posting; this one can no longer be changed.');
    expect(res.body).toMatch(textarea('My careful rewrite'));
    // The same with scripts: the inline form again, with its message.
    const inline = await author.post(`/comments/${id}/edit?fragment=1`, { body: 'My careful rewrite' });
    expect(inline.statusCode).toBe(403);
    expect(inline.body).toContain('this one can no longer be changed.');
    expect(inline.body).toMatch(textarea('My careful rewrite'));
  });

  it('shows the edit form again with the typed text when the discussion closed meanwhile', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Open for now');
    await t.ctx.database.db.updateTable('articles').set({ comments_open: 0 }).where('slug', '=', 'edits').execute();
    try {
      const res = await author.post(`/comments/${id}/edit`, { body: 'Reworded just in time' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain(t.ctx.site.i18n.t('discussion.error.closed'));
      expect(res.body).toMatch(textarea('Reworded just in time'));
    } finally {
      await t.ctx.database.db.updateTable('articles').set({ comments_open: 1 }).where('slug', '=', 'edits').execute();
    }
  });

  it('keeps a body past what a form field may hold, with the length message, not a bare 400', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Brief');
    const long = 'w'.repeat(100_001);
    const res = await author.post(`/comments/${id}/edit`, { body: long });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Keep your comment to 10,000 characters; it has 100,001.');
    expect(res.body).toContain(long);
  });
});

describe('deleting', () => {
  it('leaves a "Comment deleted" placeholder when the comment has replies, so the thread holds', async () => {
    const author = new Reader(t.app);
    const replier = new Reader(t.app);
    const top = await author.comment('edits', 'Controversial take', { name: 'Hot Take' });
    const reply = await replier.comment('edits', 'I disagree', { parent_id: String(top) });
    const before = await articleCount();
    const res = await author.post(`/comments/${top}/delete`, { back: '/articles/edits?sort=oldest' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/articles/edits?sort=oldest#comment-${top}`);
    const html = await anonymous();
    const placeholder = html.slice(html.indexOf(`id="comment-${top}"`), html.indexOf(`id="comment-${reply}"`));
    expect(placeholder).toContain('Comment deleted');
    expect(placeholder).not.toContain('Controversial take');
    expect(placeholder).not.toContain('Hot Take');
    expect(commentIds(html)).toContain(reply);
    expect(await articleCount()).toBe(before - 1);
    // Deleting again changes nothing.
    expect((await author.post(`/comments/${top}/delete`, {})).statusCode).toBe(303);
    expect(await articleCount()).toBe(before - 1);
    // Editing a deleted comment is refused.
    expect((await author.request('PATCH', `/api/v1/comments/${top}`, { json: { body: 'Back' } })).json().error.code).toBe('comment_deleted');
    // When its last reply goes, the placeholder goes too.
    expect((await replier.request('DELETE', `/api/v1/comments/${reply}`)).statusCode).toBe(204);
    const after = await anonymous();
    expect(commentIds(after)).not.toContain(top);
    expect(commentIds(after)).not.toContain(reply);
    expect(await articleCount()).toBe(before - 2);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/comments/${top}` })).statusCode).toBe(404);
  });

  it('lets authors delete comments moderation hid or holds, and the counters follow what was shown', async () => {
    const mod = { id: (await makeUser(t.ctx, 'moderator', { name: 'Del Moderator' })).id, name: 'Del Moderator' };
    const status = async (id: number) => (await t.ctx.database.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    const replies = async (id: number) => Number((await t.ctx.database.db.selectFrom('comments').select('reply_count').where('id', '=', id).executeTakeFirstOrThrow()).reply_count);
    const top = await new Reader(t.app).comment('edits', 'A calm opening remark.');
    // A shadow-banned reader's reply: shown to its author only.
    const shadowed = new Reader(t.app);
    const first = await shadowed.comment('edits', 'Before my ban.');
    const guestId = (await t.ctx.database.db.selectFrom('comments').select('guest_id').where('id', '=', first).executeTakeFirstOrThrow()).guest_id as number;
    await banIdentity(t.ctx, { actor: mod, subjects: [{ kind: 'guest', subject: String(guestId) }], mode: 'shadow', days: null, reason: 'abuse' });
    t.clock.advance(60_000);
    const shadow = await shadowed.comment('edits', 'Nobody hears this reply.', { parent_id: String(top) });
    // A reply a moderator rejected, and a comment rejected as spam that holds a reply (a placeholder).
    const rejectedAuthor = new Reader(t.app);
    const rejected = await rejectedAuthor.comment('edits', 'A reply that goes too far.', { parent_id: String(top) });
    const spamAuthor = new Reader(t.app);
    const spam = await spamAuthor.comment('edits', 'Buy my course today.');
    await new Reader(t.app).comment('edits', 'Answering the course seller.', { parent_id: String(spam) });
    await reviewComments(t.ctx, { actor: mod, commentIds: [rejected], action: 'reject' });
    await reviewComments(t.ctx, { actor: mod, commentIds: [spam], action: 'spam' });
    // A comment held for review.
    const heldAuthor = new Reader(t.app);
    const held = await heldAuthor.comment('edits', 'Whoever wrote this is an id1ot.');
    expect([await status(shadow), await status(rejected), await status(spam), await status(held)]).toEqual(['shadow', 'rejected', 'spam', 'pending']);
    const count = await articleCount();
    const topReplies = await replies(top);

    for (const [reader, id] of [[shadowed, shadow], [rejectedAuthor, rejected], [spamAuthor, spam], [heldAuthor, held]] as const) {
      const res = await reader.post(`/comments/${id}/delete`, {});
      expect(res.statusCode).toBe(303);
      expect(await status(id)).toBe('deleted');
    }
    // Moderation had already taken them out of the counts: deleting them changes nothing.
    expect(await articleCount()).toBe(count);
    expect(await replies(top)).toBe(topReplies);
    expect(await recountDiscussionCounters(t.ctx)).toEqual({ commentsFixed: 0 });
    expect(await articleCount()).toBe(count);
    // The author no longer sees them as "removed by a moderator", nor awaiting moderation.
    const mine = (await heldAuthor.get('/articles/edits')).body;
    expect(mine).not.toContain(`id="comment-${held}"`);
    expect((await rejectedAuthor.get('/articles/edits')).body).not.toContain(`id="comment-${rejected}"`);
  });

  it('removes a comment without replies at once', async () => {
    const author = new Reader(t.app);
    const id = await author.comment('edits', 'Regrettable');
    const res = await author.post(`/comments/${id}/delete`, {});
    expect(res.headers.location).toBe('/articles/edits#comments');
    expect(commentIds(await anonymous())).not.toContain(id);
    expect((await author.get('/api/v1/articles/edits/me')).json().commentIds).not.toContain(id);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifyForComment } from '../src/features/notifications/notify-for-comment.js';
import { confirmToken, manageToken, unsubscribeToken } from '../src/features/notifications/tokens.js';
import { csrfFrom, makeUser } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { makeArticle } from './support/factories.js';
import { Browser, commentIdOf, linkIn, runJobs, SITE, signedIn } from './support/notifications.js';
import { type SmtpSink, startSmtpSink } from './support/smtp.js';

let sink: SmtpSink;
let t: TestApp;
let open: { id: number; slug: string };

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: sink.url, PUBLIC_URL: SITE } });
  open = await makeArticle(t.ctx, { slug: 'river-levels', title: 'River levels' });
  await makeArticle(t.ctx, { slug: 'closed-talk', title: 'Closed talk', commentsOpen: false });
});
afterAll(async () => {
  await t.cleanup();
  await sink.close();
});
beforeEach(async () => {
  t.clock.advance(2 * 24 * 3600_000);
  await runJobs(t.ctx);
  sink.messages.length = 0;
});

const db = () => t.ctx.database.db;
const follow = (browser: Browser, slug: string, form: Record<string, string>) => browser.post(`/articles/${slug}/follow`, form);

describe('the controls on the article page', () => {
  it('shows "Notify of" with its two choices on the comment form, and "Follow this discussion"', async () => {
    const page = await new Browser(t.app).get('/articles/river-levels');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<legend>Notify of</legend>');
    expect(page.body).toMatch(/<input type="checkbox" name="notify_article" value="1"\/> new follow-up comments/);
    expect(page.body).toMatch(/<input type="checkbox" name="notify_replies" value="1"\/> new replies to my comments/);
    expect(page.body).toContain('Follow this discussion');
    expect(page.body).toContain('action="/articles/river-levels/follow"');
    expect(page.body).toContain('id="follow-email"');
    // Signed in: one click, no email field.
    const member = await makeUser(t.ctx, 'member');
    const own = await (await signedIn(t.app, t.ctx, member.id)).get('/articles/river-levels');
    expect(own.body).toContain('action="/articles/river-levels/follow"');
    expect(own.body).not.toContain('id="follow-email"');
    // A closed discussion offers no follow form.
    const closed = await new Browser(t.app).get('/articles/closed-talk');
    expect(closed.body).not.toContain('/articles/closed-talk/follow');
  });
});

describe('bad input gets a clear answer', () => {
  it('refuses an invalid or missing email, with the form again', async () => {
    const guest = new Browser(t.app);
    for (const [email, message] of [
      ['not-an-address', 'Enter a valid email address'],
      ['', 'Enter your email address to get notifications.'],
    ] as const) {
      const res = await follow(guest, 'river-levels', { email, delivery: 'immediate' });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(message);
      expect(res.body).toContain('aria-invalid="true"');
    }
    const unknownDelivery = await follow(guest, 'river-levels', { email: 'a@example.org', delivery: 'hourly' });
    expect(unknownDelivery.statusCode).toBe(400);
    expect(await db().selectFrom('notification_subscriptions').selectAll().where('email', '=', 'a@example.org').execute()).toEqual([]);
  });

  it('refuses a missing article (404) and a closed discussion (403)', async () => {
    const guest = new Browser(t.app);
    const missing = await follow(guest, 'no-such-article', { email: 'b@example.org' });
    expect(missing.statusCode).toBe(404);
    const closed = await follow(guest, 'closed-talk', { email: 'b@example.org' });
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('The discussion of this article is closed');
    const json = await guest.request('POST', '/articles/closed-talk/follow', { form: { email: 'b@example.org' }, headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(403);
    await runJobs(t.ctx);
    expect(sink.messages).toHaveLength(0);
  });

  it('answers repeated subscribe clicks without a second email for 10 minutes, then replaces the link', async () => {
    const guest = new Browser(t.app);
    const first = await follow(guest, 'river-levels', { email: 'repeat@example.org' });
    expect(first.body).toContain('We sent a link to repeat@example.org');
    const second = await follow(guest, 'river-levels', { email: 'repeat@example.org' });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('a few minutes ago');
    await runJobs(t.ctx);
    expect(sink.to('repeat@example.org')).toHaveLength(1);
    expect(await db().selectFrom('notification_subscriptions').selectAll().where('email', '=', 'repeat@example.org').execute()).toHaveLength(1);

    t.clock.advance(11 * 60_000);
    await follow(guest, 'river-levels', { email: 'repeat@example.org' });
    await runJobs(t.ctx);
    const mails = sink.to('repeat@example.org');
    expect(mails).toHaveLength(2);
    const [older, newer] = mails.map((m) => linkIn(m, '/notifications/confirm/'));
    expect(older).not.toBe(newer);
    const replaced = await guest.post(older ?? '');
    expect(replaced.statusCode).toBe(410);
    expect(replaced.body).toContain('A newer confirmation link');
    const ok = await guest.post(newer ?? '');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Notifications confirmed');
    // Subscribing again once confirmed: already done, nothing sent.
    const already = await follow(guest, 'river-levels', { email: 'repeat@example.org' });
    expect(already.body).toContain('already gets emails');
    await runJobs(t.ctx);
    expect(sink.to('repeat@example.org')).toHaveLength(2);
  });

  it('answers a signed-in reader who follows twice, and keeps one row', async () => {
    const member = await makeUser(t.ctx, 'member');
    const browser = await signedIn(t.app, t.ctx, member.id);
    expect((await follow(browser, 'river-levels', {})).body).toContain('You follow this discussion');
    const again = await follow(browser, 'river-levels', {});
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Already done');
    expect(await db().selectFrom('notification_subscriptions').select('status').where('user_id', '=', member.id).execute()).toEqual([{ status: 'active' }]);
  });

  it('shows a clear page for tampered, foreign and expired links, never a stack trace', async () => {
    const visitor = new Browser(t.app);
    const real = unsubscribeToken(t.ctx.secret, 1);
    for (const url of ['/notifications/unsubscribe/garbage', `/notifications/unsubscribe/${real.slice(0, -2)}xx`, `/notifications/confirm/${real}`, `/notifications/manage/${'m.'.repeat(3)}`]) {
      const res = await visitor.get(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('This link does not work');
      expect(res.body).toContain('This link is not valid');
      expect(res.body).not.toMatch(/at \w+ \(|Error:/);
    }
    const tamperedPost = await t.app.inject({ method: 'POST', url: '/notifications/unsubscribe/u.1.AAAA', payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(tamperedPost.statusCode).toBe(400);
    const past = new Date(t.clock.now().getTime() - 1000);
    const expiredConfirm = await visitor.get(`/notifications/confirm/${confirmToken(t.ctx.secret, [1], past)}`);
    expect(expiredConfirm.statusCode).toBe(410);
    expect(expiredConfirm.body).toContain('This confirmation link has expired');
    const expiredManage = await visitor.get(`/notifications/manage/${manageToken(t.ctx.secret, 'email:someone@example.org', past)}`);
    expect(expiredManage.statusCode).toBe(410);
    expect(expiredManage.body).toContain('Email me a new link');
    expect(expiredManage.body).toContain('action="/notifications/manage-link"');
  });
});

describe('subscribing from the comment form', () => {
  it('asks a guest who ticks "Notify of" for an email, and keeps what they typed', async () => {
    const guest = new Browser(t.app);
    const res = await guest.comment('river-levels', { body: 'Keep me posted', notify_replies: '1' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Enter your email address to get notifications, or untick “Notify of”.');
    expect(res.body).toContain('Keep me posted');
    expect(res.body).toMatch(/name="notify_replies" value="1" checked/);
    expect(await db().selectFrom('comments').select('id').where('body_md', '=', 'Keep me posted').execute()).toEqual([]);
  });

  it('posts, then sends one confirmation for both choices and says so; replies to that guest’s comment notify them once confirmed', async () => {
    const guest = new Browser(t.app);
    const res = await guest.comment('river-levels', { body: 'Water is rising', email: 'Olena@Example.org', notify_article: '1', notify_replies: '1' });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/notifications\/posted\?back=/);
    const back = decodeURIComponent(location.split('back=')[1] ?? '');
    const commentId = Number(/#comment-(\d+)$/.exec(back)?.[1]);
    expect(commentId).toBeGreaterThan(0);
    const notice = await guest.get(location);
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('Your comment is posted.');
    expect(notice.body).toContain(`href="${back.replace(/&/g, '&amp;')}"`);

    await runJobs(t.ctx);
    const mails = sink.to('olena@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('new follow-up comments');
    expect(mails[0]?.text).toContain('new replies to my comments');
    const confirmPath = linkIn(mails[0] ?? (undefined as never), '/notifications/confirm/');
    expect((await guest.post(confirmPath)).body).toContain('new comments and replies to your comments');
    expect(await db().selectFrom('notification_subscriptions').select(['kind', 'status', 'guest_id']).where('email', '=', 'olena@example.org').orderBy('kind').execute()).toEqual([
      { kind: 'article', status: 'active', guest_id: expect.any(Number) },
      { kind: 'replies', status: 'active', guest_id: expect.any(Number) },
    ]);

    // This guest, confirmed, ticking again elsewhere is subscribed at once.
    const other = await makeArticle(t.ctx, { slug: 'river-levels-2', title: 'River levels, part two' });
    const again = await guest.comment(other.slug, { body: 'Same here', email: 'olena@example.org', notify_replies: '1' });
    expect(again.statusCode).toBe(303);
    expect(String(again.headers.location)).toMatch(/^\/articles\/river-levels-2/);

    // A reply: one email (the replies subscription wins over following).
    sink.messages.length = 0;
    const replyId = commentIdOf(await new Browser(t.app).comment('river-levels', { body: 'Ours too', parent_id: String(commentId) }));
    await runJobs(t.ctx);
    const replies = sink.to('olena@example.org');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.subject).toBe('New reply to your comments on “River levels”');
    expect(replies[0]?.text).toContain(`/articles/river-levels/comments/${replyId}`);
  });
});

describe('managing notifications', () => {
  it('lists, changes and removes by emailed link; another reader’s subscription is not found', async () => {
    const member = await makeUser(t.ctx, 'member');
    const browser = await signedIn(t.app, t.ctx, member.id);
    await follow(browser, 'river-levels', {});
    const stranger = await makeUser(t.ctx, 'member');
    await follow(await signedIn(t.app, t.ctx, stranger.id), 'river-levels', {});
    const mine = await db().selectFrom('notification_subscriptions').select('id').where('user_id', '=', member.id).executeTakeFirstOrThrow();
    const theirs = await db().selectFrom('notification_subscriptions').select('id').where('user_id', '=', stranger.id).executeTakeFirstOrThrow();
    const path = `/notifications/manage/${manageToken(t.ctx.secret, `user:${member.id}`, new Date(t.clock.now().getTime() + 86_400_000))}`;
    const visitor = new Browser(t.app);
    const page = await visitor.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('River levels');
    expect(page.body).toContain(`id="subscription-${mine.id}"`);
    expect(page.body).not.toContain(`id="subscription-${theirs.id}"`);

    const saved = await visitor.post(path, { subscription: String(mine.id), action: 'delivery', delivery: 'digest' });
    expect(saved.statusCode).toBe(303);
    const after = await visitor.get(String(saved.headers.location));
    expect(after.body).toContain('Saved.');
    expect(after.body).toMatch(/<option value="digest" selected/);
    const notYours = await visitor.post(path, { subscription: String(theirs.id), action: 'remove' });
    expect(notYours.statusCode).toBe(404);
    const removed = await visitor.post(path, { subscription: String(mine.id), action: 'remove' });
    expect(String(removed.headers.location)).toContain('done=removed');
    const twice = await visitor.post(path, { subscription: String(mine.id), action: 'remove' });
    expect(String(twice.headers.location)).toContain('done=unchanged');
    expect((await visitor.get(path)).body).toContain('No notifications.');
    expect((await db().selectFrom('notification_subscriptions').select('status').where('id', '=', theirs.id).executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('from the profile: signed in, with the session’s CSRF token', async () => {
    const member = await makeUser(t.ctx, 'member');
    const browser = await signedIn(t.app, t.ctx, member.id);
    await follow(browser, 'river-levels', {});
    expect((await new Browser(t.app).get('/account/notifications')).statusCode).toBe(303);
    const account = await browser.get('/account');
    expect(account.body).toContain('href="/account/notifications"');
    const page = await browser.get('/account/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(member.email);
    const sub = await db().selectFrom('notification_subscriptions').select('id').where('user_id', '=', member.id).executeTakeFirstOrThrow();
    expect((await browser.post('/account/notifications', { subscription: String(sub.id), action: 'remove' })).statusCode).toBe(403);
    const ok = await browser.post('/account/notifications', { _csrf: csrfFrom(page.body), subscription: String(sub.id), action: 'remove' });
    expect(ok.statusCode).toBe(303);
    expect((await db().selectFrom('notification_subscriptions').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status).toBe('unsubscribed');
  });

  it('emails a fresh manage link to an address that has notifications, and says the same either way', async () => {
    const guest = new Browser(t.app);
    await follow(guest, 'river-levels', { email: 'lost-link@example.org' });
    await runJobs(t.ctx);
    await guest.post(linkIn(sink.to('lost-link@example.org')[0] ?? (undefined as never), '/notifications/confirm/'));
    sink.messages.length = 0;
    const asked = await guest.post('/notifications/manage-link', { email: 'lost-link@example.org' });
    const unknown = await guest.post('/notifications/manage-link', { email: 'nobody@example.org' });
    expect(asked.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('If that address gets notifications from us');
    expect((await guest.post('/notifications/manage-link', { email: 'nope' })).statusCode).toBe(422);
    await runJobs(t.ctx);
    expect(sink.messages).toHaveLength(1);
    const page = await new Browser(t.app).get(linkIn(sink.messages[0] ?? (undefined as never), '/notifications/manage/'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lost-link@example.org');
    expect(page.body).toContain('River levels');
  });
});

describe('notifyForComment', () => {
  it('queues nothing for a comment that is not published (held for moderation)', async () => {
    const member = await makeUser(t.ctx, 'member');
    await follow(await signedIn(t.app, t.ctx, member.id), 'river-levels', {});
    const id = commentIdOf(await new Browser(t.app).comment('river-levels', { body: 'Held one' }));
    await db().deleteFrom('notification_queue').where('comment_id', '=', id).execute();
    await db().updateTable('comments').set({ status: 'pending' }).where('id', '=', id).execute();
    expect(await t.ctx.database.transaction((tx) => notifyForComment(tx, t.ctx, id))).toEqual({ queued: 0, scheduled: 0 });
    // Approved: queued then, once per follower, idempotently.
    await db().updateTable('comments').set({ status: 'published' }).where('id', '=', id).execute();
    const first = await t.ctx.database.transaction((tx) => notifyForComment(tx, t.ctx, id));
    expect(first.queued).toBeGreaterThan(0);
    expect(await t.ctx.database.transaction((tx) => notifyForComment(tx, t.ctx, id))).toEqual({ queued: 0, scheduled: 0 });
    expect(open.id).toBeGreaterThan(0);
  });
});

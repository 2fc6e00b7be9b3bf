import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.js';
import type { Mailer } from '../src/features/mail/mailer.js';
import { banIdentity } from '../src/features/moderation/ban-identity.js';
import { reviewComments } from '../src/features/moderation/review-comments.js';
import { jobHandlers } from '../src/jobs/handlers.js';
import { claimJob, runOneJob } from '../src/jobs/worker.js';
import { csrfFrom, makeUser } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { makeArticle } from './support/factories.js';
import { Browser, commentIdOf, linkIn, linksIn, runJobs, SITE, signedIn } from './support/notifications.js';
import { type SmtpSink, startSmtpSink } from './support/smtp.js';

let sink: SmtpSink;
let t: TestApp;
const MINUTE = 60_000;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: sink.url, PUBLIC_URL: SITE } });
});
afterAll(async () => {
  await t.cleanup();
  await sink.close();
});
beforeEach(async () => {
  // Every test starts with nothing due: earlier windows and digests are over.
  t.clock.advance(2 * 24 * 3600_000);
  await runJobs(t.ctx);
  sink.messages.length = 0;
});

const db = () => t.ctx.database.db;
const guestComment = async (slug: string, body: string, extra: Record<string, string> = {}) => commentIdOf(await new Browser(t.app).comment(slug, { body, ...extra }));
const siteName = () => t.ctx.site.settings.siteName;

async function follower(slug: string, delivery: 'immediate' | 'digest' = 'immediate') {
  const user = await makeUser(t.ctx, 'member');
  const browser = await signedIn(t.app, t.ctx, user.id);
  const res = await browser.post(`/articles/${slug}/follow`, { delivery });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('You follow this discussion');
  return { user, browser };
}

describe('notification emails', () => {
  it('sends followers one email per comment, with both parts, the site, an excerpt, its link, manage and one-click unsubscribe', async () => {
    await makeArticle(t.ctx, { slug: 'ferry-timetable', title: 'Ferry timetable changes' });
    const { user } = await follower('ferry-timetable');
    await runJobs(t.ctx);
    expect(sink.messages).toHaveLength(0);

    const id = await guestComment('ferry-timetable', 'The *7:40* ferry is gone & the 8:10 is always late.');
    await runJobs(t.ctx);
    const mails = sink.to(user.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    if (!mail) throw new Error('no mail');
    expect(mail.subject).toBe('New comment on “Ferry timetable changes”');
    expect(mail.headers.get('list-unsubscribe')).toMatch(/^<https:\/\/outpost\.test\/notifications\/unsubscribe\/[A-Za-z0-9._-]+>$/);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('message-id')).toMatch(/^<notify\.\d+\.\d+@outpost\.test>$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(mail.text).toContain(siteName());
    expect(mail.text).toContain('The 7:40 ferry is gone & the 8:10 is always late.');
    expect(mail.html).toContain(`<strong>${siteName()}</strong>`);
    expect(mail.html).toContain('The 7:40 ferry is gone &amp; the 8:10 is always late.');
    expect(mail.html).toContain(`href="${SITE}/articles/ferry-timetable/comments/${id}"`);

    // Every link works.
    const links = linksIn(mail);
    expect(links).toHaveLength(3);
    const visitor = new Browser(t.app);
    const toComment = await visitor.get(linkIn(mail, `/articles/ferry-timetable/comments/${id}`));
    expect(toComment.statusCode).toBe(302);
    expect(toComment.headers.location).toMatch(new RegExp(`^/articles/ferry-timetable(\\?[^#]*)?#comment-${id}$`));
    const page = await visitor.get(String(toComment.headers.location).split('#')[0] ?? '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`id="comment-${id}"`);
    const manage = await visitor.get(linkIn(mail, '/notifications/manage/'));
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain('Manage notifications');
    expect(manage.body).toContain('Ferry timetable changes');
    expect(manage.body).toContain('new follow-up comments');
    expect(manage.body).toContain(user.email);
    const unsubscribePath = linkIn(mail, '/notifications/unsubscribe/');
    expect(`<${SITE}${unsubscribePath}>`).toBe(mail.headers.get('list-unsubscribe'));
    const confirmPage = await visitor.get(unsubscribePath);
    expect(confirmPage.statusCode).toBe(200);
    expect(confirmPage.body).toContain(`action="${unsubscribePath}"`);
    expect(confirmPage.body).toContain('Stop the emails about new comments on “Ferry timetable changes”?');
  });

  it('batches a burst: at most one email per subscription in 10 minutes, then one with everything that came', async () => {
    await makeArticle(t.ctx, { slug: 'hot-topic', title: 'Hot topic' });
    const { user } = await follower('hot-topic');
    await guestComment('hot-topic', 'First!');
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);

    const later = [];
    for (const n of [2, 3, 4]) {
      t.clock.advance(2 * MINUTE);
      later.push(await guestComment('hot-topic', `Comment number ${n}`));
      await runJobs(t.ctx);
    }
    expect(sink.to(user.email)).toHaveLength(1);
    // One job is waiting for the end of the window, whatever the number of comments.
    const waiting = await db().selectFrom('jobs').select(['run_at']).where('kind', '=', 'notifications.send').where('status', '=', 'pending').execute();
    expect(waiting).toHaveLength(1);
    t.clock.advance(4 * MINUTE + 1);
    await runJobs(t.ctx);
    const mails = sink.to(user.email);
    expect(mails).toHaveLength(2);
    const second = mails[1];
    expect(second?.subject).toBe('3 new comments on “Hot topic”');
    for (const [i, id] of later.entries()) {
      expect(second?.text).toContain(`Comment number ${i + 2}`);
      expect(second?.text).toContain(`${SITE}/articles/hot-topic/comments/${id}`);
    }
  });

  it('never emails readers about their own comments', async () => {
    await makeArticle(t.ctx, { slug: 'own-words', title: 'Own words' });
    const { user, browser } = await follower('own-words');
    commentIdOf(await browser.comment('own-words', { body: 'My own comment' }));
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(0);
  });

  it('double opt-in: a guest gets the confirmation email and nothing else until confirming; one-click unsubscribe works without signing in', async () => {
    await makeArticle(t.ctx, { slug: 'bridge-repairs', title: 'Bridge repairs' });
    const guest = new Browser(t.app);
    const res = await guest.post('/articles/bridge-repairs/follow', { email: ' Reader@Example.ORG ', delivery: 'immediate' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your email');
    expect(res.body).toContain('reader@example.org');
    await runJobs(t.ctx);
    const [confirmation] = sink.to('reader@example.org');
    expect(sink.to('reader@example.org')).toHaveLength(1);
    expect(confirmation?.subject).toBe(`Confirm your notifications from ${siteName()}`);
    expect(confirmation?.headers.has('list-unsubscribe')).toBe(false);
    expect(confirmation?.text).toContain('new follow-up comments');
    expect(confirmation?.html).toContain('Bridge repairs');

    // Not confirmed yet: a comment sends nothing.
    await guestComment('bridge-repairs', 'Before confirmation');
    await runJobs(t.ctx);
    expect(sink.to('reader@example.org')).toHaveLength(1);

    if (!confirmation) throw new Error('no confirmation');
    const confirmPath = linkIn(confirmation, '/notifications/confirm/');
    const scanner = await new Browser(t.app).get(confirmPath);
    expect(scanner.statusCode).toBe(200);
    expect(scanner.body).toContain(`action="${confirmPath}"`);
    expect((await db().selectFrom('notification_subscriptions').select('status').where('email', '=', 'reader@example.org').executeTakeFirstOrThrow()).status).toBe('pending');
    const confirmed = await guest.post(confirmPath);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Notifications confirmed');
    const again = await guest.post(confirmPath);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Already confirmed');

    await guestComment('bridge-repairs', 'After confirmation');
    await runJobs(t.ctx);
    const notices = sink.to('reader@example.org');
    expect(notices).toHaveLength(2);
    const notice = notices[1];
    if (!notice) throw new Error('no notice');
    expect(notice.text).toContain('After confirmation');
    expect(notice.text).not.toContain('Before confirmation');

    // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", no cookie, no Origin.
    const url = String(notice.headers.get('list-unsubscribe')).slice(1, -1).slice(SITE.length);
    const oneClick = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.body).toContain('You are unsubscribed');
    const boundary = 'x-boundary';
    const twice = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'https://mail.example.net' },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(twice.statusCode).toBe(200);
    expect(twice.body).toContain('Already unsubscribed');
    await guestComment('bridge-repairs', 'After unsubscribing');
    await runJobs(t.ctx);
    expect(sink.to('reader@example.org')).toHaveLength(2);
  });

  it('notifies the parent comment’s author of a reply, once even when also following, and other followers of the comment', async () => {
    await makeArticle(t.ctx, { slug: 'night-trains', title: 'Night trains' });
    const author = await makeUser(t.ctx, 'member');
    const browser = await signedIn(t.app, t.ctx, author.id);
    // Signed in: "Notify of" subscribes at once; back to the comment.
    const posted = await browser.comment('night-trains', { body: 'Are they back?', notify_article: '1', notify_replies: '1' });
    const parentId = commentIdOf(posted);
    expect(posted.headers['x-outpost-notify']).toBe('subscribed');
    const subs = await db().selectFrom('notification_subscriptions').select(['kind', 'status']).where('user_id', '=', author.id).orderBy('kind').execute();
    expect(subs).toEqual([
      { kind: 'article', status: 'active' },
      { kind: 'replies', status: 'active' },
    ]);
    const other = await follower('night-trains');
    await runJobs(t.ctx);
    sink.messages.length = 0;

    const replyId = await guestComment('night-trains', 'Yes, from May.', { parent_id: String(parentId) });
    await runJobs(t.ctx);
    const toAuthor = sink.to(author.email);
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]?.subject).toBe('New reply to your comments on “Night trains”');
    expect(toAuthor[0]?.text).toContain('replied to');
    expect(toAuthor[0]?.text).toContain(`${SITE}/articles/night-trains/comments/${replyId}`);
    const toOther = sink.to(other.user.email);
    expect(toOther).toHaveLength(1);
    expect(toOther[0]?.subject).toBe('New comment on “Night trains”');
    const sent = await db().selectFrom('sent_notifications').select(['address', 'status']).where('comment_id', '=', replyId).orderBy('address').execute();
    expect(sent).toEqual(
      [
        { address: author.email, status: 'sent' },
        { address: other.user.email, status: 'sent' },
      ].sort((a, b) => a.address.localeCompare(b.address)),
    );
  });

  it('sends nothing for a comment deleted before its email went out', async () => {
    await makeArticle(t.ctx, { slug: 'second-thoughts', title: 'Second thoughts' });
    const { user } = await follower('second-thoughts');
    await guestComment('second-thoughts', 'Opens the window');
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    const regretful = new Browser(t.app);
    const id = commentIdOf(await regretful.comment('second-thoughts', { body: 'I regret this' }));
    expect((await regretful.post(`/comments/${id}/delete`)).statusCode).toBe(303);
    t.clock.advance(11 * MINUTE);
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    const row = await db().selectFrom('notification_queue').select('state').where('comment_id', '=', id).executeTakeFirstOrThrow();
    expect(row.state).toBe('skipped');
  });

  it('sends a daily digest at 07:00 (site time) with every comment of the day', async () => {
    t.clock.set('2026-09-01T08:00:00.000Z');
    await makeArticle(t.ctx, { slug: 'harvest', title: 'Harvest report' });
    const { user, browser } = await follower('harvest', 'digest');
    for (const n of [1, 2, 3]) {
      await guestComment('harvest', `Digest comment ${n}`);
      t.clock.advance(3 * 3600_000);
      await runJobs(t.ctx);
    }
    expect(sink.to(user.email)).toHaveLength(0);
    t.clock.set('2026-09-02T06:59:59.000Z');
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(0);
    t.clock.set('2026-09-02T07:00:00.000Z');
    await runJobs(t.ctx);
    const [digest] = sink.to(user.email);
    expect(sink.to(user.email)).toHaveLength(1);
    expect(digest?.subject).toBe('Daily digest: 3 new comments on “Harvest report”');
    for (const n of [1, 2, 3]) expect(digest?.text).toContain(`Digest comment ${n}`);
    expect(digest?.text).toContain('We send one digest a day.');

    // Switching to "Immediately" from the account page moves a scheduled digest to now.
    await guestComment('harvest', 'Next day');
    const page = await browser.get('/account/notifications');
    expect(page.statusCode).toBe(200);
    const subscription = await db().selectFrom('notification_subscriptions').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const changed = await browser.post('/account/notifications', { _csrf: csrfFrom(page.body), subscription: String(subscription.id), action: 'delivery', delivery: 'immediate' });
    expect(changed.statusCode).toBe(303);
    t.clock.advance(10 * MINUTE);
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(2);
    expect(sink.to(user.email)[1]?.subject).toBe('New comment on “Harvest report”');
  });

  it('sends to an address once per comment, however many of its subscriptions match', async () => {
    await makeArticle(t.ctx, { slug: 'two-ways', title: 'Two ways' });
    const { user } = await follower('two-ways');
    const article = await db().selectFrom('articles').select('id').where('slug', '=', 'two-ways').executeTakeFirstOrThrow();
    // The same address also follows as a (confirmed) guest.
    await db()
      .insertInto('notification_subscriptions')
      .values({ kind: 'article', article_id: article.id, user_id: null, email: user.email, subscriber_key: `email:${user.email}`, guest_id: null, delivery: 'immediate', status: 'active', created_at: t.clock.now().toISOString(), confirmed_at: t.clock.now().toISOString() })
      .execute();
    const id = await guestComment('two-ways', 'Only once, please');
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    const rows = await db().selectFrom('sent_notifications').select('status').where('comment_id', '=', id).execute();
    expect(rows).toEqual([{ status: 'sent' }]);
    const states = await db().selectFrom('notification_queue').select('state').where('comment_id', '=', id).orderBy('state').execute();
    expect(states.map((s) => s.state)).toEqual(['sent', 'skipped']);
  });
});

describe('delivery that loses nothing', () => {
  it('takes over a send job whose worker died before doing anything, after its lease', async () => {
    await makeArticle(t.ctx, { slug: 'lease-one', title: 'Lease one' });
    const { user } = await follower('lease-one');
    const id = await guestComment('lease-one', 'Survives a crash');
    // A worker claims the job and dies.
    const claimed = await claimJob(t.ctx, 60_000);
    expect(claimed?.kind).toBe('notifications.send');
    expect(await runJobs(t.ctx)).toBe(0);
    expect(sink.to(user.email)).toHaveLength(0);
    t.clock.advance(60_001);
    expect(await runJobs(t.ctx)).toBe(1);
    expect(sink.to(user.email)).toHaveLength(1);
    expect(sink.to(user.email)[0]?.text).toContain('Survives a crash');
    const job = await db().selectFrom('jobs').select(['status', 'attempts']).where('id', '=', claimed?.id ?? 0).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 2 });
    expect(await db().selectFrom('sent_notifications').select('status').where('comment_id', '=', id).execute()).toEqual([{ status: 'sent' }]);
  });

  it('resumes a batch claimed by a worker killed mid-send: same email, same Message-ID, sent once', async () => {
    await makeArticle(t.ctx, { slug: 'lease-two', title: 'Lease two' });
    const { user } = await follower('lease-two');
    const id = await guestComment('lease-two', 'Claimed, then the process died');
    // Another instance whose SMTP call never returns: it claims the job and the batch, then "dies".
    const hanging: Mailer = { sendMail: () => new Promise(() => {}), close() {} };
    const other = await createContext(t.config, { clock: t.clock, logger: pino({ level: 'silent' }), mailer: hanging, migrate: false });
    try {
      void runOneJob(other, jobHandlers, { leaseMs: 60_000 });
      let claim: { status: string; message_id: string } | undefined;
      for (let i = 0; i < 200 && !claim; i++) {
        await new Promise((r) => setTimeout(r, 10));
        claim = await db().selectFrom('sent_notifications').select(['status', 'message_id']).where('comment_id', '=', id).executeTakeFirst();
      }
      expect(claim?.status).toBe('sending');
      expect(await runJobs(t.ctx)).toBe(0);
      t.clock.advance(60_001);
      expect(await runJobs(t.ctx)).toBe(1);
      const mails = sink.to(user.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.headers.get('message-id')).toBe(claim?.message_id);
      expect(mails[0]?.text).toContain('Claimed, then the process died');
      expect(await db().selectFrom('sent_notifications').select('status').where('comment_id', '=', id).execute()).toEqual([{ status: 'sent' }]);
      expect(await runJobs(t.ctx)).toBe(0);
      expect(sink.to(user.email)).toHaveLength(1);
    } finally {
      await other.database.close();
    }
  });

  it('never sends twice when a stalled SMTP call outlives the lease: each email is recorded as it goes, and the late worker changes nothing', async () => {
    await makeArticle(t.ctx, { slug: 'stalled-smtp', title: 'Stalled SMTP' });
    const quick = await follower('stalled-smtp');
    const slow = await follower('stalled-smtp');
    // The mail server takes the first address at once and stops answering for the second.
    const stall = sink.stall(slow.user.email);
    const id = await guestComment('stalled-smtp', 'One job, two followers');
    const job = await db().selectFrom('jobs').select('id').where('kind', '=', 'notifications.send').where('status', '=', 'pending').executeTakeFirstOrThrow();
    // A worker claims the job (5-minute lease) and gets stuck on the second email.
    const late = runOneJob(t.ctx, jobHandlers, { backoffMs: 60_000 });
    try {
      await stall.stalled;
      const recorded = async () => (await db().selectFrom('sent_notifications').select('status').where('comment_id', '=', id).where('address', '=', quick.user.email).executeTakeFirst())?.status;
      for (let i = 0; i < 300 && (sink.to(quick.user.email).length < 1 || (await recorded()) !== 'sent'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(sink.to(quick.user.email)).toHaveLength(1);
      expect(sink.to(slow.user.email)).toHaveLength(0);

      // The lease runs out while the SMTP call still hangs: another worker takes the job over.
      t.clock.advance(5 * MINUTE + 1);
      expect(await runJobs(t.ctx)).toBe(1);
      expect(sink.to(quick.user.email)).toHaveLength(1);
      expect(sink.to(slow.user.email)).toHaveLength(1);
      expect(sink.to(slow.user.email)[0]?.text).toContain('One job, two followers');
    } finally {
      // The stuck call finally fails; the worker that lost its lease overwrites nothing.
      stall.release();
      await late;
    }
    const states = await db().selectFrom('sent_notifications').select(['address', 'status']).where('comment_id', '=', id).execute();
    expect(states.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(await db().selectFrom('jobs').select(['status', 'attempts', 'last_error']).where('id', '=', job.id).executeTakeFirstOrThrow()).toEqual({ status: 'done', attempts: 2, last_error: null });
    t.clock.advance(2 * 3600_000);
    expect(await runJobs(t.ctx)).toBe(0);
    expect(sink.to(quick.user.email)).toHaveLength(1);
    expect(sink.to(slow.user.email)).toHaveLength(1);
  });

  it('retries after a temporary SMTP failure with backoff, and records a permanent one for admins, who can retry it', async () => {
    await makeArticle(t.ctx, { slug: 'mail-trouble', title: 'Mail trouble' });
    const flaky = await follower('mail-trouble');
    const bouncing = await follower('mail-trouble');
    sink.refuse(flaky.user.email, { code: 451, message: 'Try again later' });
    sink.refuse(bouncing.user.email, { code: 550, message: 'No such user here' });
    const id = await guestComment('mail-trouble', 'Will it arrive?');
    await runJobs(t.ctx);
    expect(sink.messages).toHaveLength(0);
    // One job carried both emails: it waits for a retry (the temporary failure); the permanent one is recorded.
    const [job] = await db().selectFrom('jobs').select(['id', 'status', 'attempts', 'last_error']).where('kind', '=', 'notifications.send').where('status', '!=', 'done').execute();
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job?.last_error).toContain('451');
    expect(job?.last_error).toContain('550');
    const claims = await db().selectFrom('sent_notifications').select(['address', 'status', 'error']).where('comment_id', '=', id).orderBy('status').execute();
    expect(claims).toEqual([
      { address: bouncing.user.email, status: 'failed', error: expect.stringContaining('550') },
      { address: flaky.user.email, status: 'sending', error: null },
    ]);

    // Admins see what waits for a retry.
    const admin = await makeUser(t.ctx, 'admin');
    const adminBrowser = await signedIn(t.app, t.ctx, admin.id);
    const waitingJson = await adminBrowser.request('GET', '/api/v1/admin/notifications', { headers: { accept: 'application/json' } });
    expect(waitingJson.json().retrying[0]).toMatchObject({ jobId: job?.id, kind: 'send', to: flaky.user.email, attempts: 1 });

    // The temporary failure clears; the retry (after the backoff) delivers it once.
    sink.refuse(flaky.user.email, null);
    t.clock.advance(60_000);
    await runJobs(t.ctx);
    expect(sink.to(flaky.user.email)).toHaveLength(1);

    // Admins see the permanent failure, with the address and the server's answer.
    const screen = await adminBrowser.get('/admin/notifications');
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain(bouncing.user.email);
    expect(screen.body).toContain('550');
    expect(screen.body).toContain('href="/admin/notifications"');
    const json = await adminBrowser.request('GET', '/api/v1/admin/notifications', { headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(200);
    expect(json.json().failed[0]).toMatchObject({ jobId: job?.id, kind: 'send', to: bouncing.user.email });
    expect(json.json().retrying).toEqual([]);
    const reader = await signedIn(t.app, t.ctx, flaky.user.id);
    expect((await reader.get('/admin/notifications')).statusCode).toBe(403);

    // Fixed: retry it from the screen; it goes out once.
    sink.refuse(bouncing.user.email, null);
    const bouncingSub = await db().selectFrom('notification_subscriptions').select('id').where('user_id', '=', bouncing.user.id).executeTakeFirstOrThrow();
    expect(screen.body).toContain(`name="subscription" value="${bouncingSub.id}"`);
    const retried = await adminBrowser.post(`/admin/notifications/${job?.id}/retry`, { _csrf: csrfFrom(screen.body), subscription: String(bouncingSub.id) });
    expect(retried.statusCode).toBe(303);
    await runJobs(t.ctx);
    expect(sink.to(bouncing.user.email)).toHaveLength(1);
    expect(sink.to(bouncing.user.email)[0]?.text).toContain('Will it arrive?');
    expect(sink.to(flaky.user.email)).toHaveLength(1);
    expect(await db().selectFrom('sent_notifications').select('status').where('comment_id', '=', id).orderBy('status').execute()).toEqual([{ status: 'sent' }, { status: 'sent' }]);
  });

  it('enqueues a comment’s emails with the comment, or not at all', async () => {
    const article = await makeArticle(t.ctx, { slug: 'outbox-only', title: 'Outbox only' });
    await follower('outbox-only');
    const before = await db().selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // Posting into a closed discussion fails: nothing is queued.
    await db().updateTable('articles').set({ comments_open: 0 }).where('id', '=', article.id).execute();
    const refused = await new Browser(t.app).comment('outbox-only', { body: 'Too late' });
    expect(refused.statusCode).toBe(403);
    const after = await db().selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await db().selectFrom('notification_queue').selectAll().where('subscription_id', 'in', db().selectFrom('notification_subscriptions').select('id').where('article_id', '=', article.id)).execute()).toEqual([]);
  });
});

describe('moderation and notifications', () => {
  const statusOf = async (id: number) => (await db().selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const moderator = async () => {
    const user = await makeUser(t.ctx, 'moderator');
    return { id: user.id, name: user.name };
  };

  it('emails followers about a held comment only once a moderator approves it', async () => {
    await makeArticle(t.ctx, { slug: 'held-back', title: 'Held back' });
    const { user } = await follower('held-back');
    // A suspect word of the default list: held for review.
    const id = await guestComment('held-back', 'Whoever planned this detour is a moron.');
    expect(await statusOf(id)).toBe('pending');
    await runJobs(t.ctx);
    t.clock.advance(11 * MINUTE);
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(0);
    expect(await db().selectFrom('notification_queue').select('id').where('comment_id', '=', id).execute()).toEqual([]);

    expect(await reviewComments(t.ctx, { actor: await moderator(), commentIds: [id], action: 'approve' })).toEqual({ changed: 1 });
    await runJobs(t.ctx);
    const mails = sink.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('Whoever planned this detour is a moron.');
    expect(mails[0]?.text).toContain(`${SITE}/articles/held-back/comments/${id}`);
  });

  it('sends nothing for the comments of a shadow-banned author', async () => {
    await makeArticle(t.ctx, { slug: 'shadowed', title: 'Shadowed' });
    const { user } = await follower('shadowed');
    const troll = new Browser(t.app);
    const first = commentIdOf(await troll.comment('shadowed', { body: 'Before the shadow-ban.' }));
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    const { guest_id } = await db().selectFrom('comments').select('guest_id').where('id', '=', first).executeTakeFirstOrThrow();
    await banIdentity(t.ctx, { actor: await moderator(), subjects: [{ kind: 'guest', subject: String(guest_id) }], mode: 'shadow', days: null, reason: 'abuse' });
    const shadow = commentIdOf(await troll.comment('shadowed', { body: 'Shouted into the void.' }));
    expect(await statusOf(shadow)).toBe('shadow');
    t.clock.advance(11 * MINUTE);
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await db().selectFrom('notification_queue').select('id').where('comment_id', '=', shadow).execute()).toEqual([]);
  });

  it('does not email a comment twice when it is approved again after reports held it', async () => {
    await makeArticle(t.ctx, { slug: 'reported-twice', title: 'Reported twice' });
    const { user } = await follower('reported-twice');
    const id = await guestComment('reported-twice', 'A civil but unpopular view.');
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    // Three readers report it (the default threshold): held.
    for (let i = 0; i < 3; i++) expect((await new Browser(t.app).post(`/comments/${id}/report`, { reason: 'abuse' })).statusCode).toBe(200);
    expect(await statusOf(id)).toBe('pending');

    expect(await reviewComments(t.ctx, { actor: await moderator(), commentIds: [id], action: 'approve' })).toEqual({ changed: 1 });
    expect(await statusOf(id)).toBe('published');
    await runJobs(t.ctx);
    t.clock.advance(11 * MINUTE);
    await runJobs(t.ctx);
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await db().selectFrom('sent_notifications').select('status').where('comment_id', '=', id).execute()).toEqual([{ status: 'sent' }]);
  });
});

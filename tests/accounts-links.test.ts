import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../src/features/accounts/login-links.js';
import { issueSetupLink } from '../src/features/accounts/set-up-owner.js';
import { createTestApp, type TestApp } from './support/app.js';
import { freshIp, getPage, linkInMail, makeUser, ORIGIN, PASSWORD, postForm, readMails, sessionCookieFrom, signIn } from './support/accounts.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

const minutes = (n: number) => n * 60_000;

async function requestLink(email: string, next?: string) {
  const res = await postForm(t.app, '/signin/link', { email, ...(next ? { next } : {}) }, { ip: freshIp() });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('If an account exists for that address, we have sent a link');
  return linkInMail(t.dataDir, email, '/signin/link/');
}

describe('sign-in links (magic links)', () => {
  it('emails a reader a link; opening it shows a button, and only pressing it signs in', async () => {
    const reader = await makeUser(t.ctx, 'member', { name: 'Rita Reader' });
    const link = await requestLink(reader.email);
    const mail = readMails(t.dataDir).pop();
    expect(mail?.to).toContain(reader.email);
    expect(mail?.subject).toBe('Sign in to Outpost');
    expect(mail?.text).toContain('Hello Rita Reader,');
    expect(mail?.text).toContain('within 15 minutes');

    // A mail scanner fetching the link does not use it up.
    for (let i = 0; i < 2; i++) {
      const page = await getPage(t.app, link);
      expect(page.statusCode, `GET ${link}: ${page.body.slice(0, 2000)}`).toBe(200);
      expect(page.body).toContain(`<form class="auth-form" method="post" action="${link}">`);
      expect(page.body).toContain('<button type="submit">Sign in</button>');
      expect(sessionCookieFrom(page)).toBeNull();
    }
    const res = await postForm(t.app, link, {}, { ip: freshIp() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookieFrom(res);
    expect((await getPage(t.app, '/account', cookie)).body).toContain('Rita Reader');
  });

  it('works once: a replayed link gets a clear page and no session', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    const link = await requestLink(editor.email, '/account');
    expect(link).toContain('?next=%2Faccount');
    const path = link.split('?')[0] ?? link;
    const first = await postForm(t.app, path, { next: '/account' }, { ip: freshIp() });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/account');
    const replay = await postForm(t.app, path, {}, { ip: freshIp() });
    expect(replay.statusCode).toBe(410);
    expect(replay.body).toContain('This link has already been used.');
    expect(sessionCookieFrom(replay)).toBeNull();
    const reopened = await getPage(t.app, path);
    expect(reopened.statusCode).toBe(410);
    expect(reopened.body).toContain('This link has already been used.');
  });

  it('expires after 15 minutes', async () => {
    const author = await makeUser(t.ctx, 'author');
    const link = await requestLink(author.email);
    t.clock.advance(minutes(14));
    expect((await getPage(t.app, link)).statusCode).toBe(200);
    t.clock.advance(minutes(1) + 1000);
    const page = await getPage(t.app, link);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This link has expired.');
    const post = await postForm(t.app, link, {}, { ip: freshIp() });
    expect(post.statusCode).toBe(410);
    expect(sessionCookieFrom(post)).toBeNull();
  });

  it('says plainly when a link is not valid at all', async () => {
    for (const token of ['x'.repeat(43), 'short']) {
      const res = await getPage(t.app, `/signin/link/${token}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('This link is not valid.');
    }
  });

  it('emails an unknown address a one-time sign-up link that creates a member account', async () => {
    const email = 'new.reader@example.org';
    const link = await requestLink(email, '/account');
    const mail = readMails(t.dataDir).pop();
    expect(mail?.subject).toBe('Join Outpost');
    expect(mail?.text).toContain('within 15 minutes');
    expect(await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const path = link.split('?')[0] ?? link;
    // Opening it creates nothing (a mail scanner may fetch it); pressing the button does.
    const page = await getPage(t.app, path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<button type="submit">Create my account</button>');
    expect(await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const res = await postForm(t.app, path, { next: '/account' }, { ip: freshIp() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    const user = await t.ctx.database.db.selectFrom('users').select(['role', 'status', 'password_hash']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(user).toEqual({ role: 'member', status: 'active', password_hash: null });
    expect((await getPage(t.app, '/account', sessionCookieFrom(res))).body).toContain(email);
    // Once only; and the next request for this address is an ordinary sign-in link.
    expect((await postForm(t.app, path, {}, { ip: freshIp() })).statusCode).toBe(410);
    await requestLink(email);
    expect(readMails(t.dataDir).pop()?.subject).toBe('Sign in to Outpost');
  });

  it('does not let two sign-up links make two accounts', async () => {
    const email = 'twice@example.org';
    const first = (await requestLink(email)).split('?')[0] ?? '';
    const second = (await requestLink(email)).split('?')[0] ?? '';
    expect(first).not.toBe(second);
    expect((await postForm(t.app, first, {}, { ip: freshIp() })).statusCode).toBe(303);
    const again = await postForm(t.app, second, {}, { ip: freshIp() });
    expect(again.statusCode).toBe(303);
    expect(await t.ctx.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(1);
  });

  it('sends no link to a suspended account', async () => {
    const author = await makeUser(t.ctx, 'author');
    await t.ctx.database.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', author.id).execute();
    await postForm(t.app, '/signin/link', { email: author.email }, { ip: freshIp() });
    expect(readMails(t.dataDir).filter((m) => m.to.includes(author.email))).toHaveLength(0);
  });

  it('gives the CLI a link that lasts longer but still works once', async () => {
    const reader = await makeUser(t.ctx, 'member');
    const { url } = await createSignInLink(t.ctx, { userId: reader.id, ttlMs: minutes(24 * 60) });
    expect(url.startsWith(`${ORIGIN}/signin/link/`)).toBe(true);
    t.clock.advance(minutes(60));
    const path = url.slice(ORIGIN.length);
    expect((await postForm(t.app, path, {}, { ip: freshIp() })).statusCode).toBe(303);
    expect((await postForm(t.app, path, {}, { ip: freshIp() })).statusCode).toBe(410);
  });
});

describe('password reset by email', () => {
  it('emails a link to choose a new password, which signs in and ends the other sessions', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    const oldSession = await signIn(t.app, editor.email);
    const res = await postForm(t.app, '/password/reset', { email: editor.email }, { ip: freshIp() });
    expect(res.body).toContain('If an account exists for that address, we have sent a link');
    const link = linkInMail(t.dataDir, editor.email, '/password/new/');
    expect(readMails(t.dataDir).pop()?.subject).toBe('Reset your password for Outpost');

    const form = await getPage(t.app, link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="new-password">New password</label>');

    // Too short: refused, and the link still works.
    const short = await postForm(t.app, link, { password: 'short' }, { ip: freshIp() });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Use a password of at least 10 characters.');

    const done = await postForm(t.app, link, { password: 'a brand new passphrase' }, { ip: freshIp() });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin');
    expect(sessionCookieFrom(done)).toBeTruthy();
    expect((await getPage(t.app, '/account', oldSession)).statusCode).toBe(303);
    await expect(signIn(t.app, editor.email)).rejects.toThrow('401');
    await signIn(t.app, editor.email, 'a brand new passphrase');
    expect((await postForm(t.app, link, { password: 'another passphrase!' }, { ip: freshIp() })).statusCode).toBe(410);
  });

  it('answers an unknown address with the same page and sends nothing', async () => {
    const before = readMails(t.dataDir).length;
    const res = await postForm(t.app, '/password/reset', { email: 'ghost@example.org' }, { ip: freshIp() });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('If an account exists for that address, we have sent a link');
    expect(readMails(t.dataDir)).toHaveLength(before);
  });

  it('sends a reader (who has no password) a sign-in link instead', async () => {
    const reader = await makeUser(t.ctx, 'member');
    await postForm(t.app, '/password/reset', { email: reader.email }, { ip: freshIp() });
    expect(linkInMail(t.dataDir, reader.email, '/signin/link/')).toMatch(/^\/signin\/link\//);
  });
});

describe('first run', () => {
  it('creates the owner with the one-time setup link, once', async () => {
    const empty = await createTestApp();
    try {
      const url = await issueSetupLink(empty.ctx);
      expect(url).toMatch(/^http:\/\/outpost\.test\/setup\/[A-Za-z0-9_-]{43}$/);
      const path = (url ?? '').slice(ORIGIN.length);
      const form = await getPage(empty.app, path);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('<label for="setup-email">Email</label>');
      expect(form.body).toContain('<label for="setup-password">Password</label>');

      const weak = await postForm(empty.app, path, { email: 'owner@example.org', name: 'Olive Owner', password: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.body).toContain('Use a password of at least 10 characters.');
      expect(weak.body).toContain('value="owner@example.org"');

      const res = await postForm(empty.app, path, { email: 'Owner@Example.org', name: 'Olive Owner', password: PASSWORD });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin');
      const cookie = sessionCookieFrom(res);
      const admin = await getPage(empty.app, '/admin', cookie);
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain('Olive Owner');
      const owner = await empty.ctx.database.db.selectFrom('users').select(['email', 'role']).executeTakeFirst();
      expect(owner).toEqual({ email: 'owner@example.org', role: 'owner' });

      // Used: it never works again, and no new link is issued once the site has an owner.
      const again = await getPage(empty.app, path);
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('This site has been set up already.');
      const replay = await postForm(empty.app, path, { email: 'intruder@example.org', name: 'Intruder', password: PASSWORD });
      expect(replay.statusCode).toBe(410);
      expect(await issueSetupLink(empty.ctx)).toBeNull();
    } finally {
      await empty.cleanup();
    }
  });

  it('expires after 24 hours, and refuses a made-up token', async () => {
    const empty = await createTestApp();
    try {
      const path = ((await issueSetupLink(empty.ctx)) ?? '').slice(ORIGIN.length);
      expect((await getPage(empty.app, `/setup/${'y'.repeat(43)}`)).statusCode).toBe(404);
      empty.clock.advance(minutes(24 * 60) + 1000);
      const res = await getPage(empty.app, path);
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('This link has expired.');
    } finally {
      await empty.cleanup();
    }
  });
});

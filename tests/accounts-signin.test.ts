import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInLimit } from '../src/http/middleware/sign-in-limits.js';
import { createTestApp, type TestApp } from './support/app.js';
import { freshIp, getPage, makeUser, PASSWORD, postForm, readMails, sessionCookieFrom, setCookieHeader, signIn } from './support/accounts.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

describe('the sign-in page', () => {
  it('has fields labelled "Email" and "Password" and a "Sign in" button', async () => {
    const res = await getPage(t.app, '/signin?next=/admin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatch(/<label for="signin-email">Email<\/label>\s*<input id="signin-email" name="email" type="email"/);
    expect(res.body).toMatch(/<label for="signin-password">Password<\/label>\s*<input id="signin-password" name="password" type="password"/);
    expect(res.body).toContain('<button type="submit">Sign in</button>');
    expect(res.body).toContain('Email me a sign-in link</button>');
    expect(res.body).toContain('<input type="hidden" name="next" value="/admin"/>');
  });
});

describe('password sign-in', () => {
  it('signs staff in with an HttpOnly, SameSite=Lax session cookie and lands on /admin', async () => {
    const editor = await makeUser(t.ctx, 'editor', { name: 'Ada Editor' });
    const res = await postForm(t.app, '/signin', { email: editor.email.toUpperCase(), password: PASSWORD }, { ip: freshIp() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const header = setCookieHeader(res);
    expect(header).toMatch(/^outpost_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Path=/');
    expect(header).not.toContain('Secure');
    const cookie = sessionCookieFrom(res);
    const account = await getPage(t.app, '/account', cookie);
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Ada Editor');
    expect(account.body).toContain(editor.email);
  });

  it('goes back to the page it was sent from, but never to another site', async () => {
    const author = await makeUser(t.ctx, 'author');
    const back = await postForm(t.app, '/signin', { email: author.email, password: PASSWORD, next: '/account' }, { ip: freshIp() });
    expect(back.headers.location).toBe('/account');
    const evil = await postForm(t.app, '/signin', { email: author.email, password: PASSWORD, next: '//evil.example/x' }, { ip: freshIp() });
    expect(evil.headers.location).toBe('/admin');
  });

  it('refuses a wrong password and an unknown email with the same words, and no session', async () => {
    const admin = await makeUser(t.ctx, 'admin');
    const wrong = await postForm(t.app, '/signin', { email: admin.email, password: 'not the password' }, { ip: freshIp() });
    const unknown = await postForm(t.app, '/signin', { email: 'nobody@example.org', password: 'not the password' }, { ip: freshIp() });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('The email or password is not right.');
      expect(sessionCookieFrom(res)).toBeNull();
    }
    // The form comes back with the address typed in, and nothing says whether the account exists.
    expect(wrong.body).toContain(`value="${admin.email}"`);
    expect(wrong.body.replace(admin.email, 'X')).toBe(unknown.body.replace('nobody@example.org', 'X'));
  });

  it('never lets a reader in by password: readers use emailed links', async () => {
    const reader = await makeUser(t.ctx, 'member', { password: PASSWORD });
    const res = await postForm(t.app, '/signin', { email: reader.email, password: PASSWORD }, { ip: freshIp() });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('press “Email me a sign-in link”');
  });

  it('refuses a suspended account, and ends what its sessions could do', async () => {
    const author = await makeUser(t.ctx, 'author');
    const cookie = await signIn(t.app, author.email);
    expect((await getPage(t.app, '/admin', cookie)).statusCode).toBe(200);
    await t.ctx.database.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', author.id).execute();
    const res = await postForm(t.app, '/signin', { email: author.email, password: PASSWORD }, { ip: freshIp() });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This account is suspended.');
    expect(sessionCookieFrom(res)).toBeNull();
    // The old session is treated as signed out: the cookie is cleared and /admin asks to sign in.
    const admin = await getPage(t.app, '/admin', cookie);
    expect(admin.statusCode).toBe(303);
    expect(admin.headers.location).toBe('/signin?next=%2Fadmin');
    expect(sessionCookieFrom(admin)).toBe('');
  });

  it('asks for the password when it is missing', async () => {
    const res = await postForm(t.app, '/signin', { email: 'someone@example.org', password: '' }, { ip: freshIp() });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Type your password, or press “Email me a sign-in link”');
  });
});

describe('session fixation', () => {
  it('gives a new session id at every sign-in and kills the one the browser had', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    // A session id planted by an attacker before sign-in is never adopted.
    const planted = 'A'.repeat(43);
    const first = await postForm(t.app, '/signin', { email: editor.email, password: PASSWORD }, { cookie: planted, ip: freshIp() });
    const s1 = sessionCookieFrom(first);
    expect(s1).toBeTruthy();
    expect(s1).not.toBe(planted);
    expect((await getPage(t.app, '/account', planted)).statusCode).toBe(303);

    // Signing in again from a signed-in browser rotates the id; the old one is dead.
    const second = await postForm(t.app, '/signin', { email: editor.email, password: PASSWORD }, { cookie: s1, ip: freshIp() });
    const s2 = sessionCookieFrom(second);
    expect(s2).toBeTruthy();
    expect(s2).not.toBe(s1);
    expect((await getPage(t.app, '/account', s1)).statusCode).toBe(303);
    expect((await getPage(t.app, '/account', s2)).statusCode).toBe(200);
    const rows = await t.ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', editor.id).execute();
    expect(rows).toHaveLength(1);
    // Only the hash is stored, never the cookie's value.
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.id).not.toBe(s2);
  });
});

describe('rate limits', () => {
  it(`allows ${signInLimit.perAccount} attempts per account in 15 minutes, from any address, then 429 with Retry-After`, async () => {
    const editor = await makeUser(t.ctx, 'editor');
    for (let i = 0; i < signInLimit.perAccount; i++) {
      const res = await postForm(t.app, '/signin', { email: editor.email, password: `wrong ${i}` }, { ip: freshIp() });
      expect(res.statusCode).toBe(401);
    }
    const limited = await postForm(t.app, '/signin', { email: editor.email, password: PASSWORD }, { ip: freshIp() });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toContain('Too many requests. Please wait');
    expect(sessionCookieFrom(limited)).toBeNull();
    // Asking for links for the same account counts against the same budget.
    const link = await postForm(t.app, '/signin/link', { email: editor.email }, { ip: freshIp() });
    expect(link.statusCode).toBe(429);
  });

  it(`allows ${signInLimit.perIp} attempts per address in 15 minutes, whatever the accounts, then 429`, async () => {
    const ip = freshIp();
    for (let i = 0; i < signInLimit.perIp; i++) {
      const res = await postForm(t.app, '/signin', { email: `guess${i}@example.org`, password: 'guess' }, { ip });
      expect(res.statusCode).toBe(401);
    }
    const limited = await postForm(t.app, '/password/reset', { email: 'another@example.org' }, { ip });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await postForm(t.app, '/signin', { email: 'guess@example.org', password: 'guess' }, { ip: freshIp() })).statusCode).toBe(401);
  });
});

describe('the header and the anonymous page cache', () => {
  it('caches one "Sign in" page for everyone and shows a signed-in reader their name and "Sign out"', async () => {
    await makeArticle(t.ctx, { title: 'Cached report', slug: 'cached-report' });
    const editor = await makeUser(t.ctx, 'editor', { name: 'Grace Header' });
    const cookie = await signIn(t.app, editor.email);

    const anonymous = await getPage(t.app, '/articles/cached-report');
    expect(anonymous.body).toContain('<a href="/signin">Sign in</a>');
    expect((await getPage(t.app, '/articles/cached-report')).headers['x-cache']).toBe('hit');

    const personal = await getPage(t.app, '/articles/cached-report', cookie);
    expect(personal.statusCode).toBe(200);
    expect(personal.headers['x-cache']).toBeUndefined();
    expect(personal.headers['cache-control']).toBe('private, no-cache');
    expect(personal.body).toContain('Grace Header');
    expect(personal.body).toContain('action="/signout"');
    expect(personal.body).not.toContain('<a href="/signin">Sign in</a>');

    // The shared cached page never picked up anything personal.
    const after = await getPage(t.app, '/articles/cached-report');
    expect(after.headers['x-cache']).toBe('hit');
    expect(after.body).not.toContain('Grace Header');
    expect(after.body).not.toContain('_csrf');
    expect(after.headers['set-cookie']).toBeUndefined();
  });

  it('answers an address without an account with the same page, and emails it a sign-up link only', async () => {
    const before = readMails(t.dataDir).length;
    const res = await postForm(t.app, '/signin/link', { email: 'no-account@example.org' }, { ip: freshIp() });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('If an account exists for that address, we have sent a link');
    // The sign-up link itself: tests/accounts-links.test.ts.
    const mails = readMails(t.dataDir).slice(before);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([['no-account@example.org', 'Join Outpost']]);
  });
});

describe('Secure cookies', () => {
  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const https = await createTestApp({ env: { PUBLIC_URL: 'https://outpost.test' } });
    try {
      const editor = await makeUser(https.ctx, 'editor');
      const res = await https.app.inject({
        method: 'POST',
        url: '/signin',
        headers: { origin: 'https://outpost.test', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email: editor.email, password: PASSWORD }).toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(setCookieHeader(res)).toContain('Secure');
    } finally {
      await https.cleanup();
    }
  });
});

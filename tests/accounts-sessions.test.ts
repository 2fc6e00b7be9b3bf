import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/features/accounts/tokens.js';
import { createTestApp, type TestApp } from './support/app.js';
import { csrfFor, getPage, makeUser, postForm, sessionCookieFrom, signIn } from './support/accounts.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

describe('CSRF tokens on signed-in forms', () => {
  it('refuses a signed-in POST without the token, or with a wrong one, with a 403 that says why', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    const cookie = await signIn(t.app, editor.email);
    const other = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
    const otherToken = await csrfFor(t.app, other);
    for (const form of [{}, { _csrf: 'forged' }, { _csrf: otherToken }] as Array<Record<string, string>>) {
      const res = await postForm(t.app, '/account/sessions/revoke-all', form, { cookie });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('This form has expired');
      expect(res.body).toContain('The form was missing its security token, or the token did not match your session');
    }
    const signOut = await postForm(t.app, '/signout', {}, { cookie });
    expect(signOut.statusCode).toBe(403);
    // Nothing happened: still signed in.
    expect((await getPage(t.app, '/account', cookie)).statusCode).toBe(200);
  });

  it('accepts the token from the page, in the form or in the X-CSRF-Token header', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    const cookie = await signIn(t.app, editor.email);
    const token = await csrfFor(t.app, cookie);
    const json = await t.app.inject({
      method: 'POST',
      url: '/signout',
      headers: { origin: 'http://outpost.test', cookie: `outpost_session=${cookie}`, 'x-csrf-token': token, accept: 'application/json' },
    });
    expect(json.statusCode).toBe(303);
    const again = await signIn(t.app, editor.email);
    const res = await postForm(t.app, '/signout', { _csrf: await csrfFor(t.app, again) }, { cookie: again });
    expect(res.statusCode).toBe(303);
  });

  it('answers a JSON client with a 403 error code', async () => {
    const cookie = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
    const res = await t.app.inject({ method: 'POST', url: '/signout', headers: { origin: 'http://outpost.test', cookie: `outpost_session=${cookie}`, accept: 'application/json' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_invalid');
  });

  it('keeps the same-origin check as well: a cross-site POST with the right token is refused', async () => {
    const cookie = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
    const token = await csrfFor(t.app, cookie);
    const res = await postForm(t.app, '/signout', { _csrf: token }, { cookie, headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('sent from another site');
  });

  it('changes the token when the session changes (sign-in rotates both)', async () => {
    const email = (await makeUser(t.ctx, 'editor')).email;
    const first = await signIn(t.app, email);
    const second = await signIn(t.app, email);
    expect(await csrfFor(t.app, first)).not.toBe(await csrfFor(t.app, second));
  });
});

describe('sessions in the profile', () => {
  it('lists every browser signed in, marks this one, and signs one out', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    const laptop = await signIn(t.app, editor.email);
    const phone = sessionCookieFrom(
      await postForm(t.app, '/signin', { email: editor.email, password: 'correct horse battery staple' }, {
        ip: '192.0.2.7',
        headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
      }),
    );
    expect(phone).toBeTruthy();
    const page = await getPage(t.app, '/account', laptop);
    expect(page.body).toContain('Where you are signed in');
    expect(page.body).toContain('Safari · iOS');
    expect(page.body).toContain('192.0.2.7');
    expect(page.body.match(/\(this browser\)/g)).toHaveLength(1);
    expect(page.body).toContain('Sign out everywhere');

    const phoneId = hashToken(phone ?? '');
    const res = await postForm(t.app, `/account/sessions/${phoneId}/revoke`, { _csrf: await csrfFor(t.app, laptop) }, { cookie: laptop });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?revoked=1');
    expect((await getPage(t.app, '/account', phone)).statusCode).toBe(303);
    const after = await getPage(t.app, '/account?revoked=1', laptop);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('That browser has been signed out.');
  });

  it('answers a signed-out request as signed out, before judging its input', async () => {
    const res = await postForm(t.app, '/account/sessions/not-a-session-id/revoke', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin');
    const api = await t.app.inject({ method: 'POST', url: '/account/sessions/not-a-session-id/revoke', headers: { origin: 'http://outpost.test', accept: 'application/json' } });
    expect(api.statusCode).toBe(401);
  });

  it('cannot revoke somebody else’s session', async () => {
    const mine = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
    const theirs = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
    const res = await postForm(t.app, `/account/sessions/${hashToken(theirs)}/revoke`, { _csrf: await csrfFor(t.app, mine) }, { cookie: mine });
    expect(res.statusCode).toBe(404);
    expect((await getPage(t.app, '/account', theirs)).statusCode).toBe(200);
  });

  it('"Sign out everywhere" ends every session of the account, this one included', async () => {
    const editor = await makeUser(t.ctx, 'editor');
    const a = await signIn(t.app, editor.email);
    const b = await signIn(t.app, editor.email);
    const bystander = await signIn(t.app, (await makeUser(t.ctx, 'editor')).email);
    const res = await postForm(t.app, '/account/sessions/revoke-all', { _csrf: await csrfFor(t.app, a) }, { cookie: a });
    expect(res.statusCode).toBe(303);
    expect(sessionCookieFrom(res)).toBe('');
    for (const cookie of [a, b]) expect((await getPage(t.app, '/account', cookie)).statusCode).toBe(303);
    expect((await getPage(t.app, '/account', bystander)).statusCode).toBe(200);
  });

  it('"Sign out" ends this session and clears the cookie', async () => {
    const cookie = await signIn(t.app, (await makeUser(t.ctx, 'author')).email);
    const res = await postForm(t.app, '/signout', { _csrf: await csrfFor(t.app, cookie) }, { cookie });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(sessionCookieFrom(res)).toBe('');
    expect((await getPage(t.app, '/account', cookie)).statusCode).toBe(303);
  });

  it('expires a session after 30 days', async () => {
    const cookie = await signIn(t.app, (await makeUser(t.ctx, 'author')).email);
    t.clock.advance(30 * 24 * 60 * 60_000 + 1000);
    const res = await getPage(t.app, '/account', cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Faccount');
  });
});

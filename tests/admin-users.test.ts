import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/schema/index.js';
import { changeUserRole, setUserSuspended } from '../src/features/accounts/change-user.js';
import { csrfFor, freshIp, getPage, linkInMail, makeUser, ORIGIN, postForm, readMails, sessionCookieFrom, signIn } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';

let t: TestApp;
type Session = { id: number; email: string; name: string; cookie: string; csrf: string };
const people = new Map<string, Session>();

async function person(key: string, role: Role, password = 'correct horse battery staple'): Promise<Session> {
  const user = await makeUser(t.ctx, role, { name: `${key}`, password });
  const cookie = await signIn(t.app, user.email, password);
  const s = { id: user.id, email: user.email, name: user.name, cookie, csrf: await csrfFor(t.app, cookie) };
  people.set(key, s);
  return s;
}
const as = (key: string): Session => {
  const s = people.get(key);
  if (!s) throw new Error(key);
  return s;
};
const post = (who: Session, url: string, form: Record<string, string>) => postForm(t.app, url, { _csrf: who.csrf, ...form }, { cookie: who.cookie });
const user = (id: number) => t.ctx.database.db.selectFrom('users').select(['id', 'role', 'status', 'password_hash']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  await person('Olive Owner', 'owner');
  await person('Ada Admin', 'admin');
  await person('Eddie Editor', 'editor');
});
afterAll(() => t.cleanup());

describe('invitations', () => {
  it('invites a member of staff by email; the link sets a password and signs them in with the role', async () => {
    const page = await getPage(t.app, '/admin/users', as('Ada Admin').cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="u-role">Role</label>');
    const offered = [...(page.body.match(/<select id="u-role" name="role">(.*?)<\/select>/)?.[1] ?? '').matchAll(/value="(\w+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['admin', 'editor', 'author', 'moderator']);

    const res = await post(as('Ada Admin'), '/admin/users/invite', { email: ' New.Reporter@Example.org ', name: 'Nell Reporter', role: 'author' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users?invited=new.reporter%40example.org');
    const row = await t.ctx.database.db.selectFrom('users').selectAll().where('email', '=', 'new.reporter@example.org').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Nell Reporter', role: 'author', status: 'active', password_hash: null });
    const listed = await getPage(t.app, '/admin/users?invited=new.reporter%40example.org', as('Ada Admin').cookie);
    expect(listed.body).toContain('Invitation sent to new.reporter@example.org.');
    expect(listed.body).toMatch(/<th scope="row">Nell Reporter<\/th><td>new\.reporter@example\.org<\/td><td>author<\/td><td><span class="status status-active">Invited<\/span>/);

    const mail = readMails(t.dataDir).find((m) => m.to.includes('new.reporter@example.org'));
    expect(mail?.subject).toBe('You are invited to Outpost');
    expect(mail?.text).toContain('Ada Admin invited you to join Outpost as author.');
    expect(mail?.text).toContain('It works once, within 7 days');
    const link = linkInMail(t.dataDir, 'new.reporter@example.org', '/password/new/');
    const form = await getPage(t.app, link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Choose your password');
    const set = await postForm(t.app, link, { password: 'a brand new passphrase' }, { ip: freshIp() });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/admin');
    const cookie = sessionCookieFrom(set);
    expect((await getPage(t.app, '/admin/articles', cookie)).statusCode).toBe(200);
    expect((await getPage(t.app, '/admin/users', cookie)).statusCode).toBe(403);
    // The link worked once.
    expect((await postForm(t.app, link, { password: 'another passphrase!' }, { ip: freshIp() })).statusCode).toBe(410);
  });

  it('refuses the owner role, an address in use, a bad address, and people who may not invite', async () => {
    const admin = as('Ada Admin');
    const owner = await post(admin, '/admin/users/invite', { email: 'boss@example.org', name: 'Boss', role: 'owner' });
    expect(owner.statusCode).toBe(422);
    expect(owner.body).toContain('Choose one of the roles offered.');
    const taken = await post(admin, '/admin/users/invite', { email: as('Eddie Editor').email, name: '', role: 'author' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('An account already uses this email address.');
    const bad = await post(admin, '/admin/users/invite', { email: 'not-an-address', name: 'X', role: 'author' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter an email address such as name@example.org.');
    expect(bad.body).toContain('value="not-an-address"');
    expect((await post(as('Eddie Editor'), '/admin/users/invite', { email: 'x@example.org', role: 'author' })).statusCode).toBe(403);
    expect(await t.ctx.database.db.selectFrom('users').select('id').where('email', 'in', ['boss@example.org', 'x@example.org']).execute()).toHaveLength(0);
  });
});

describe('roles and suspension', () => {
  it('changes roles as the policy allows: never the owner’s (for an admin), never one’s own, never to owner', async () => {
    const admin = as('Ada Admin');
    const target = await makeUser(t.ctx, 'author', { name: 'Role target' });
    expect((await post(admin, `/admin/users/${target.id}/role`, { role: 'editor' })).statusCode).toBe(303);
    expect((await user(target.id)).role).toBe('editor');

    const toOwner = await post(admin, `/admin/users/${target.id}/role`, { role: 'owner' });
    expect(toOwner.statusCode).toBe(403);
    expect(toOwner.body).toContain('Your role cannot make this change to this account.');
    expect((await post(admin, `/admin/users/${as('Olive Owner').id}/role`, { role: 'editor' })).statusCode).toBe(403);
    expect((await post(admin, `/admin/users/${admin.id}/role`, { role: 'editor' })).statusCode).toBe(403);
    expect((await post(as('Olive Owner'), `/admin/users/${as('Olive Owner').id}/role`, { role: 'admin' })).statusCode).toBe(403);
    // Not even the owner makes a second owner: the screen offers no such role, and a forged post is refused.
    const ownersScreen = (await getPage(t.app, '/admin/users', as('Olive Owner').cookie)).body;
    expect(ownersScreen).toContain(`id="role-${target.id}"`);
    expect(ownersScreen).not.toContain('<option value="owner"');
    expect((await post(as('Olive Owner'), `/admin/users/${target.id}/role`, { role: 'owner' })).statusCode).toBe(403);
    expect((await user(target.id)).role).toBe('editor');
    expect((await post(admin, `/admin/users/${target.id}/role`, { role: 'wizard' })).statusCode).toBe(422);
    expect((await post(admin, '/admin/users/999999/role', { role: 'editor' })).statusCode).toBe(404);
    expect((await user(as('Olive Owner').id)).role).toBe('owner');

    // The owner may change an admin.
    expect((await post(as('Olive Owner'), `/admin/users/${target.id}/role`, { role: 'admin' })).statusCode).toBe(303);
    const list = await getPage(t.app, '/admin/users', admin.cookie);
    // No controls on the owner's row, nor on one's own, for an admin.
    expect(list.body).not.toContain(`action="/admin/users/${as('Olive Owner').id}/role"`);
    expect(list.body).not.toContain(`action="/admin/users/${admin.id}/suspend"`);
    expect(list.body).toContain(`action="/admin/users/${target.id}/suspend"`);
    expect(list.body).toContain('<span class="muted"> (you)</span>');
  });

  it('suspends an account: signed out everywhere at once, no sign-in until the suspension is lifted', async () => {
    const victim = await person('Sam Suspended', 'editor');
    expect((await getPage(t.app, '/admin', victim.cookie)).statusCode).toBe(200);
    const res = await post(as('Ada Admin'), `/admin/users/${victim.id}/suspend`, {});
    expect(res.statusCode).toBe(303);
    expect((await user(victim.id)).status).toBe('suspended');
    expect(await t.ctx.database.db.selectFrom('sessions').select('id').where('user_id', '=', victim.id).execute()).toHaveLength(0);
    expect((await getPage(t.app, '/admin', victim.cookie)).statusCode).toBe(303);
    const again = await postForm(t.app, '/signin', { email: victim.email, password: 'correct horse battery staple' }, { ip: freshIp() });
    expect(sessionCookieFrom(again)).toBeFalsy();
    const list = await getPage(t.app, '/admin/users', as('Ada Admin').cookie);
    expect(list.body).toContain(`action="/admin/users/${victim.id}/unsuspend"`);
    expect(list.body).toContain('aria-label="Lift suspension of Sam Suspended"');

    expect((await post(as('Ada Admin'), `/admin/users/${victim.id}/unsuspend`, {})).statusCode).toBe(303);
    expect((await user(victim.id)).status).toBe('active');
    expect(await signIn(t.app, victim.email)).toBeTruthy();

    // An admin cannot suspend the owner; nobody suspends themselves.
    expect((await post(as('Ada Admin'), `/admin/users/${as('Olive Owner').id}/suspend`, {})).statusCode).toBe(403);
    expect((await post(as('Olive Owner'), `/admin/users/${as('Olive Owner').id}/suspend`, {})).statusCode).toBe(403);
    expect((await user(as('Olive Owner').id)).status).toBe('active');
  });

  it('never leaves the site without an active owner', async () => {
    const owner = as('Olive Owner');
    // A second owner (a database from before `outpost user create` refused one) may be demoted by the first…
    const second = await makeUser(t.ctx, 'owner', { name: 'Second owner' });
    await changeUserRole(t.ctx, { actor: { id: owner.id, role: 'owner' }, userId: second.id, role: 'admin' });
    expect((await user(second.id)).role).toBe('admin');
    // …but the last active owner stays one, whoever asks (the backstop under the policy).
    const ghost = { id: 987_654, role: 'owner' as const };
    await expect(changeUserRole(t.ctx, { actor: ghost, userId: owner.id, role: 'admin' })).rejects.toMatchObject({ code: 'account_last_owner' });
    await expect(setUserSuspended(t.ctx, { actor: ghost, userId: owner.id, suspended: true })).rejects.toMatchObject({ code: 'account_last_owner' });
    expect(await user(owner.id)).toMatchObject({ role: 'owner', status: 'active' });
  });

  it('lists readers apart from staff', async () => {
    await makeUser(t.ctx, 'member', { name: 'Rita Reader' });
    const staff = await getPage(t.app, '/admin/users', as('Olive Owner').cookie);
    expect(staff.body).not.toContain('Rita Reader');
    const readers = await getPage(t.app, '/admin/users?who=readers', as('Olive Owner').cookie);
    expect(readers.body).toContain('<th scope="row">Rita Reader</th>');
    expect(readers.body).toContain('<a href="/admin/users?who=readers" aria-current="page">Readers</a>');
    expect(ORIGIN).toBe('http://outpost.test');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/schema/index.js';
import { can } from '../src/features/accounts/policy.js';
import { createComment } from '../src/features/discussion/create-comment.js';
import { createTestApp, type TestApp } from './support/app.js';
import { csrfFor, getPage, makeUser, ORIGIN, signIn } from './support/accounts.js';
import { saveArticle } from '../src/features/articles/save-article.js';
import { uploadMedia } from '../src/features/media/upload-media.js';
import { makeArticle } from './support/factories.js';
import { pngBytes } from './support/media.js';

let t: TestApp;
const roles: Role[] = ['owner', 'admin', 'editor', 'author', 'moderator', 'member'];
const sessions = new Map<Role, { cookie: string; csrf: string; name: string }>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of roles) {
    const user = await makeUser(t.ctx, role, { password: 'correct horse battery staple', name: `Matrix ${role}` });
    // Readers cannot sign in by password; give this one a session through a sign-in link.
    const cookie = role === 'member' ? await memberSession(user.id) : await signIn(t.app, user.email);
    sessions.set(role, { cookie, csrf: await csrfFor(t.app, cookie), name: user.name });
    ids.set(role, user.id);
  }
  await addContentSamples();
});
afterAll(() => t.cleanup());

async function memberSession(userId: number): Promise<string> {
  const { createSignInLink } = await import('../src/features/accounts/login-links.js');
  const { url } = await createSignInLink(t.ctx, { userId });
  const res = await t.app.inject({ method: 'POST', url: url.slice(ORIGIN.length), headers: { origin: ORIGIN } });
  const cookie = res.cookies.find((c) => c.name === 'outpost_session')?.value;
  if (!cookie) throw new Error(`no member session: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return cookie;
}

/**
 * A concrete, harmless URL for each staff route pattern with parameters (an id that exists, a
 * target whose change does not matter). The matrix fails for a route it cannot call, so no screen
 * escapes it: a feature that adds `/admin/articles/:id` adds a line here.
 */
const samples: Record<string, string> = {};
const ids = new Map<Role, number>();

/** The content screens' samples: an article and an upload of "Matrix author", a reader to change. */
async function addContentSamples() {
  const authorId = ids.get('author') ?? 0;
  const article = await makeArticle(t.ctx, { authorIds: [authorId], status: 'draft', publishedAt: null });
  await saveArticle(t.ctx, { title: 'Matrix article, second save', bodyMarkdown: 'Text.', status: 'draft', authorIds: [authorId] }, article.id);
  const revision = await t.ctx.database.db.selectFrom('article_revisions').select('id').where('article_id', '=', article.id).orderBy('id').executeTakeFirstOrThrow();
  const media = await uploadMedia(t.ctx, { actor: { id: authorId, role: 'author' }, filename: 'matrix.png', bytes: await pngBytes(32, 24) });
  const reader = await makeUser(t.ctx, 'member', { name: 'Matrix target' });
  Object.assign(samples, {
    '/admin/articles/:id': `/admin/articles/${article.id}`,
    '/admin/articles/:id/revisions': `/admin/articles/${article.id}/revisions`,
    '/admin/articles/:id/revisions/:revision/restore': `/admin/articles/${article.id}/revisions/${revision.id}/restore`,
    '/admin/media/:id': `/admin/media/${media.id}`,
    '/admin/media/:id/delete': `/admin/media/${media.id}/delete`,
    '/admin/users/:id/role': `/admin/users/${reader.id}/role`,
    '/admin/users/:id/suspend': `/admin/users/${reader.id}/suspend`,
    '/admin/users/:id/unsuspend': `/admin/users/${reader.id}/unsuspend`,
    // A job that does not exist: allowed roles get a 404, the rest the guard's 403.
    '/admin/notifications/:id/retry': '/admin/notifications/999999/retry',
    // Moderation: a comment and a ban that do not exist; allowed roles get a 422 or 404.
    '/admin/moderation/comments/:id/edit': '/admin/moderation/comments/999999/edit',
    '/admin/moderation/comments/:id/ban': '/admin/moderation/comments/999999/ban',
    '/admin/moderation/bans/:id/lift': '/admin/moderation/bans/999999/lift',
  });
}

const staffOnly = /^\/(admin|api\/v1\/admin)(\/|$)/;
const staffRoutes = () => t.app.guardedRoutes.filter((r) => staffOnly.test(r.url));

function session(role: Role) {
  const s = sessions.get(role);
  if (!s) throw new Error(`no session for ${role}`);
  return s;
}

describe('route × role matrix', () => {
  it('covers every /admin and /api/v1/admin route', () => {
    const routes = staffRoutes().map((r) => `${r.method} ${r.url}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /admin',
        'GET /api/v1/admin/dashboard',
        'GET /admin/articles',
        'POST /admin/articles/:id',
        'POST /admin/media',
        'GET /admin/users',
        'POST /admin/settings',
      ]),
    );
    // Every route under /admin is guarded: buildApp refuses to start otherwise (auth-guard.ts), so
    // the guarded list is the full list. Cross-check it against the router itself.
    for (const r of staffRoutes()) expect(t.app.hasRoute({ method: r.method as 'GET', url: r.url }), `${r.method} ${r.url}`).toBe(true);
  });

  it('refuses to start with a staff route that declares no guard', async () => {
    const { default: Fastify } = await import('fastify');
    const { installAuthGuard } = await import('../src/http/middleware/auth-guard.js');
    const app = Fastify();
    installAuthGuard(app, t.ctx);
    expect(() => app.get('/admin/forgotten', async () => 'oops')).toThrow('/admin/forgotten is a staff route but declares no config.auth');
    expect(() => app.get('/api/v1/admin/forgotten', async () => 'oops')).toThrow('declares no config.auth');
    app.get('/admin/guarded', { config: { auth: 'settings.manage' } }, async () => 'ok');
    expect(app.guardedRoutes).toEqual([{ method: 'GET', url: '/admin/guarded', auth: 'settings.manage' }]);
    await app.close();
  });

  it('answers every guarded route, for every role and signed out, as the policy says', async () => {
    const checked: string[] = [];
    for (const route of staffRoutes()) {
      const url = samples[route.url] ?? route.url;
      expect(url, `add a sample URL for ${route.method} ${route.url} to the matrix test`).not.toContain(':');
      const api = url.startsWith('/api/');
      const inject = (headers: Record<string, string>, payload?: string) =>
        t.app.inject({ method: route.method as 'GET' | 'POST', url, headers: { origin: ORIGIN, ...(api ? { accept: 'application/json' } : {}), ...headers }, payload });

      // Signed out: sent to sign in (pages) or 401 (API).
      const anonymous = await inject({});
      if (api) expect(anonymous.statusCode, `${route.method} ${url} signed out`).toBe(401);
      else expect([303, 401], `${route.method} ${url} signed out`).toContain(anonymous.statusCode);
      if (!api && route.method === 'GET') expect(anonymous.headers.location).toBe(`/signin?next=${encodeURIComponent(url)}`);

      for (const role of roles) {
        const { cookie, csrf } = session(role);
        const allowed = route.auth === 'session' || can({ id: 0, role }, route.auth);
        const headers = { cookie: `outpost_session=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' };
        const res = route.method === 'GET' ? await inject({ cookie: headers.cookie }) : await inject(headers, new URLSearchParams({ _csrf: csrf }).toString());
        const where = `${route.method} ${url} as ${role}`;
        if (!allowed) {
          expect(res.statusCode, where).toBe(403);
          if (!api) expect(res.body, where).toContain('You do not have access to this page');
        } else if (route.method === 'GET') {
          expect(res.statusCode, where).toBe(200);
        } else {
          expect([401, 403], where).not.toContain(res.statusCode);
        }
        checked.push(where);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(roles.length * 2);
  });

  it('tells a signed-in account without the right who it is and what is missing', async () => {
    const res = await getPage(t.app, '/admin', session('member').cookie);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('<h1>You do not have access to this page</h1>');
    expect(res.body).toContain('You are signed in as Matrix member (reader), and this page needs a role you do not have.');
    const api = await t.app.inject({ url: '/api/v1/admin/dashboard', headers: { cookie: `outpost_session=${session('member').cookie}` } });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe('forbidden');
    const signedOut = await t.app.inject({ url: '/api/v1/admin/dashboard' });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json().error.code).toBe('unauthenticated');
  });
});

describe('admin shell and dashboard', () => {
  it('shows only the screens that exist, and the account, in the navigation', async () => {
    const res = await getPage(t.app, '/admin', session('editor').cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<nav class="admin-nav" aria-label="Admin">');
    expect(res.body).toContain('<a href="/admin" aria-current="page">Dashboard</a>');
    // An editor writes and uploads; users, settings and campaigns are the owner's and admins'.
    // …and moderates the discussion.
    expect(res.body).toContain('<li><a href="/admin/articles">Articles</a></li><li><a href="/admin/media">Media</a></li><li><a href="/admin/moderation">Comment moderation</a></li>');
    for (const missing of ['>Users<', '>Settings<', '>Campaigns<']) expect(res.body).not.toContain(missing);
    const admin = await getPage(t.app, '/admin/articles', session('admin').cookie);
    expect(admin.body).toContain('<a href="/admin/articles" aria-current="page">Articles</a>');
    // The content screens, in the documented order (other features' screens may sit between them).
    const nav = [...(admin.body.match(/<nav class="admin-nav"[^>]*>(.*?)<\/nav>/)?.[1] ?? '').matchAll(/>([^<>]+)<\/a>/g)].map((m) => m[1]);
    expect(nav.filter((label) => ['Dashboard', 'Articles', 'Media', 'Campaigns', 'Users', 'Settings'].includes(label ?? ''))).toEqual([
      'Dashboard',
      'Articles',
      'Media',
      'Campaigns',
      'Users',
      'Settings',
    ]);
    expect(res.body).toContain('Matrix editor');
    expect(res.body).toContain('action="/signout"');
  });

  it('counts articles by status and today’s comments, and charts 30 days of comments and publishing', async () => {
    const now = t.clock.now().getTime();
    const day = 86_400_000;
    const article = await makeArticle(t.ctx, { publishedAt: new Date(now - 2 * day).toISOString() });
    await makeArticle(t.ctx, { publishedAt: new Date(now - 2 * day).toISOString() });
    await makeArticle(t.ctx, { publishedAt: new Date(now).toISOString() });
    await makeArticle(t.ctx, { publishedAt: new Date(now - 40 * day).toISOString() });
    await makeArticle(t.ctx, { status: 'draft' });
    await makeArticle(t.ctx, { status: 'scheduled', publishedAt: new Date(now + day).toISOString() });
    const owner = await t.ctx.database.db.selectFrom('users').select('id').where('role', '=', 'owner').executeTakeFirstOrThrow();
    await createComment(t.ctx, { identity: { kind: 'user', userId: owner.id }, articleId: article.id, body: 'First!' });

    const api = await t.app.inject({ url: '/api/v1/admin/dashboard', headers: { cookie: `outpost_session=${session('author').cookie}` } });
    expect(api.statusCode).toBe(200);
    const stats = api.json();
    // Drafts: the one above and the route matrix's sample article.
    expect(stats.articles).toEqual({ published: 4, scheduled: 1, draft: 2 });
    expect(stats.comments).toEqual({ today: 1, pending: 0 });
    expect(stats.publishedPerDay).toHaveLength(30);
    expect(stats.publishedPerDay.at(-1)).toMatchObject({ day: '2026-05-20', count: 1 });
    expect(stats.publishedPerDay.at(-3)).toMatchObject({ day: '2026-05-18', count: 2 });
    expect(stats.publishedPerDay.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(3);

    const page = await getPage(t.app, '/admin', session('author').cookie);
    expect(page.body).toMatch(/<dt>Comments today<\/dt><dd>1<\/dd>/);
    expect(page.body).toMatch(/<dt>Published articles<\/dt><dd>4<\/dd>/);
    expect(page.body).toContain('role="img" aria-label="Articles published per day, last 30 days"');
    expect(page.body).toContain('<desc id="chart-published-desc">3 articles published in the last 30 days.</desc>');
    expect(page.body).toContain('<table class="visually-hidden"><caption>Articles published per day, last 30 days</caption>');
    const publishedChart = page.body.match(/<figure class="chart" id="chart-published">.*?<\/figure>/s)?.[0] ?? '';
    expect(publishedChart).toContain('<th scope="row">May 18, 2026</th><td>2</td>');
    expect(publishedChart.match(/<rect /g)).toHaveLength(30);
    // Comments per day sits beside it (its own test: tests/admin-dashboard.test.ts).
    expect(stats.commentsPerDay.at(-1)).toMatchObject({ day: '2026-05-20', count: 1 });
    expect(page.body).toContain('role="img" aria-label="Comments per day, last 30 days"');
  });

  it('reads CSRF tokens for its own forms from the session', async () => {
    const res = await getPage(t.app, '/admin', session('admin').cookie);
    expect(res.body).toContain(`name="_csrf" value="${session('admin').csrf}"`);
  });
});

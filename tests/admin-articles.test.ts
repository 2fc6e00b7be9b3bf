import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/schema/index.js';
import { rules } from '../src/features/accounts/policy.js';
import { renderArticleBody } from '../src/features/articles/render-body.js';
import { saveArticle } from '../src/features/articles/save-article.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { csrfFor, getPage, makeUser, ORIGIN, signIn } from './support/accounts.js';
import { createTestApp, type TestApp } from './support/app.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;
type Session = { id: number; name: string; cookie: string; csrf: string };
const people = new Map<string, Session>();

async function person(key: string, role: Role): Promise<Session> {
  const user = await makeUser(t.ctx, role, { name: `${key} ${role}` });
  const cookie = await signIn(t.app, user.email);
  const s = { id: user.id, name: user.name, cookie, csrf: await csrfFor(t.app, cookie) };
  people.set(key, s);
  return s;
}
const as = (key: string) => {
  const s = people.get(key);
  if (!s) throw new Error(`no ${key}`);
  return s;
};

/** A browser-like form post; repeated fields (authorIds) as pairs. */
function post(url: string, who: Session, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ _csrf: who.csrf });
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie: `outpost_session=${who.cookie}`, ...headers },
    payload: body.toString(),
  });
}

const article = (id: number) => t.ctx.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const revisions = (id: number) => t.ctx.database.db.selectFrom('article_revisions').selectAll().where('article_id', '=', id).orderBy('id').execute();
const idFrom = (location: string | undefined) => Number(/\/admin\/articles\/(\d+)/.exec(location ?? '')?.[1]);

beforeAll(async () => {
  t = await createTestApp();
  await person('editor', 'editor');
  await person('alice', 'author');
  await person('bob', 'author');
});
afterAll(() => t.cleanup());

describe('the article editor', () => {
  it('creates an article from the form, with its authors, topics and cover, and writes a revision', async () => {
    const editor = as('editor');
    const form = await getPage(t.app, '/admin/articles/new', editor.cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label for="a-title">Title</label>');
    expect(form.body).toContain('<label for="a-body">Body (Markdown)</label>');
    expect(form.body).toContain(`<option value="${editor.id}" selected>`);
    expect(form.body).toMatch(/<script type="module" src="\/assets\/admin-editor\.[0-9a-f]+\.js"><\/script>/);

    const res = await post('/admin/articles', editor, {
      intent: 'save',
      title: 'River crossing reopens',
      standfirst: 'Ferries run again.',
      bodyMarkdown: 'The first ferry left at dawn.',
      tags: 'Transport, Frontline',
      authorIds: [String(editor.id), String(as('alice').id)],
      coverUrl: 'https://images.example.org/ferry.jpg',
      coverAlt: 'A ferry',
      coverCaption: 'At dawn',
      coverCredit: 'Photo: A. Reporter',
      commentsOpen: '1',
      status: 'draft',
    });
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    expect(res.headers.location).toBe(`/admin/articles/${id}?saved=1`);
    const row = await article(id);
    expect(row).toMatchObject({ slug: 'river-crossing-reopens', status: 'draft', cover_url: 'https://images.example.org/ferry.jpg', cover_credit: 'Photo: A. Reporter', comments_open: 1 });
    const authors = await t.ctx.database.db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).orderBy('position').execute();
    expect(authors.map((a) => a.user_id)).toEqual([editor.id, as('alice').id]);
    const [revision] = await revisions(id);
    expect(revision).toMatchObject({ user_id: editor.id, kind: 'save', created_at: '2026-05-20T10:00:00.000Z' });
    expect(JSON.parse(revision?.fields ?? '{}')).toMatchObject({ title: 'River crossing reopens', tags: ['Transport', 'Frontline'], status: 'draft' });

    const page = await getPage(t.app, `/admin/articles/${id}?saved=1`, editor.cookie);
    expect(page.body).toContain('The article is saved.');
    expect(page.body).toContain('value="River crossing reopens"');
    expect(page.body).toContain('value="Transport, Frontline"');
    expect(page.body).toContain('1 revision');
  });

  it('shows the form again with a message per field when the article has errors', async () => {
    const res = await post('/admin/articles', as('editor'), { intent: 'save', title: '', slug: 'Not A Slug', bodyMarkdown: 'Kept.', status: 'draft', authorIds: String(as('editor').id) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain('<a href="#a-title">A title is required.</a>');
    expect(res.body).toContain('Use lower-case letters, digits and single hyphens');
    expect(res.body).toContain('>Kept.</textarea>');

    await makeArticle(t.ctx, { title: 'Taken slug', slug: 'taken-slug' });
    const clash = await post('/admin/articles', as('editor'), { intent: 'save', title: 'Another', slug: 'taken-slug', bodyMarkdown: 'x', status: 'draft', authorIds: String(as('editor').id) });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('“taken-slug” is taken; choose another.');
  });

  it('schedules in the site’s time zone and stores UTC', async () => {
    await saveSiteSettings(t.ctx.database.db, { timeZone: 'Europe/Paris' });
    await t.ctx.reloadSettings();
    try {
      const editor = as('editor');
      const res = await post('/admin/articles', editor, {
        intent: 'save',
        title: 'Scheduled in Paris',
        bodyMarkdown: 'Later.',
        status: 'scheduled',
        publishAt: '2026-05-21T14:30',
        authorIds: String(editor.id),
      });
      expect(res.statusCode).toBe(303);
      const id = idFrom(res.headers.location);
      expect(await article(id)).toMatchObject({ status: 'scheduled', published_at: '2026-05-21T12:30:00.000Z' });
      const page = await getPage(t.app, `/admin/articles/${id}`, editor.cookie);
      expect(page.body).toContain('Publication time (Europe/Paris)');
      expect(page.body).toContain('name="publishAt" type="datetime-local" value="2026-05-21T14:30"');

      const bad = await post('/admin/articles', editor, { intent: 'save', title: 'Bad time', bodyMarkdown: 'x', status: 'scheduled', publishAt: 'next tuesday', authorIds: String(editor.id) });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('The publication time is not a valid date.');
    } finally {
      await saveSiteSettings(t.ctx.database.db, { timeZone: 'UTC' });
      await t.ctx.reloadSettings();
    }
  });
});

describe('preview', () => {
  const markdown = '## Crossing\n\nThe *first* truck.\n\n![The map](/media/map.png "Full map")\n\n<script>alert(1)</script>';

  it('renders the body with the public page’s renderer, live (a fragment) and with the Preview button (no script)', async () => {
    const editor = as('editor');
    const expected = (await renderArticleBody(markdown)).html;
    const live = await post('/admin/articles/preview', editor, { bodyMarkdown: markdown });
    expect(live.statusCode).toBe(200);
    expect(live.headers['content-type']).toContain('text/html');
    expect(live.body).toBe(expected);
    expect(live.body).toContain('<h2>Crossing</h2>');
    expect(live.body).not.toContain('<script>');

    const { id, slug } = await saveArticle(t.ctx, { title: 'Preview me', slug: 'preview-me', bodyMarkdown: 'Old body.', status: 'published', authorIds: [editor.id] });
    const button = await post(`/admin/articles/${id}`, editor, { intent: 'preview', title: 'Preview me', bodyMarkdown: markdown, status: 'published', authorIds: String(editor.id) });
    expect(button.statusCode).toBe(200);
    expect(button.body).toContain(`<div id="article-preview" class="article-body" aria-live="polite">${expected}</div>`);
    expect(button.body).toContain('Nothing is saved yet.');
    expect((await article(id)).body_md).toBe('Old body.');

    // Once saved, the public page shows exactly what the preview showed.
    await post(`/admin/articles/${id}`, editor, { intent: 'save', title: 'Preview me', slug, bodyMarkdown: markdown, status: 'published', authorIds: String(editor.id) });
    const pub = await t.app.inject({ url: `/articles/${slug}` });
    expect(pub.body).toContain(`<div class="article-body">${expected}</div>`);
  });

  it('refuses the preview endpoint to readers and to a post without the CSRF token', async () => {
    const reader = await makeUser(t.ctx, 'member');
    expect((await t.app.inject({ method: 'POST', url: '/admin/articles/preview', headers: { origin: ORIGIN } })).statusCode).toBe(303);
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/admin/articles/preview',
      headers: { origin: ORIGIN, cookie: `outpost_session=${as('editor').cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'bodyMarkdown=x',
    });
    expect(noToken.statusCode).toBe(403);
    expect(reader.id).toBeGreaterThan(0);
  });
});

describe('autosave', () => {
  it('keeps a copy without publishing or changing the article, and offers it when the editor opens', async () => {
    const alice = as('alice');
    const { id, slug } = await saveArticle(t.ctx, { title: 'Draft in progress', slug: 'draft-in-progress', bodyMarkdown: 'First words.', status: 'draft', authorIds: [alice.id] });
    t.clock.advance(60_000);
    const res = await post('/admin/articles/autosave', alice, { id: String(id), title: 'Draft, changed', bodyMarkdown: 'More words.', status: 'published', authorIds: String(alice.id) }, { accept: 'application/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ savedAt: '2026-05-20T10:01:00.000Z' });
    expect(res.json().message).toContain('Draft saved automatically at');

    // Not published, not changed.
    expect(await article(id)).toMatchObject({ status: 'draft', title: 'Draft in progress', body_md: 'First words.' });
    expect((await t.app.inject({ url: `/articles/${slug}` })).statusCode).toBe(404);
    const saved = await revisions(id);
    expect(saved.map((r) => r.kind)).toEqual(['save', 'autosave']);

    // A second autosave replaces the first: one copy per account and article.
    t.clock.advance(10_000);
    await post('/admin/articles/autosave', alice, { id: String(id), title: 'Draft, changed again', bodyMarkdown: 'Even more words.', status: 'draft', authorIds: String(alice.id) });
    expect((await revisions(id)).filter((r) => r.kind === 'autosave')).toHaveLength(1);

    const open = await getPage(t.app, `/admin/articles/${id}`, alice.cookie);
    expect(open.body).toContain('There is a copy of this article saved automatically on');
    expect(open.body).toContain(`href="/admin/articles/${id}?autosave=1"`);
    expect(open.body).toContain('value="Draft in progress"');
    const restored = await getPage(t.app, `/admin/articles/${id}?autosave=1`, alice.cookie);
    expect(restored.body).toContain('value="Draft, changed again"');
    expect(restored.body).toContain('The automatically saved copy is in the form below.');

    // Saving supersedes the copy.
    t.clock.advance(10_000);
    const save = await post(`/admin/articles/${id}`, alice, { intent: 'save', title: 'Draft, changed again', bodyMarkdown: 'Even more words.', status: 'draft', authorIds: String(alice.id) });
    expect(save.statusCode).toBe(303);
    expect((await revisions(id)).map((r) => r.kind)).toEqual(['save', 'save']);
    expect((await getPage(t.app, `/admin/articles/${id}`, alice.cookie)).body).not.toContain('saved automatically on');
  });

  it('keeps the copy of a new, never saved article per account, until it is restored or discarded', async () => {
    const bob = as('bob');
    const res = await post('/admin/articles/autosave', bob, { title: 'Unsaved idea', bodyMarkdown: 'Notes.', status: 'draft', authorIds: String(bob.id) });
    expect(res.statusCode).toBe(200);
    const copy = await t.ctx.database.db.selectFrom('article_revisions').selectAll().where('user_id', '=', bob.id).where('kind', '=', 'autosave').executeTakeFirstOrThrow();
    expect(copy.article_id).toBeNull();
    const articles = await t.ctx.database.db.selectFrom('articles').select('id').where('title', '=', 'Unsaved idea').execute();
    expect(articles).toHaveLength(0);
    // Nothing typed: nothing kept.
    expect((await post('/admin/articles/autosave', bob, { title: '', bodyMarkdown: '' })).json()).toEqual({ savedAt: null, message: '' });

    const open = await getPage(t.app, '/admin/articles/new', bob.cookie);
    expect(open.body).toContain('href="/admin/articles/new?autosave=1"');
    expect((await getPage(t.app, '/admin/articles/new', as('alice').cookie)).body).not.toContain('saved automatically on');
    expect((await getPage(t.app, '/admin/articles/new?autosave=1', bob.cookie)).body).toContain('value="Unsaved idea"');

    const discard = await post('/admin/articles/autosave/discard', bob, {});
    expect(discard.statusCode).toBe(303);
    expect(discard.headers.location).toBe('/admin/articles/new');
    expect((await getPage(t.app, '/admin/articles/new', bob.cookie)).body).not.toContain('saved automatically on');
  });
});

describe('revisions', () => {
  it('lists every save with who and when, and restores an older one as a new save', async () => {
    const editor = as('editor');
    const alice = as('alice');
    const save = (title: string, body: string, who: Session) =>
      post(`/admin/articles/${id}`, who, { intent: 'save', title, slug: 'revised', bodyMarkdown: body, status: 'published', tags: 'One', authorIds: String(alice.id) });
    const { id } = await saveArticle(t.ctx, { title: 'Version one', slug: 'revised', bodyMarkdown: 'One.', status: 'published', authorIds: [alice.id], tags: ['One'] }, undefined, { actor: { id: alice.id, role: 'author' } });
    t.clock.advance(60_000);
    expect((await save('Version two', 'Two two.', editor)).statusCode).toBe(303);
    t.clock.advance(60_000);
    expect((await save('Version three', 'Three three three.', alice)).statusCode).toBe(303);

    const list = await getPage(t.app, `/admin/articles/${id}/revisions`, alice.cookie);
    expect(list.statusCode).toBe(200);
    const rows = [...list.body.matchAll(/<tr><th scope="row"><time[^>]*>([^<]+)<\/time><\/th><td>([^<]+)<\/td><td>[^<]*<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[2], m[3]]);
    expect(rows).toEqual([
      [alice.name, 'Version three'],
      [editor.name, 'Version two'],
      [alice.name, 'Version one'],
    ]);
    expect(list.body).toContain('Current version');
    const first = (await revisions(id))[0];
    expect(list.body).toContain(`action="/admin/articles/${id}/revisions/${first?.id}/restore"`);

    t.clock.advance(60_000);
    const restore = await post(`/admin/articles/${id}/revisions/${first?.id}/restore`, alice, {});
    expect(restore.statusCode).toBe(303);
    expect(restore.headers.location).toBe(`/admin/articles/${id}?restored=1`);
    expect(await article(id)).toMatchObject({ title: 'Version one', body_md: 'One.', slug: 'revised', status: 'published' });
    const all = await revisions(id);
    expect(all.map((r) => [r.kind, r.user_id])).toEqual([
      ['save', alice.id],
      ['save', editor.id],
      ['save', alice.id],
      ['restore', alice.id],
    ]);
    expect((await t.app.inject({ url: '/articles/revised' })).body).toContain('Version one');

    // A revision of another article, or an autosave, is not restorable here.
    const other = await makeArticle(t.ctx, { authorIds: [alice.id] });
    const foreign = (await revisions(other.id))[0];
    expect((await post(`/admin/articles/${id}/revisions/${foreign?.id}/restore`, alice, {})).statusCode).toBe(404);
  });
});

describe('who may edit and publish', () => {
  it('keeps an author out of other people’s articles, in every route and in the use case', async () => {
    const alice = as('alice');
    const bob = as('bob');
    const { id } = await saveArticle(t.ctx, { title: 'Alice’s report', slug: 'alices-report', bodyMarkdown: 'Mine.', status: 'draft', authorIds: [alice.id] });
    const revision = (await revisions(id))[0];

    const open = await getPage(t.app, `/admin/articles/${id}`, bob.cookie);
    expect(open.statusCode).toBe(403);
    expect(open.body).toContain('You can edit only the articles you are an author of.');
    const form = { intent: 'save', title: 'Hijacked', bodyMarkdown: 'Not mine.', status: 'draft', authorIds: String(bob.id) };
    expect((await post(`/admin/articles/${id}`, bob, form)).statusCode).toBe(403);
    expect((await post(`/admin/articles/${id}`, bob, { ...form, intent: 'preview' })).statusCode).toBe(403);
    expect((await post('/admin/articles/autosave', bob, { ...form, id: String(id) })).statusCode).toBe(403);
    expect((await getPage(t.app, `/admin/articles/${id}/revisions`, bob.cookie)).statusCode).toBe(403);
    expect((await post(`/admin/articles/${id}/revisions/${revision?.id}/restore`, bob, {})).statusCode).toBe(403);
    await expect(saveArticle(t.ctx, { title: 'Hijacked', bodyMarkdown: 'x', status: 'draft', authorIds: [bob.id] }, id, { actor: { id: bob.id, role: 'author' } })).rejects.toMatchObject({
      code: 'article_forbidden',
    });
    expect(await article(id)).toMatchObject({ title: 'Alice’s report', body_md: 'Mine.' });
    expect((await revisions(id)).map((r) => r.kind)).toEqual(['save']);

    // The list shows it, without a link to edit it; an editor edits it.
    const list = await getPage(t.app, '/admin/articles?q=Alice', bob.cookie);
    expect(list.body).toContain('<th scope="row">Alice’s report</th>');
    expect((await getPage(t.app, '/admin/articles?q=Alice', as('editor').cookie)).body).toContain(`<th scope="row"><a href="/admin/articles/${id}">Alice’s report</a></th>`);
    expect((await post(`/admin/articles/${id}`, as('editor'), { ...form, title: 'Edited by the desk', authorIds: String(alice.id) })).statusCode).toBe(303);
  });

  it('does not let an author save an article into a state they could no longer edit', async () => {
    const alice = as('alice');
    const res = await post('/admin/articles', alice, { intent: 'save', title: 'Ghost-written', bodyMarkdown: 'x', status: 'draft', authorIds: String(as('bob').id) });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Keep yourself among the authors');
  });

  it('refuses publishing to an author when the policy says authors write drafts only', async () => {
    const alice = as('alice');
    const original = rules['article.publish'];
    // A newsroom that reviews every report changes this one row of the policy (docs/roles.md).
    rules['article.publish'] = (actor) => ['owner', 'admin', 'editor'].includes(actor.role);
    try {
      const form = await getPage(t.app, '/admin/articles/new', alice.cookie);
      expect(form.body).toContain('Your role saves drafts only: an editor publishes them.');
      expect(form.body).not.toContain('value="published"');

      const res = await post('/admin/articles', alice, { intent: 'save', title: 'Straight to print', bodyMarkdown: 'x', status: 'published', authorIds: String(alice.id) });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Your role cannot schedule or publish this article');
      expect(await t.ctx.database.db.selectFrom('articles').select('id').where('title', '=', 'Straight to print').execute()).toHaveLength(0);

      const draft = await post('/admin/articles', alice, { intent: 'save', title: 'For review', bodyMarkdown: 'x', status: 'draft', authorIds: String(alice.id) });
      expect(draft.statusCode).toBe(303);
      const id = idFrom(draft.headers.location);
      const scheduled = await post(`/admin/articles/${id}`, alice, { intent: 'save', title: 'For review', bodyMarkdown: 'x', status: 'scheduled', publishAt: '2026-06-01T09:00', authorIds: String(alice.id) });
      expect(scheduled.statusCode).toBe(403);
      expect((await article(id)).status).toBe('draft');

      // An editor publishes it; the author may then no longer change what readers see.
      expect((await post(`/admin/articles/${id}`, as('editor'), { intent: 'save', title: 'For review', bodyMarkdown: 'x', status: 'published', authorIds: String(alice.id) })).statusCode).toBe(303);
      const change = await post(`/admin/articles/${id}`, alice, { intent: 'save', title: 'Quietly changed', bodyMarkdown: 'x', status: 'draft', authorIds: String(alice.id) });
      expect(change.statusCode).toBe(403);
      expect((await article(id)).title).toBe('For review');
    } finally {
      rules['article.publish'] = original;
    }
    // With the default policy an author publishes their own report.
    const own = await post('/admin/articles', alice, { intent: 'save', title: 'Published by its author', bodyMarkdown: 'x', status: 'published', authorIds: String(alice.id) });
    expect(own.statusCode).toBe(303);
    expect((await article(idFrom(own.headers.location))).status).toBe('published');
  });
});

describe('the article list', () => {
  it('filters by status, author, topic and words, and pages through', async () => {
    const editor = as('editor');
    const bob = as('bob');
    await makeArticle(t.ctx, { title: 'Bob on bridges', authorIds: [bob.id], tags: ['Bridges'], status: 'draft', publishedAt: null });
    await makeArticle(t.ctx, { title: 'Bob on roads', authorIds: [bob.id], tags: ['Roads'] });
    await makeArticle(t.ctx, { title: '100% certain_thing', authorIds: [editor.id], tags: ['Roads'] });
    const titles = async (query: string) => {
      const res = await getPage(t.app, `/admin/articles${query}`, editor.cookie);
      expect(res.statusCode).toBe(200);
      return [...res.body.matchAll(/<th scope="row">(?:<a href="[^"]+">)?([^<]+)/g)].map((m) => m[1]);
    };
    expect(await titles(`?author=${bob.id}`)).toEqual(['Bob on roads', 'Bob on bridges']);
    expect(await titles(`?author=${bob.id}&status=draft`)).toEqual(['Bob on bridges']);
    const roads = await t.ctx.database.db.selectFrom('tags').select('id').where('slug', '=', 'roads').executeTakeFirstOrThrow();
    expect(await titles(`?tag=${roads.id}`)).toEqual(['100% certain_thing', 'Bob on roads']);
    expect(await titles('?q=BRIDGES')).toEqual(['Bob on bridges']);
    // LIKE wildcards typed by a person are literal characters.
    expect(await titles('?q=100%25')).toEqual(['100% certain_thing']);
    expect(await titles('?q=b_b')).toEqual([]);
    expect(await titles('?q=n_t')).toEqual(['100% certain_thing']);
    const filtered = await getPage(t.app, `/admin/articles?status=draft&author=${bob.id}`, editor.cookie);
    expect(filtered.body).toContain('<option value="draft" selected>Draft</option>');
    expect(filtered.body).toContain('1 article');

    const total = Number((await t.ctx.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    for (let i = total; i < 26; i++) await makeArticle(t.ctx, { authorIds: [editor.id] });
    const first = await getPage(t.app, '/admin/articles', editor.cookie);
    expect(first.body).toContain('rel="next"');
    expect(first.body.match(/<tr><th scope="row">/g)).toHaveLength(25);
    const second = await getPage(t.app, '/admin/articles?page=2', editor.cookie);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Page 2 of');
    expect((await getPage(t.app, '/admin/articles?page=99', editor.cookie)).statusCode).toBe(404);
    expect((await getPage(t.app, '/admin/articles?status=gone', editor.cookie)).statusCode).toBe(400);
  });
});

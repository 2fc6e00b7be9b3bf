import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../src/shared/bus.js';
import { createTestApp, type TestApp } from './support/app.js';
import { Reader } from './support/discussion.js';
import { makeArticle, makeAuthor } from './support/factories.js';
import { setModeration, Staff } from './support/moderation.js';

let t: TestApp;
let article: { id: number; slug: string };
let mod: Staff;
let admin: Staff;

beforeAll(async () => {
  t = await createTestApp();
  const author = await makeAuthor(t.ctx, 'Queue Writer');
  article = await makeArticle(t.ctx, { title: 'Shelling near the plant', slug: 'plant', authorIds: [author.id] });
  await setModeration(t.ctx, { tooFast: { action: 'off' }, bannedWords: { words: ['scam'] } });
  mod = await Staff.signIn(t.app, t.ctx, 'moderator', 'Maria Moderator');
  admin = await Staff.signIn(t.app, t.ctx, 'admin', 'Ada Admin');
});
afterAll(() => t.cleanup());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url });
const row = (id: number) => t.ctx.database.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const commentCount = async () => Number((await t.ctx.database.db.selectFrom('articles').select('comments_count').where('id', '=', article.id).executeTakeFirstOrThrow()).comments_count);
const logOf = (commentId: number) => t.ctx.database.db.selectFrom('moderation_log').selectAll().where('comment_id', '=', commentId).orderBy('id').execute();

async function post(reader: Reader, body: string, extra: Record<string, string> = {}) {
  const res = await reader.post(`/articles/${article.slug}/comments`, { body, name: 'Reader', email: '', parent_id: '', idempotency_key: '', ...extra });
  const id = Number(/#comment-(\d+)$/.exec(String(res.headers.location ?? ''))?.[1]);
  if (res.statusCode !== 303 || !id) throw new Error(`posting failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return id;
}

describe('the moderation queue', () => {
  it('lists each tab with its count, the article, the rules that flagged a comment and its author’s history', async () => {
    const reader = new Reader(t.app);
    await post(reader, 'A perfectly fine first comment.');
    const held = await post(reader, 'What a moron wrote this.');
    const res = await mod.get('/admin/moderation');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<a href="/admin/moderation" aria-current="page">Comment moderation</a>');
    for (const tab of ['Pending', 'Reported', 'Appeals', 'Spam', 'Rejected', 'Approved', 'Deleted']) expect(html).toContain(`>${tab} <span class="count">`);
    expect(html).toMatch(/Pending <span class="count">\(\d+\)<\/span>/);
    const item = html.slice(html.indexOf(`id="item-${held}"`));
    expect(item).toContain('On Shelling near the plant');
    expect(item).toContain('suspect-words');
    expect(item).toContain('It contains words a moderator checks before they are published.');
    expect(item).toContain('1 approved, 0 rejected, first seen');
    expect(item).toContain(`value="approve:${held}" data-key="a"`);
    // Shortcuts are documented on the page, and the script that runs them is loaded.
    expect(html).toContain('Keyboard shortcuts');
    expect(html).toMatch(/<kbd>j<\/kbd><\/dt><dd>next comment<\/dd>/);
    expect(html).toMatch(/<script type="module" src="\/assets\/admin-moderation\.[0-9a-f]+\.js">/);
  });

  it('approves a held comment: published, counted, announced live, the article’s pages refreshed, logged', async () => {
    const id = await post(new Reader(t.app), 'The plant director is a cretin.');
    const before = await commentCount();
    const events: BusEvent[] = [];
    const stop = t.ctx.bus.subscribe((e) => events.push(e));
    try {
      const res = await mod.decide('approve', id);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/moderation?tab=pending&done=approve&n=1');
    } finally {
      stop();
    }
    expect((await row(id)).status).toBe('published');
    expect(await commentCount()).toBe(before + 1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'live', topic: `article:${article.id}`, event: 'comment', data: expect.objectContaining({ action: 'created', commentId: id }) }));
    expect(events).toContainEqual({ type: 'cache.invalidate', tags: [`article:${article.id}`, 'comment-counts'] });
    expect((await anonymous('/articles/plant')).body).toContain('The plant director is a cretin.');
    expect(await logOf(id)).toContainEqual(expect.objectContaining({ action: 'approve', actor_name: 'Maria Moderator', detail: JSON.stringify({ from: 'pending', to: 'published' }) }));
    expect((await mod.get('/admin/moderation?tab=pending&done=approve&n=1')).body).toContain('1 comment approved.');
  });

  it('rejects, marks as spam and deletes in bulk, with a policy point the author then reads', async () => {
    const author = new Reader(t.app);
    const a = await post(author, 'You are all idiots here.');
    const b = await post(author, 'Idiots, the lot of you.');
    const res = await mod.bulk('reject', [a, b], { reason: 'abuse', note: 'Argue with the idea, not the person.' });
    expect(res.statusCode).toBe(303);
    expect((await row(a)).status).toBe('rejected');
    expect((await row(b)).status).toBe('rejected');
    const page = (await author.get('/articles/plant')).body;
    expect(page).toContain('Not published');
    expect(page).toContain('Community rules: no insults or harassment of other people.');
    expect(page).toContain('The moderator wrote: Argue with the idea, not the person.');
    const spam = await post(new Reader(t.app), 'Visit https://a.example https://b.example https://c.example now');
    await mod.decide('spam', spam);
    expect((await row(spam)).status).toBe('spam');
    expect((await mod.get('/admin/moderation?tab=spam')).body).toContain(`id="item-${spam}"`);
  });

  it('removes a published comment that has replies as a placeholder, and keeps the thread and the counts right', async () => {
    const top = await post(new Reader(t.app), 'A reasonable top comment.');
    const reply = await post(new Reader(t.app), 'A reasonable reply.', { parent_id: String(top) });
    const before = await commentCount();
    await mod.decide('delete', top, { reason: 'off_topic' });
    expect((await row(top)).status).toBe('deleted');
    expect(await commentCount()).toBe(before - 1);
    const html = (await anonymous('/articles/plant?sort=oldest')).body;
    expect(html).toContain('A reasonable reply.');
    expect(html).not.toContain('A reasonable top comment.');
    expect((await mod.get('/admin/moderation?tab=deleted')).body).toContain(`id="item-${top}"`);
    await mod.decide('reject', reply);
    expect((await row(top)).reply_count).toBe(0);
    expect((await anonymous('/articles/plant?sort=oldest')).body).not.toContain(`id="comment-${top}"`);
  });

  it('lets a moderator edit a comment, shown as “edited by moderator”, the old text kept in the log', async () => {
    const id = await post(new Reader(t.app), 'Call me on +380 44 123 4567 about the plant.');
    const res = await mod.post(`/admin/moderation/comments/${id}/edit`, { body: 'Call me [number removed] about the plant.', note: 'personal data' });
    expect(res.statusCode).toBe(303);
    const html = (await anonymous('/articles/plant')).body;
    expect(html).toContain('Call me [number removed] about the plant.');
    expect(html).toContain('(edited by moderator)');
    const log = await logOf(id);
    expect(log).toContainEqual(expect.objectContaining({ action: 'edit', note: 'personal data' }));
    expect(JSON.parse(log.at(-1)?.detail ?? '{}').before).toContain('+380 44 123 4567');
  });

  it('bans, suspends and shadow-bans an author from the comment’s page', async () => {
    const reader = new Reader(t.app, '10.99.1.2');
    const id = await post(reader, 'First from this troublemaker.');
    expect((await mod.get(`/admin/moderation?comment=${id}`)).body).toContain('Ban, suspend or shadow-ban the author');
    const res = await mod.post(`/admin/moderation/comments/${id}/ban`, { mode: 'ban', days: '7', reason: 'abuse', also_ip: '1' });
    expect(res.headers.location).toBe(`/admin/moderation?comment=${id}&banned=2`);
    expect((await row(await post(reader, 'Posting while suspended.'))).status).toBe('rejected');
    expect((await row(await post(new Reader(t.app, '10.99.1.2'), 'Same address, new identity.'))).status).toBe('rejected');
    const bans = (await mod.get('/admin/moderation/bans')).body;
    expect(bans).toContain('Address 10.99.1.2/32');
    // Lifted: the address may comment again.
    const banId = Number(/action="\/admin\/moderation\/bans\/(\d+)\/lift"/.exec(bans)?.[1]);
    expect((await mod.post(`/admin/moderation/bans/${banId}/lift`)).statusCode).toBe(303);
    // Shadow-ban instead: published to the author only.
    await mod.post(`/admin/moderation/comments/${id}/ban`, { mode: 'shadow', days: '0', reason: 'abuse' });
    const shadow = await post(reader, 'Nobody will see this.');
    expect((await row(shadow)).status).toBe('shadow');
    expect((await reader.get('/articles/plant')).body).toContain('Nobody will see this.');
    expect((await anonymous('/articles/plant')).body).not.toContain('Nobody will see this.');
    expect((await mod.get('/admin/moderation?tab=spam')).body).toContain(`id="item-${shadow}"`);
  });

  it('bans an email domain and an IPv6 range typed into the bans page, and refuses nonsense', async () => {
    expect((await mod.post('/admin/moderation/bans', { value: '@junk.example', mode: 'ban', days: '0', reason: 'spam' })).statusCode).toBe(303);
    expect((await mod.post('/admin/moderation/bans', { value: '2001:DB8:5::/48', mode: 'ban', days: '30', reason: 'spam' })).statusCode).toBe(303);
    const bad = await mod.post('/admin/moderation/bans', { value: 'not a range', mode: 'ban', days: '0', reason: 'spam' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter an email address, a domain such as @example.org');
    const page = (await mod.get('/admin/moderation/bans')).body;
    expect(page).toContain('Email @junk.example');
    expect(page).toContain('Address 2001:db8:5::/48');
    expect((await row(await post(new Reader(t.app, '2001:db8:5::9'), 'Hello from v6.'))).status).toBe('rejected');
    expect((await row(await post(new Reader(t.app), 'Hello from junk.', { email: 'me@junk.example' }))).status).toBe('rejected');
  });
});

describe('reports', () => {
  it('takes one report per reader per comment, and holds the comment at the site’s threshold', async () => {
    const id = await post(new Reader(t.app), 'A controversial but civil opinion.');
    const before = await commentCount();
    const page = await anonymous(`/comments/${id}/report`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What is wrong with it?');
    const first = new Reader(t.app);
    const sent = await first.post(`/comments/${id}/report`, { reason: 'abuse', note: 'Rude.' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Your report has reached the moderators.');
    expect((await first.post(`/comments/${id}/report`, { reason: 'spam' })).body).toContain('You have already reported this comment');
    expect((await row(id)).report_count).toBe(1);
    expect((await mod.get('/admin/moderation?tab=reported')).body).toContain('Abuse, insults or harassment: Rude.');
    const api = await new Reader(t.app).request('POST', `/api/v1/comments/${id}/report`, { json: { reason: 'off_topic' } });
    expect(api.json()).toEqual({ reported: true, first: true });
    expect((await row(id)).status).toBe('published');
    await new Reader(t.app).post(`/comments/${id}/report`, { reason: 'other', note: 'Third.' });
    const held = await row(id);
    expect(held.status).toBe('pending');
    expect(await commentCount()).toBe(before - 1);
    expect(await logOf(id)).toContainEqual(expect.objectContaining({ action: 'report_hold', actor_id: null, actor_name: 'system', reason: 'reported' }));
    // Approving it clears the reports.
    await mod.decide('approve', id);
    expect(await row(id)).toMatchObject({ status: 'published', report_count: 0 });
    expect((await mod.get('/admin/moderation?tab=reported')).body).not.toContain(`id="item-${id}"`);
  });

  it('refuses a report without a reason, and a report of one’s own comment', async () => {
    const reader = new Reader(t.app);
    const id = await post(reader, 'My own words.');
    const missing = await new Reader(t.app).post(`/comments/${id}/report`, { reason: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Choose what is wrong with the comment.');
    expect((await reader.post(`/comments/${id}/report`, { reason: 'spam' })).statusCode).toBe(403);
  });
});

describe('appeals', () => {
  it('lets the author of a rejected comment appeal; the appeal lands in the queue; granting publishes it', async () => {
    const author = new Reader(t.app);
    const id = await post(author, 'This is not a scam, honestly.');
    expect((await row(id)).status).toBe('rejected');
    expect((await new Reader(t.app).get(`/comments/${id}/appeal`)).statusCode).toBe(403);
    const form = await author.get(`/comments/${id}/appeal`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('It contains words this site does not allow.');
    expect((await author.post(`/comments/${id}/appeal`, { body: '' })).statusCode).toBe(422);
    const sent = await author.post(`/comments/${id}/appeal`, { body: 'I was warning people about a scam, not running one.' });
    expect(sent.statusCode).toBe(200);
    expect((await author.post(`/comments/${id}/appeal`, { body: 'Again.' })).statusCode).toBe(409);
    expect((await author.get('/articles/plant')).body).toContain('Your appeal has been received');
    const queue = (await mod.get('/admin/moderation?tab=appeals')).body;
    expect(queue).toContain('I was warning people about a scam, not running one.');
    expect(queue).toContain(`value="grant:${id}" data-key="a"`);
    await mod.decide('grant', id);
    expect((await row(id)).status).toBe('published');
    expect((await anonymous('/articles/plant')).body).toContain('This is not a scam, honestly.');
    expect(await logOf(id)).toContainEqual(expect.objectContaining({ action: 'appeal_grant', actor_name: 'Maria Moderator' }));
  });

  it('keeps the decision when the appeal is denied, and tells the author', async () => {
    const author = new Reader(t.app);
    const id = await post(author, 'Another scam warning.');
    await author.post(`/comments/${id}/appeal`, { body: 'Please look again.' });
    await mod.decide('deny', id, { note: 'Still against the rules.' });
    expect((await row(id)).status).toBe('rejected');
    expect((await author.get('/articles/plant')).body).toContain('Your appeal was considered, and the decision stands.');
    expect(await logOf(id)).toContainEqual(expect.objectContaining({ action: 'appeal_deny', note: 'Still against the rules.' }));
  });

  it('withdraws an open appeal when its author deletes the comment: nothing left to grant', async () => {
    const author = new Reader(t.app);
    const id = await post(author, 'One more scam warning.');
    await author.post(`/comments/${id}/appeal`, { body: 'It was a warning.' });
    expect((await mod.get('/admin/moderation?tab=appeals')).body).toContain(`id="item-${id}"`);
    expect((await author.post(`/comments/${id}/delete`, {})).statusCode).toBe(303);
    const appeal = await t.ctx.database.db.selectFrom('moderation_appeals').select(['status', 'decided_at']).where('comment_id', '=', id).executeTakeFirstOrThrow();
    expect(appeal.status).toBe('withdrawn');
    expect(appeal.decided_at).not.toBeNull();
    expect((await mod.get('/admin/moderation?tab=appeals')).body).not.toContain(`id="item-${id}"`);
    // A moderator acting on a stale queue page cannot publish the deleted (empty) comment.
    await mod.decide('grant', id);
    expect((await row(id)).status).toBe('deleted');
    expect(await logOf(id)).toContainEqual(expect.objectContaining({ action: 'appeal_withdraw', actor_id: null, actor_name: 'author' }));
  });
});

describe('the audit log and the settings', () => {
  it('is readable and filterable by admins only', async () => {
    expect((await mod.get('/admin/moderation/log')).statusCode).toBe(403);
    const all = await admin.get('/admin/moderation/log');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Maria Moderator');
    expect(all.body).toContain('System (automatic)');
    const approvals = (await admin.get('/admin/moderation/log?action=approve')).body;
    expect(approvals).toContain('<td>Approved</td>');
    expect(approvals).not.toContain('<td>Rejected</td>');
    const system = (await admin.get('/admin/moderation/log?actor=system')).body;
    expect(system).not.toContain('<td>Maria Moderator</td>');
    expect(system).toContain('Held for review');
    const future = (await admin.get('/admin/moderation/log?from=2030-01-01')).body;
    expect(future).toContain('No entries match.');
    expect((await mod.get('/admin/moderation')).body).not.toContain('href="/admin/moderation/log"');
    expect((await admin.get('/admin/moderation')).body).toContain('href="/admin/moderation/log"');
  });

  it('lets admins edit the word lists; the next comment is checked against the new list', async () => {
    expect((await mod.get('/admin/moderation/settings')).statusCode).toBe(403);
    const page = await admin.get('/admin/moderation/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('idiot\nmoron');
    const res = await admin.post('/admin/moderation/settings', {
      'bannedWords.action': 'reject',
      'bannedWords.words': 'scam\nblorgle',
      'suspectWords.action': 'hold',
      'suspectWords.words': 'idiot',
      'suspectWords.dataset': '1',
      'tooFast.action': 'off',
      'links.action': 'hold',
      'links.max': '2',
    });
    expect(res.statusCode).toBe(303);
    expect((await row(await post(new Reader(t.app), 'What a bl0rgle.'))).status).toBe('rejected');
    expect((await row(await post(new Reader(t.app), 'What a moron.'))).status).toBe('published');
    const log = await t.ctx.database.db.selectFrom('moderation_log').selectAll().where('action', '=', 'settings').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.actor_name).toBe('Ada Admin');
    expect(JSON.parse(log.detail).changed).toEqual(expect.arrayContaining(['bannedWords', 'suspectWords']));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComment } from '../src/features/discussion/create-comment.js';
import { recordOfflineGift } from '../src/features/funding/record-offline-gift.js';
import { saveCampaign } from '../src/features/funding/save-campaign.js';
import { saveSiteSettings } from '../src/features/settings/site-settings.js';
import { createTestApp, type TestApp } from './support/app.js';
import { getPage, makeUser, signIn } from './support/accounts.js';
import { makeArticle } from './support/factories.js';

let t: TestApp;
let ownerCookie: string;
let authorCookie: string;
const NOW = '2026-05-20T10:00:00.000Z'; // 06:00 on May 20 in New York

/** Post a comment at `at` (UTC) as a new reader, then give it `status` and open reports if asked. */
async function commentAt(articleId: number, at: string, options: { status?: 'pending' | 'deleted' | 'spam' | 'shadow' | 'rejected'; reports?: number } = {}) {
  t.clock.set(at);
  const reader = await makeUser(t.ctx, 'member');
  const { comment } = await createComment(t.ctx, { identity: { kind: 'user', userId: reader.id }, articleId, body: `Seen at ${at}, ${Math.random()}` });
  const changes = { ...(options.status ? { status: options.status } : {}), ...(options.reports ? { report_count: options.reports } : {}) };
  if (Object.keys(changes).length) await t.ctx.database.db.updateTable('comments').set(changes).where('id', '=', comment.id).execute();
  t.clock.set(NOW);
}

beforeAll(async () => {
  t = await createTestApp();
  await saveSiteSettings(t.ctx.database.db, { timeZone: 'America/New_York' });
  await t.ctx.reloadSettings();
  const owner = await makeUser(t.ctx, 'owner', { name: 'Dora Dashboard' });
  ownerCookie = await signIn(t.app, owner.email);
  authorCookie = await signIn(t.app, (await makeUser(t.ctx, 'author')).email);

  const article = await makeArticle(t.ctx, { publishedAt: '2026-03-01T10:00:00.000Z' });
  await commentAt(article.id, '2026-05-20T05:00:00.000Z'); // 01:00 on the 20th in New York: today
  await commentAt(article.id, '2026-05-20T03:00:00.000Z'); // 23:00 on the 19th in New York (the 20th in UTC)
  await commentAt(article.id, '2026-05-15T12:00:00.000Z');
  await commentAt(article.id, '2026-05-15T13:00:00.000Z', { reports: 2 });
  await commentAt(article.id, '2026-05-15T14:00:00.000Z', { status: 'deleted' });
  await commentAt(article.id, '2026-05-15T15:00:00.000Z', { status: 'spam' });
  await commentAt(article.id, '2026-05-15T16:00:00.000Z', { status: 'shadow' });
  await commentAt(article.id, '2026-05-18T16:00:00.000Z', { status: 'pending' });
  await commentAt(article.id, '2026-04-10T12:00:00.000Z'); // 40 days ago: outside the chart

  const { id: campaignId } = await saveCampaign(t.ctx, { name: 'May fund', goal: '1000', currency: 'USD', kind: 'monthly', active: true }, { userId: owner.id });
  const gift = (amount: string, receivedAt: string, note: string) => recordOfflineGift(t.ctx, { campaignId, amount, currency: 'USD', note, receivedAt, actorUserId: owner.id });
  await gift('150', '2026-05-03', 'Bank transfer 1');
  await gift('50', '2026-05-03', 'Cash');
  await gift('300', '2026-05-10', 'Bank transfer 2');
  await gift('75', '2026-04-30', 'April: another period');
  await gift('25', '2026-05-01T02:00:00.000Z', 'Still April 30 in New York');
});
afterAll(() => t.cleanup());

describe('the dashboard', () => {
  it('counts comments per local day for 30 days, without deleted or hidden ones, and the moderation queue', async () => {
    const res = await t.app.inject({ url: '/api/v1/admin/dashboard', headers: { cookie: `outpost_session=${authorCookie}` } });
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.commentsPerDay).toHaveLength(30);
    expect(stats.commentsPerDay[0]).toMatchObject({ day: '2026-04-21', from: '2026-04-21T04:00:00.000Z' });
    const byDay = Object.fromEntries(stats.commentsPerDay.filter((d: { count: number }) => d.count > 0).map((d: { day: string; count: number }) => [d.day, d.count]));
    expect(byDay).toEqual({ '2026-05-15': 2, '2026-05-18': 1, '2026-05-19': 1, '2026-05-20': 1 });
    expect(stats.comments).toEqual({ today: 1, pending: 1 });
    expect(stats.moderation).toEqual({ pending: 1, reported: 1, appeals: 0 });
  });

  it('charts the money raised per day of the period against the goal, ending at the bar’s total', async () => {
    const stats = (await t.app.inject({ url: '/api/v1/admin/dashboard', headers: { cookie: `outpost_session=${ownerCookie}` } })).json();
    expect(stats.funding.progress).toMatchObject({ name: 'May fund', period: '2026-05', goalMinor: 100000, raisedMinor: 50000, percent: 50, currency: 'USD' });
    const perDay = stats.funding.perDay as Array<{ day: string; from: string; amountMinor: number; cumulativeMinor: number }>;
    // May 1 to today, in New York.
    expect(perDay.map((d) => d.day)).toEqual(Array.from({ length: 20 }, (_v, i) => `2026-05-${String(i + 1).padStart(2, '0')}`));
    expect(perDay[0]).toEqual({ day: '2026-05-01', from: '2026-05-01T04:00:00.000Z', amountMinor: 0, cumulativeMinor: 0 });
    expect(perDay.filter((d) => d.amountMinor !== 0).map((d) => [d.day, d.amountMinor])).toEqual([
      ['2026-05-03', 20000],
      ['2026-05-10', 30000],
    ]);
    expect(perDay.map((d) => d.cumulativeMinor).slice(1, 11)).toEqual([0, 20000, 20000, 20000, 20000, 20000, 20000, 20000, 50000, 50000]);
    expect(perDay.at(-1)?.cumulativeMinor).toBe(stats.funding.progress.raisedMinor);
  });

  it('shows the cards and both charts as named images with tables, the goal line labelled', async () => {
    const page = await getPage(t.app, '/admin', ownerCookie);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toMatch(/<dt>Comments today<\/dt><dd>1<\/dd>/);
    expect(body).toMatch(/<dt>Awaiting moderation<\/dt><dd><a href="\/admin\/moderation">1<\/a><\/dd>/);
    expect(body).toMatch(/<dt>Reported comments<\/dt><dd><a href="\/admin\/moderation\?tab=reported">1<\/a><\/dd>/);
    expect(body).toContain('Campaign: May fund');
    expect(body).toMatch(/<dt>Raised<\/dt><dd><a href="\/admin\/campaigns\?id=\d+">\$500<\/a><\/dd>/);
    expect(body).toMatch(/<dt>Goal<\/dt><dd>\$1,000<\/dd>/);

    const comments = body.match(/<figure class="chart" id="chart-comments">.*?<\/figure>/s)?.[0] ?? '';
    expect(comments).toContain('role="img" aria-label="Comments per day, last 30 days"');
    expect(comments).toContain('<desc id="chart-comments-desc">5 comments in the last 30 days.</desc>');
    expect(comments.match(/<rect /g)).toHaveLength(30);
    expect(comments).toContain('<th scope="row">May 15, 2026</th><td>2</td>');

    const money = body.match(/<figure class="chart" id="chart-money">.*?<\/figure>/s)?.[0] ?? '';
    expect(money).toContain('role="img" aria-label="Money raised against the goal, May 2026"');
    expect(money).toContain('<desc id="chart-money-desc">$500 raised of a $1,000 goal (50%) by May 20, 2026.</desc>');
    expect(money).toMatch(/<g class="chart-goal"><line [^>]*stroke-dasharray="6 4"[^>]*><\/line><text [^>]*>Goal: \$1,000<\/text><\/g>/);
    expect(money.match(/<circle /g)).toHaveLength(20);
    expect(money).toContain('<th scope="row">May 9, 2026</th><td>$200</td>');
    expect(money).toContain('<th scope="row">May 10, 2026</th><td>$500</td>');
  });

  it('shows the counts without links to screens the account cannot open', async () => {
    const body = (await getPage(t.app, '/admin', authorCookie)).body;
    expect(body).toMatch(/<dt>Awaiting moderation<\/dt><dd>1<\/dd>/);
    expect(body).not.toContain('href="/admin/moderation');
    expect(body).not.toContain('href="/admin/campaigns');
    expect(body).toContain('aria-label="Money raised against the goal, May 2026"');
  });
});

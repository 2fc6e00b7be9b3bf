import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublishedArticleBySlug } from '../../src/features/articles/queries.js';
import { castVote } from '../../src/features/discussion/cast-vote.js';
import { createComment } from '../../src/features/discussion/create-comment.js';
import { createGuest } from '../../src/features/discussion/create-guest.js';
import { launchBrowser, openRecordedPage, type RecordedPage, type RunningSite, startSite } from './support/browser.js';
import { pageProblems } from './support/gates.js';

/**
 * The discussion in Chromium, as readers use it: posting with and without JavaScript, replying,
 * voting, sorting, editing within the window, and a second reader seeing a comment arrive live
 * behind the "N new comments" button. Each test works on its own demo article.
 */

let site: RunningSite;
let browser: Browser;
const opened: RecordedPage[] = [];

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ demo: true }), launchBrowser()]);
});
afterAll(async () => {
  for (const recorded of opened) await recorded.close().catch(() => {});
  await browser?.close();
  await site?.stop();
});

async function articleId(slug: string): Promise<number> {
  const found = await getPublishedArticleBySlug(site.ctx.database.db, slug);
  if (!found || !('article' in found)) throw new Error(`no article ${slug}`);
  return found.article.id;
}

/** Comments by other readers (each a guest of their own), oldest first. */
async function seed(slug: string, bodies: string[]): Promise<number[]> {
  const id = await articleId(slug);
  const ids: number[] = [];
  for (const [i, body] of bodies.entries()) {
    const { guestId } = await createGuest(site.ctx);
    const { comment } = await createComment(site.ctx, { identity: { kind: 'guest', guestId }, articleId: id, body, name: `Seeded Reader ${i + 1}` });
    ids.push(comment.id);
    // Distinct creation times, so "Oldest" and "Newest" differ.
    await new Promise((r) => setTimeout(r, 5));
  }
  return ids;
}

async function open(slug: string): Promise<RecordedPage> {
  const recorded = await openRecordedPage(browser, site.url);
  opened.push(recorded);
  await recorded.page.goto(`${site.url}/articles/${slug}`);
  await recorded.page.waitForLoadState('load');
  return recorded;
}

const comment = (page: Page, id: number): Locator => page.locator(`#comment-${id}`);
/** Set a value in the page that a reload would lose. */
const mark = (page: Page) => page.evaluate(() => Object.assign(window, { __notReloaded: true }));
const stillSamePage = (page: Page) => page.evaluate(() => (window as { __notReloaded?: boolean }).__notReloaded === true);
const countRows = async (body: string) =>
  Number((await site.ctx.database.db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('body_md', '=', body).executeTakeFirstOrThrow()).n);

async function fillComment(page: Page, body: string, name = 'Browser Reader') {
  const form = page.locator('#comment-form');
  await form.getByLabel('Comment', { exact: true }).fill(body);
  await form.getByLabel('Name', { exact: true }).fill(name);
}

describe('the discussion in Chromium', () => {
  it('a guest posts with JavaScript, in place; a double click and a retry still make one comment', async () => {
    const slug = 'why-kessar-keeps-going-dark';
    await seed(slug, ['An earlier comment.']);
    const recorded = await open(slug);
    const { page } = recorded;
    await mark(page);
    const url = page.url();

    const text = `Posted in place ${Date.now()}`;
    await fillComment(page, text);
    await page.getByRole('button', { name: 'Post Comment' }).dblclick();
    const posted = page.locator('article.comment', { has: page.locator('.comment-body', { hasText: text }) });
    await posted.waitFor();
    expect(page.url()).toBe(url);
    expect(await stillSamePage(page)).toBe(true);
    expect(await countRows(text)).toBe(1);
    // The reader's own comment carries their controls; the heading counts it.
    await expect.poll(() => posted.getByRole('link', { name: 'Edit' }).count()).toBe(1);
    expect(await posted.getByRole('button', { name: 'Delete' }).count()).toBe(1);
    expect(await page.locator('#comments-heading').textContent()).toBe('2 comments');
    expect(await page.locator('#comment-form textarea[name="body"]').inputValue()).toBe('');

    // A retry after a lost answer: the first POST reaches the server, its answer never arrives, and
    // the script falls back to the plain form post with the same idempotency key.
    const retried = `Retried ${Date.now()}`;
    let lost = false;
    await page.route((u) => u.pathname.endsWith('/comments') && u.searchParams.get('fragment') === '1', async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await fillComment(page, retried);
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.getByRole('button', { name: 'Post Comment' }).click()]);
    await page.locator('.comment-body', { hasText: retried }).first().waitFor();
    expect(lost).toBe(true);
    expect(await countRows(retried)).toBe(1);
    // The lost request counts as a failed request for the recorder; nothing else went wrong.
    expect(pageProblems(recorded).filter((p) => !p.includes('fragment=1'))).toEqual([]);
  });

  it('a guest posts without JavaScript: the form posts and the page lands on the comment', async () => {
    const slug = 'the-last-bus-out-of-haldra';
    // A reader without JavaScript: a browser context with scripts off.
    const context = await browser.newContext({ javaScriptEnabled: false });
    opened.push({ close: () => context.close() } as RecordedPage);
    const page = await context.newPage();
    await page.goto(`${site.url}/articles/${slug}`);
    expect(await page.locator('[data-invite-close]').isHidden()).toBe(true);
    const text = `Posted without scripts ${Date.now()}`;
    await fillComment(page, text, 'No Script Reader');
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.getByRole('button', { name: 'Post Comment' }).click()]);
    const id = Number(/#comment-(\d+)$/.exec(page.url())?.[1]);
    await expect.poll(() => comment(page, id).locator('.comment-body').textContent()).toBe(text);
    // The :target comment is highlighted.
    expect(await comment(page, id).evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
    // A blank comment comes back with the reason, and the reader's name kept.
    await fillComment(page, '   ', 'Kept Name');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('#comment-form').getByLabel('Name', { exact: true }).inputValue()).toBe('Kept Name');
  });

  it('replies under the comment, votes, and edits within the window, all in place', async () => {
    const slug = 'where-did-the-generators-go';
    const [first, second] = await seed(slug, ['First seeded comment.', 'Second seeded comment.']);
    if (!first || !second) throw new Error('no seed');
    const recorded = await open(slug);
    const { page } = recorded;
    await mark(page);

    // Reply: the one form moves under the comment, and the reply lands in its thread.
    await comment(page, first).getByRole('link', { name: 'Reply' }).click();
    const form = page.locator('#comment-form');
    expect(await form.evaluate((el, id) => el.previousElementSibling?.id === `comment-${id}`, first)).toBe(true);
    await expect.poll(() => form.locator('h3').textContent()).toBe('Reply to Seeded Reader 1');
    expect(await form.locator('input[name="parent_id"]').inputValue()).toBe(String(first));
    const replyText = `A reply ${Date.now()}`;
    await fillComment(page, replyText);
    await page.getByRole('button', { name: 'Post Comment' }).click();
    const reply = page.locator(`#comment-${first} ~ ol.comment-replies article.comment`, { hasText: replyText });
    await reply.waitFor();
    expect(await reply.getAttribute('data-parent-id')).toBe(String(first));
    // The form went home, ready for a new thread.
    await expect.poll(() => form.locator('input[name="parent_id"]').inputValue()).toBe('');
    await expect.poll(() => form.locator('h3').textContent()).toBe('Leave a comment');

    // Vote: the count and the pressed state change in place; pressing again takes it back.
    const up = comment(page, second).getByRole('button', { name: 'Vote up' });
    await up.click();
    await expect.poll(() => comment(page, second).locator('.comment-score').getAttribute('data-score')).toBe('1');
    expect(await comment(page, second).getByRole('button', { name: 'Vote up' }).getAttribute('aria-pressed')).toBe('true');
    await comment(page, second).getByRole('button', { name: 'Vote up' }).click();
    await expect.poll(() => comment(page, second).locator('.comment-score').getAttribute('data-score')).toBe('0');
    // One cannot vote on one's own reply.
    expect(await reply.getByRole('button', { name: 'Vote up' }).isDisabled()).toBe(true);

    // Edit within the window: the form opens in place of the text, "(edited)" shows after saving.
    await reply.getByRole('link', { name: 'Edit' }).click();
    const editBox = reply.getByLabel('Comment', { exact: true });
    await editBox.waitFor();
    expect(await editBox.inputValue()).toBe(replyText);
    await editBox.fill(`${replyText}, *corrected*`);
    await reply.getByRole('button', { name: 'Save changes' }).click();
    const edited = page.locator(`#comment-${await reply.getAttribute('data-comment-id')}`);
    await expect.poll(() => edited.locator('.comment-body em').textContent()).toBe('corrected');
    expect(await edited.locator('.comment-edited').textContent()).toContain('(edited)');
    expect(await stillSamePage(page)).toBe(true);
    expect(pageProblems(recorded)).toEqual([]);
  });

  it('switches the sort without reloading, puts it in the address and remembers it', async () => {
    const slug = 'explainer-what-the-lisk-talks-are-about';
    const ids = await seed(slug, ['Oldest of three.', 'Middle of three.', 'Newest of three.']);
    const recorded = await open(slug);
    const { page } = recorded;
    await mark(page);
    const order = () => page.locator('ol.comment-list > li > article.comment').evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.commentId)));
    expect(await order()).toEqual([...ids].reverse());
    await page.getByRole('navigation', { name: 'Sort comments' }).getByRole('link', { name: 'Oldest' }).click();
    await expect.poll(order).toEqual(ids);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('oldest');
    expect(await page.getByRole('link', { name: 'Oldest' }).getAttribute('aria-current')).toBe('page');
    expect(await stillSamePage(page)).toBe(true);
    // The next visit to the plain address shows the remembered order (the server's default stays for no-JS).
    await page.goto(`${site.url}/articles/${slug}`);
    await expect.poll(() => page.locator('#comments').getAttribute('data-sort')).toBe('oldest');
    expect(await order()).toEqual(ids);
    // The invitation's close button remembers too.
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('[data-invite]').count()).toBe(0);
    await page.reload();
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('[data-invite]').count()).toBe(0);
    expect(pageProblems(recorded)).toEqual([]);
  });

  it('fills in the personal bits on a shared (cached) page from /me', async () => {
    const slug = 'how-fuel-brokers-profit-from-the-blackouts';
    const [other] = await seed(slug, ['Vote for me.']);
    if (!other) throw new Error('no seed');
    const recorded = await open(slug);
    const { page } = recorded;
    await comment(page, other).getByRole('button', { name: 'Vote up' }).click();
    await expect.poll(() => comment(page, other).locator('.comment-score').getAttribute('data-score')).toBe('1');
    const text = `Mine on a shared page ${Date.now()}`;
    await fillComment(page, text);
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('.comment-body', { hasText: text }).waitFor();
    // A cache in front of the site (a CDN) answers with the page everyone gets, whatever the cookie.
    await page.route(`${site.url}/articles/${slug}`, async (route) => {
      const response = await fetch(route.request().url());
      expect(response.headers.get('x-cache')).toMatch(/hit|miss/);
      await route.fulfill({ status: response.status, contentType: 'text/html; charset=utf-8', body: await response.text() });
    });
    await page.reload();
    const mine = page.locator('article.comment', { has: page.locator('.comment-body', { hasText: text }) });
    await expect.poll(() => mine.getByRole('link', { name: 'Edit' }).count()).toBe(1);
    expect(await mine.getByRole('button', { name: 'Delete' }).count()).toBe(1);
    expect(await mine.getByRole('button', { name: 'Vote up' }).isDisabled()).toBe(true);
    expect(await comment(page, other).getByRole('button', { name: 'Vote up' }).getAttribute('aria-pressed')).toBe('true');
    expect(pageProblems(recorded)).toEqual([]);
  });

  it("a second reader sees the first one's comment arrive live, behind the “N new comments” button", async () => {
    const slug = 'the-ferrymen-who-stayed-on-the-ostra';
    const seeded = await seed(
      slug,
      Array.from({ length: 12 }, (_, i) => `Comment number ${i + 1}, long enough to take some room on the page.\n\nA second paragraph.`),
    );
    const [writer, reader] = [await open(slug), await open(slug)];
    const watcher = reader.page;
    await watcher.setViewportSize({ width: 800, height: 600 });
    // The watcher reads in the middle of the discussion.
    const anchorId = seeded[5] as number;
    await comment(watcher, anchorId).scrollIntoViewIfNeeded();
    await watcher.evaluate(() => window.scrollBy(0, 50));
    await watcher.waitForTimeout(300);
    const top = () => comment(watcher, anchorId).evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const before = await top();

    const text = `Live from another browser ${Date.now()}`;
    await fillComment(writer.page, text, 'Live Writer');
    await writer.page.getByRole('button', { name: 'Post Comment' }).click();
    await writer.page.locator('.comment-body', { hasText: text }).waitFor();

    const pill = watcher.getByRole('button', { name: '1 new comment' });
    await pill.waitFor({ timeout: 10_000 });
    expect(await watcher.getByRole('status').filter({ hasText: '1 new comment' }).count()).toBe(1);
    // Nothing moved while it waited, and the comment is not in the page yet.
    expect(await top()).toBe(before);
    expect(await watcher.locator('.comment-body', { hasText: text }).count()).toBe(0);

    await pill.click();
    const arrived = watcher.locator('article.comment.is-new', { has: watcher.locator('.comment-body', { hasText: text }) });
    await arrived.waitFor();
    expect(Math.abs((await top()) - before)).toBeLessThanOrEqual(1);
    expect(await pill.isHidden()).toBe(true);
    expect(await watcher.locator('#comments-heading').textContent()).toBe('13 comments');

    // Votes update in place for everyone.
    await comment(writer.page, anchorId).getByRole('button', { name: 'Vote up' }).click();
    await expect.poll(() => comment(watcher, anchorId).locator('.comment-score').getAttribute('data-score'), { timeout: 10_000 }).toBe('1');
    expect(await comment(watcher, anchorId).locator('.comment-score').getAttribute('title')).toBe('1 up, 0 down');
    // A vote cast elsewhere (not in a browser) arrives the same way.
    const { guestId } = await createGuest(site.ctx);
    await castVote(site.ctx, { identity: { kind: 'guest', guestId }, commentId: anchorId, value: 'up' });
    await expect.poll(() => comment(watcher, anchorId).locator('.comment-score').textContent(), { timeout: 10_000 }).toMatch(/^2/);
    expect(pageProblems(writer)).toEqual([]);
    expect(pageProblems(reader)).toEqual([]);
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPublishedArticleBySlug } from '../../src/features/articles/queries.js';
import { launchBrowser, openRecordedPage, type RecordedPage, type RunningSite, startSite } from './support/browser.js';

const VIDEO_SLUG = 'video-night-with-kessar-repair-crews';
const MAP_SLUG = 'ostra-bend-front-line-after-a-month-of-assaults';

let site: RunningSite;
let browser: Browser;
let recorded: RecordedPage | undefined;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ demo: true }), launchBrowser()]);
});

afterEach(async () => {
  await recorded?.close();
  recorded = undefined;
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

async function open(path: string): Promise<RecordedPage> {
  recorded = await openRecordedPage(browser, site.url);
  await recorded.page.goto(`${site.url}${path}`);
  await recorded.page.waitForLoadState('networkidle');
  return recorded;
}

/** The page-quality facts every page must satisfy. */
function expectClean(r: RecordedPage) {
  expect(r.consoleErrors).toEqual([]);
  expect(r.failedRequests).toEqual([]);
  expect(r.thirdParty.map((q) => q.url)).toEqual([]);
  expect(r.requests.length).toBeGreaterThan(0);
  for (const request of r.requests) expect(new URL(request.url).origin).toBe(site.url);
}

async function articleFromDb(slug: string) {
  const found = await getPublishedArticleBySlug(site.ctx.database.db, slug);
  if (!found || !('article' in found)) throw new Error(`no published article ${slug}`);
  const { body_text } = await site.ctx.database.db.selectFrom('articles').select('body_text').where('id', '=', found.article.id).executeTakeFirstOrThrow();
  return { ...found.article, bodyText: body_text };
}

describe('smoke, in Chromium', () => {
  it('opens the home page, follows an article link and shows its title and body', async () => {
    const r = await open('/');
    const { page } = r;
    const link = page.locator('main .card-title a').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/articles\/[a-z0-9-]+$/);
    const slug = (href ?? '').split('/').pop() ?? '';
    const article = await articleFromDb(slug);

    await Promise.all([page.waitForURL(`${site.url}/articles/${slug}`), link.click()]);
    await page.waitForLoadState('networkidle');

    await expect.poll(async () => (await page.locator('h1').first().textContent()) ?? '').toContain(article.title);
    const body = (await page.locator('.article-body').textContent()) ?? '';
    const firstParagraph = article.bodyText.split('\n')[0] ?? '';
    expect(firstParagraph.length).toBeGreaterThan(20);
    expect(body.replace(/\s+/g, ' ')).toContain(firstParagraph.replace(/\s+/g, ' ').slice(0, 80));
    expectClean(r);
  });

  it('loads nothing third-party for a video until the reader presses play', async () => {
    const r = await open(`/articles/${VIDEO_SLUG}`);
    const { page } = r;
    expectClean(r);
    expect(await page.locator('iframe').count()).toBe(0);

    await page.locator('figure.video a[data-play]').click();
    const frame = page.locator('figure.video iframe.video-frame');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+/);
    // The click stayed on our page: the island swapped the link for the player.
    expect(page.url()).toBe(`${site.url}/articles/${VIDEO_SLUG}`);
    // Only now does the browser ask a third party for anything (the request is aborted here: no network).
    await expect.poll(() => r.thirdParty.map((q) => new URL(q.url).hostname)).toContain('www.youtube-nocookie.com');
  });

  it('opens a body image full size in a lightbox, and Escape closes it', async () => {
    const r = await open(`/articles/${MAP_SLUG}`);
    const { page } = r;
    const zoom = page.locator('.article-body a[data-zoom]').first();
    const href = await zoom.getAttribute('href');
    expect(href).toBeTruthy();

    await zoom.click();
    const dialog = page.locator('dialog.lightbox');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(page.url()).toBe(`${site.url}/articles/${MAP_SLUG}`);
    expect(await dialog.locator('img').getAttribute('src')).toBe(new URL(href ?? '', site.url).href);
    await dialog.locator('img').evaluate((img) => (img as HTMLImageElement).decode());

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    // Focus goes back to the link that opened it.
    expect(await zoom.evaluate((a) => a === document.activeElement)).toBe(true);
    await page.waitForLoadState('networkidle');
    expectClean(r);
  });
});

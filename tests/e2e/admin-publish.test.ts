import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/create-user.js';
import { imageBytes } from '../support/media.js';
import { launchBrowser, openRecordedPage, type RunningSite, startSite } from './support/browser.js';

let site: RunningSite;
let browser: Browser;
const OWNER = { email: 'desk@example.org', password: 'a long desk passphrase', name: 'Dana Desk' };

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite({ demo: false }), launchBrowser()]);
  await createUser(site.ctx, { ...OWNER, role: 'owner' });
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const mediaStatus = async (filename: string) =>
  (await site.ctx.database.db.selectFrom('media').select('status').where('filename', '=', filename).executeTakeFirst())?.status ?? null;

describe('the newsroom admin, in Chromium', () => {
  it('signs in, uploads images (button and drag and drop), writes and publishes an article, and readers see it on the home page', async () => {
    const recorded = await openRecordedPage(browser, site.url);
    const { page } = recorded;
    try {
      // Sign in with the labelled fields; the dashboard's chart renders.
      await page.goto(`${site.url}/admin`);
      await page.getByLabel('Email', { exact: true }).fill(OWNER.email);
      await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
      await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
      const chart = page.getByRole('img', { name: 'Comments per day, last 30 days' });
      await chart.waitFor();
      expect(await chart.locator('rect').count()).toBe(30);
      expect((await chart.boundingBox())?.width).toBeGreaterThan(200);
      // No campaign on this site yet: the dashboard says so and links to the campaigns screen.
      expect(await page.getByText('No campaign is running.').count()).toBe(1);
      expect(await page.getByRole('img', { name: 'Articles published per day, last 30 days' }).count()).toBe(1);
      const nav = page.getByRole('navigation', { name: 'Admin' });
      const screens = await nav.getByRole('link').allTextContents();
      expect(screens.filter((s) => ['Dashboard', 'Articles', 'Media', 'Users', 'Settings'].includes(s))).toEqual(['Dashboard', 'Articles', 'Media', 'Users', 'Settings']);

      // Upload with the button: the script posts the file and the server's card joins the library.
      await nav.getByRole('link', { name: 'Media' }).click();
      await page.waitForURL(`${site.url}/admin/media`);
      await page.getByLabel('Description (alt text)').first().fill('Trucks crossing the Ostra bridge');
      await page.getByLabel('Images').setInputFiles({ name: 'bridge.jpg', mimeType: 'image/jpeg', buffer: await imageBytes(1400, 900, 'jpeg') });
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.locator('.media-card', { hasText: 'bridge.jpg' }).waitFor();
      await expect.poll(() => page.locator('#upload-status').textContent()).toContain('bridge.jpg uploaded.');

      // And by dropping a file on the form.
      const png = (await imageBytes(500, 300, 'png')).toString('base64');
      const dropped = await page.evaluateHandle((b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'dropped-map.png', { type: 'image/png' }));
        return transfer;
      }, png);
      await page.locator('[data-dropzone]').dispatchEvent('drop', { dataTransfer: dropped });
      await page.locator('.media-card', { hasText: 'dropped-map.png' }).waitFor();
      // A file that only pretends to be an image is refused, with the reason.
      await page.getByLabel('Images').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
      await page.getByRole('button', { name: 'Upload' }).click();
      await expect.poll(() => page.locator('#upload-status .upload-error').textContent()).toContain('“fake.png” is not a JPEG, PNG, WebP, AVIF or GIF image');

      const markdown = await page.locator('.media-card', { hasText: 'bridge.jpg' }).getByLabel('Markdown for an article').inputValue();
      expect(markdown).toMatch(/^!\[Trucks crossing the Ostra bridge\]\(\/media\/uploads\/\d+\/original\.jpg\)$/);
      // The worker makes the responsive variants in the background.
      await expect.poll(() => mediaStatus('bridge.jpg'), { timeout: 20_000 }).toBe('ready');

      // Write the article: the live preview renders the body as the public page will.
      await nav.getByRole('link', { name: 'Articles' }).click();
      await page.getByRole('link', { name: 'New article' }).click();
      await page.waitForURL(`${site.url}/admin/articles/new`);
      await page.getByLabel('Title', { exact: true }).fill('Night convoy crosses the Ostra');
      await page.getByLabel('Standfirst').fill('Forty trucks, no lights, one bridge.');
      await page.getByLabel('Body (Markdown)').fill(`The first truck moved at 2 a.m.\n\n${markdown}\n\n## What comes next\n\nThe ferries resume on Monday.`);
      const preview = page.locator('#article-preview');
      await preview.locator('h2', { hasText: 'What comes next' }).waitFor();
      await preview.locator('picture source[type="image/avif"]').waitFor({ state: 'attached' });
      await page.getByLabel('Topics').fill('Frontline, Transport');
      await page.getByRole('radio', { name: 'Published', exact: true }).check();
      await Promise.all([page.waitForURL(/\/admin\/articles\/\d+\?saved=1$/), page.getByRole('button', { name: 'Save', exact: true }).click()]);
      expect(await page.getByRole('status').first().textContent()).toContain('The article is saved.');

      // Readers see it on the home page, and the image in the article with its srcset.
      await page.goto(`${site.url}/`);
      const link = page.getByRole('link', { name: 'Night convoy crosses the Ostra' });
      await link.first().waitFor();
      await Promise.all([page.waitForURL(`${site.url}/articles/night-convoy-crosses-the-ostra`), link.first().click()]);
      const image = page.locator('.article-body img[alt="Trucks crossing the Ostra bridge"]');
      await image.waitFor();
      expect(await image.getAttribute('srcset')).toMatch(/\/media\/uploads\/\d+\/480\.jpg 480w, \/media\/uploads\/\d+\/960\.jpg 960w/);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
      expect(await image.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/media\/uploads\/\d+\/\d+\.(avif|webp|jpg)$/);
      expect(await page.locator('.article-body a.zoom').first().getAttribute('href')).toMatch(/\/original\.jpg$/);

      // The one refused upload answered 422 on purpose (Chromium logs it too); nothing else failed.
      expect(recorded.consoleErrors.filter((e) => !e.includes('status of 422') || !e.includes('/admin/media'))).toEqual([]);
      expect(recorded.failedRequests.filter((r) => !r.startsWith('POST') || !r.endsWith('/admin/media: HTTP 422'))).toEqual([]);
      expect(recorded.failedRequests).toHaveLength(1);
    } finally {
      await recorded.close();
    }
  });
});

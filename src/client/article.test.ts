import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The island runs in a real browser: the script is bundled as the build bundles it and served, with
// a page shaped like the article page, from a fake origin. Every request is recorded, none leaves.
const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'article.ts');
const origin = 'https://outpost.test';
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="#ccc"/></svg>';

function fixture(kind: 'frame' | 'file'): string {
  const embed = kind === 'frame' ? 'https://video.test/embed/abc?autoplay=1' : `${origin}/media/clip.mp4`;
  return `<!doctype html><html lang="en" data-close-label="Schließen"><head><meta charset="utf-8"><script type="module" src="/article.js"></script></head><body>
<main><article class="article">
<figure class="video" data-video="${kind}" data-embed="${embed}"><a class="video-facade" href="https://video.test/watch?v=abc" data-play>
<span class="video-play" aria-hidden="true"></span><span class="video-label">Play video: The night shift</span></a></figure>
<p><a id="other" href="#x">a link</a></p>
<figure class="figure"><a class="zoom" href="/media/map-full.svg" data-zoom><img src="/media/map.svg" alt="Map of the front"></a><figcaption>The front this morning.</figcaption></figure>
</article></main></body></html>`;
}

describe.skipIf(!existsSync(chromiumPath))('article island (browser)', () => {
  let browser: Browser;
  let script: string;

  beforeAll(async () => {
    const out = await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', minify: true, write: false, target: ['es2020', 'chrome90', 'firefox90', 'safari14'] });
    script = out.outputFiles[0]?.text ?? '';
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(kind: 'frame' | 'file'): Promise<{ page: Page; requests: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url === `${origin}/a`) return route.fulfill({ contentType: 'text/html', body: fixture(kind) });
      if (url === `${origin}/article.js`) return route.fulfill({ contentType: 'text/javascript', body: script });
      return route.fulfill({ contentType: url.endsWith('.svg') ? 'image/svg+xml' : 'text/html', body: url.endsWith('.svg') ? svg : '' });
    });
    await page.goto(`${origin}/a`, { waitUntil: 'load' });
    return { page, requests };
  }

  it('stays tiny', () => {
    expect(script.length).toBeLessThan(2200);
  });

  it('loads nothing from the video host until play is pressed, then swaps in a focused iframe', async () => {
    const { page, requests } = await open('frame');
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    await page.focus('a[data-play]');
    await page.keyboard.press('Enter');
    const frame = page.locator('figure.video iframe.video-frame');
    await expect.poll(() => frame.count()).toBe(1);
    expect(await frame.getAttribute('src')).toBe('https://video.test/embed/abc?autoplay=1');
    expect(await frame.getAttribute('title')).toBe('Play video: The night shift');
    expect(await frame.getAttribute('allow')).toContain('autoplay');
    expect(await frame.getAttribute('allowfullscreen')).not.toBeNull();
    expect(await page.locator('a[data-play]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
    expect(page.url()).toBe(`${origin}/a`);
    await page.context().close();
  });

  it('plays a video file in a <video> with controls', async () => {
    const { page } = await open('file');
    await page.click('a[data-play]');
    const video = page.locator('figure.video video.video-frame');
    await expect.poll(() => video.count()).toBe(1);
    expect(await video.evaluate((v: HTMLVideoElement) => [v.controls, v.autoplay, v.playsInline, v.src])).toEqual([true, true, true, `${origin}/media/clip.mp4`]);
    await page.context().close();
  });

  it('opens a zoom link in a modal lightbox and gives focus back when it closes', async () => {
    const { page } = await open('frame');
    await page.click('a[data-zoom]');
    const dialog = page.locator('dialog.lightbox');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(page.url()).toBe(`${origin}/a`);
    expect(await page.locator('.lightbox img').getAttribute('src')).toBe(`${origin}/media/map-full.svg`);
    expect(await page.locator('.lightbox img').getAttribute('alt')).toBe('Map of the front');
    expect(await page.locator('.lightbox figcaption').textContent()).toBe('The front this morning.');
    expect(await page.locator('.lightbox-close').getAttribute('aria-label')).toBe('Schließen');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('lightbox-close');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('zoom');

    // the close button, and a click outside the image, close it too; one dialog is reused
    await page.click('a[data-zoom]');
    await page.click('.lightbox-close');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await page.click('a[data-zoom]');
    await page.mouse.click(5, 5);
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.locator('dialog').count()).toBe(1);
    await page.context().close();
  });

  it('leaves modified clicks to the browser', async () => {
    const { page } = await open('frame');
    await page.click('a[data-zoom]', { modifiers: ['Shift'] });
    expect(await page.locator('dialog.lightbox[open]').count()).toBe(0);
    await page.context().close();
  });
});

import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openRecordedPage, type RecordedPage } from './support/browser.js';
import {
  accessibilityViolations,
  axeViolations,
  formatHtmlMessages,
  formatViolations,
  invalidDocuments,
  pageProblems,
  resetRecording,
  type Visit,
  validateHtml,
  visit,
  weightBudget,
  weightProblems,
} from './support/gates.js';

/**
 * Each gate must be able to fail: deliberately broken pages, served by a tiny server here, go
 * through the SAME gate functions as the real pages (tests/e2e/support/gates.ts), and every gate
 * must report its problem. A clean page goes through them too, to show the gates do not cry wolf.
 */

const doc = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><main><h1>${title}</h1>${body}</main></body></html>`;

/** ~30 KB of random base64 inside a script: random data barely compresses, so it stays > 20 KB gzip. */
const heavyScript = `window.__heavy = ${JSON.stringify(randomBytes(22_500).toString('base64'))};`;
/** ~30 KB of random base64 in a stylesheet comment (plus one real rule): also > 20 KB gzip. */
const heavyStylesheet = `/* ${randomBytes(22_500).toString('base64')} */\nbody{margin:0}\n`;
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const pages: Record<string, string> = {
  // Valid, WCAG-clean; its last paragraph sits outside any landmark, which only axe's best-practice
  // rules (not WCAG) object to: the gate must run the WCAG rules alone.
  '/clean': doc('A clean page', '<p>Nothing wrong here.</p><img src="/pixel.png" alt="A single pixel" width="1" height="1">').replace('</main>', '</main><p>Outside any landmark.</p>'),
  '/no-alt': doc('An image without alt', '<img src="/pixel.png" width="1" height="1">'),
  '/no-label': doc('A field without a label', '<form action="/search"><input type="text" name="q"></form>'),
  '/invalid': doc('Invalid HTML', '<p><div>a block in a paragraph</div></p><p id="twice">one</p><p id="twice">two</p>'),
  '/dark-contrast': doc('Unreadable in dark mode', '<p>Grey on black at night.</p>', '<style>@media (prefers-color-scheme: dark){body{background:#000;color:#333}}</style>'),
  '/heavy': doc('Heavy scripts', '<p>Loads too much JavaScript.</p>', '<script src="/heavy.js" defer></script>'),
  '/heavy-css': doc('Heavy styles', '<p>Loads too much CSS.</p>', '<link rel="stylesheet" href="/heavy.css">'),
  '/third-party': doc('A third-party request', '<img src="https://example.org/x.png" alt="A tracker" width="1" height="1">'),
  '/console-error': doc('A console error', '<p>Logs an error.</p>', '<script src="/error.js" defer></script>'),
  '/missing-asset': doc('A missing stylesheet', '<p>Its stylesheet is missing.</p>', '<link rel="stylesheet" href="/missing.css">'),
  '/leaves-early': doc('A request still running', '<p>Asks for data that never comes.</p>', '<script src="/hang.js" defer></script>'),
  '/dropped': doc('A dropped connection', '<p>Its data request dies.</p>', '<script src="/drop.js" defer></script>'),
};

/** Requests to /hang, held open until the test ends. */
const hanging: http.ServerResponse[] = [];

let server: http.Server;
let origin: string;
let browser: Browser;
const served: Array<{ name: string; html: string }> = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const html = pages[path];
    if (html) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    if (path === '/heavy.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(heavyScript);
    if (path === '/heavy.css') return void response.writeHead(200, { 'content-type': 'text/css' }).end(heavyStylesheet);
    if (path === '/error.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end('console.error("deliberate error");');
    if (path === '/pixel.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(pixel);
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    if (path === '/hang.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end("fetch('/hang').catch(() => {});");
    if (path === '/drop.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end("fetch('/drop').catch(() => {});");
    if (path === '/hang') return void hanging.push(response);
    if (path === '/drop') return void request.socket.destroy();
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  recorded = await openRecordedPage(browser, origin);
});

afterAll(async () => {
  for (const response of hanging) response.end();
  await recorded?.close();
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** One page for every visit (axe compiles once per renderer), forgetting what the last visit recorded. */
let recorded: RecordedPage;

async function open(path: string): Promise<{ recorded: RecordedPage; visit: Visit }> {
  await recorded.page.goto('about:blank');
  resetRecording(recorded);
  const result = await visit(recorded, `${origin}${path}`);
  served.push({ name: path.slice(1), html: result.html });
  return { recorded, visit: result };
}

describe('each gate reports a deliberately broken page', () => {
  it('a clean page passes every gate (WCAG rules only: best-practice findings do not count)', async () => {
    const { visit } = await open('/clean');
    expect(await accessibilityViolations(recorded.page)).toEqual([]);
    expect(pageProblems(recorded)).toEqual([]);
    expect(weightProblems(visit.weight)).toEqual([]);
  });

  it('axe: an image without alt is a violation', async () => {
    await open('/no-alt');
    const violations = await accessibilityViolations(recorded.page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    expect(violations.find((v) => v.id === 'image-alt')?.nodes.map((n) => n.target.join(' '))).toEqual(['img']);
    expect(formatViolations(violations)).toMatch(/image-alt \(critical\): Images must have alternative text\n {4}img\n/);
  });

  it('axe: a form field without a label is a violation', async () => {
    await open('/no-label');
    const violations = await accessibilityViolations(recorded.page);
    expect(violations.map((v) => v.id)).toContain('label');
  });

  it('axe: text without contrast in the dark colour scheme is a violation', async () => {
    await open('/dark-contrast');
    expect(await axeViolations(recorded.page)).toEqual([]);
    expect((await accessibilityViolations(recorded.page)).map((v) => v.id)).toEqual(['color-contrast (dark)']);
  });

  it('weight: 20 KB gzip of JS is over the budget', async () => {
    const { visit } = await open('/heavy');
    expect(visit.weight.js).toBeGreaterThan(20_000);
    const heavy = visit.weight.assets.find((a) => a.url.endsWith('/heavy.js'));
    expect(heavy?.gzip).toBe(gzipSync(heavyScript, { level: 9 }).length);
    const problems = weightProblems(visit.weight);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^JS is \\d+ B gzip, over the ${weightBudget.js} B budget`));
    expect(problems[0]).toContain('/heavy.js');
  });

  it('weight: 20 KB gzip of CSS is over the budget', async () => {
    const { visit } = await open('/heavy-css');
    expect(visit.weight.css).toBeGreaterThan(weightBudget.css);
    expect(visit.weight.js).toBe(0);
    const heavy = visit.weight.assets.find((a) => a.url.endsWith('/heavy.css'));
    expect(heavy?.kind).toBe('css');
    expect(heavy?.gzip).toBe(gzipSync(heavyStylesheet, { level: 9 }).length);
    const problems = weightProblems(visit.weight);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^CSS is \\d+ B gzip, over the ${weightBudget.css} B budget`));
    expect(problems[0]).toContain('/heavy.css');
    // The same page passes a budget it fits: the figure, not the page, decides.
    expect(weightProblems(visit.weight, { js: weightBudget.js, css: visit.weight.css })).toEqual([]);
  });

  it('third-party: a request to example.org is recorded', async () => {
    await open('/third-party');
    expect(recorded.thirdParty.map((q) => q.url)).toEqual(['https://example.org/x.png']);
    expect(pageProblems(recorded)).toContain('third-party request: GET https://example.org/x.png (image)');
  });

  it('console: console.error is recorded', async () => {
    await open('/console-error');
    expect(pageProblems(recorded).filter((p) => p.startsWith('console:'))).toEqual([expect.stringMatching(/^console: console\.error: deliberate error/)]);
  });

  it('failed requests: a missing stylesheet is recorded', async () => {
    await open('/missing-asset');
    expect(pageProblems(recorded)).toContain(`failed request: GET ${origin}/missing.css: HTTP 404`);
  });

  it('failed requests: one the browser cancels because the reader left the page is no failure; a dropped connection is', async () => {
    // Not through open(): that waits for the network to go quiet, and this page never does.
    await recorded.page.goto('about:blank');
    resetRecording(recorded);
    await recorded.page.goto(`${origin}/leaves-early`);
    await expect.poll(() => hanging.length).toBeGreaterThan(0);
    await recorded.page.goto(`${origin}/clean`);
    expect(pageProblems(recorded)).toEqual([]);
    await open('/dropped');
    await expect.poll(() => pageProblems(recorded).filter((p) => p.startsWith(`failed request: GET ${origin}/drop: net::`))).toHaveLength(1);
  });

  it('Nu Html Checker: a div inside a p and a duplicate id are errors (one vnu run over every page above)', async () => {
    await open('/invalid');
    const report = await validateHtml(served);
    const invalid = invalidDocuments(report);
    // Only the broken documents are reported: the image without alt is invalid HTML too.
    expect(Object.keys(invalid).sort()).toEqual(['invalid', 'no-alt']);
    const text = formatHtmlMessages({ invalid: invalid.invalid ?? [] });
    expect(text).toMatch(/No “p” element in scope but a “p” end tag seen/);
    expect(text).toMatch(/Duplicate ID “twice”/);
    expect(formatHtmlMessages({ 'no-alt': invalid['no-alt'] ?? [] })).toMatch(/An “img” element must have an “alt” attribute/);
  });
});

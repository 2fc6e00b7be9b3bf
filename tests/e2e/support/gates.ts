/**
 * The page-quality gates, as plain functions: the real gates (tests/e2e/gates.test.ts) and the
 * proof that each gate can fail (tests/e2e/gates-fail.test.ts) call exactly these.
 *
 *  - accessibility: axe-core in the page, WCAG 2.0/2.1/2.2 A and AA rules        → axeViolations
 *  - valid HTML: the Nu Html Checker (vnu.jar) over the HTML as served            → validateHtml
 *  - weight: gzip bytes of the JS and CSS a page loads, against the budget        → watchWeight, weightProblems
 *  - hygiene: console errors, failed requests, third-party requests               → pageProblems
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import axe, { type Result } from 'axe-core';
import type { Page, Request, Response } from 'playwright-core';
import type { RecordedPage } from './browser.js';

// ---------------------------------------------------------------------------------------------
// Accessibility

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no wcag22a rules of its own yet). */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type AxeViolation = Result;

/**
 * Run axe-core in the page as it is now, WCAG A/AA rules only (or just `rules`); returns the
 * violations (empty when the page passes). Legacy mode runs axe.run() in the page itself; the
 * default mode also opens a blank page per run to merge per-frame results (about 2 s each). Our
 * pages have no frames before the reader acts (a third-party frame would fail the hygiene gate
 * anyway), so the result is the same, faster.
 */
export async function axeViolations(page: Page, options: { rules?: string[] } = {}): Promise<AxeViolation[]> {
  // AxeBuilder evaluates axe's 550 KB source twice per run; put it in the document once instead
  // and hand AxeBuilder a no-op source (the `axeSource` option), which it then "injects" for free.
  const present = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(axe.source);
  // `options()` replaces every option, so it comes first: `withTags`/`withRules` then add runOnly.
  // Only violations are read: axe skips collecting the details of passes and incomplete checks.
  const builder = new AxeBuilder({ page, axeSource: 'void 0' }).options({ resultTypes: ['violations'] }).setLegacyMode(true);
  if (options.rules) builder.withRules(options.rules);
  else builder.withTags(axeTags);
  const results = await builder.analyze();
  return results.violations;
}

/** Rules whose outcome depends on the colour scheme: run again in dark mode. */
export const colourRules = ['color-contrast', 'link-in-text-block'];

/**
 * The accessibility gate: every WCAG A/AA rule in the light scheme, then the colour rules again
 * with `prefers-color-scheme: dark` (the stylesheet has a dark theme). Dark-mode violations have
 * " (dark)" appended to their id. Leaves the page in the light scheme. `dark: false` skips the dark
 * pass (for a variant of a page whose colours were checked already).
 */
export async function accessibilityViolations(page: Page, options: { dark?: boolean } = {}): Promise<AxeViolation[]> {
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await axeViolations(page);
  if (options.dark === false) return light;
  await page.emulateMedia({ colorScheme: 'dark' });
  try {
    const dark = await axeViolations(page, { rules: colourRules });
    return [...light, ...dark.map((v) => ({ ...v, id: `${v.id} (dark)` }))];
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

/** One line per violation and one per offending node: rule id, help, target and what is wrong. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.map(String).join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
      return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Valid HTML

/** The Nu Html Checker's jar from the vnu-jar package (its postinstall, which fetches a JRE, is not run). */
export const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

export interface HtmlDocument {
  /** A name for reports ("home", "article (sorted)"); also the file name vnu sees. */
  name: string;
  html: string;
}

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  message: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  extract?: string;
  url?: string;
}

export interface HtmlReport {
  /** Errors (and checker failures) per document name; a valid document has an empty list. */
  errors: Record<string, VnuMessage[]>;
  /** Warnings per document name: reported, never failing. */
  warnings: Record<string, VnuMessage[]>;
}

/**
 * Check documents with ONE run of vnu.jar (starting the JVM and loading the HTML schema costs about
 * two CPU-seconds; each further document little): each document is written to a temp folder and
 * vnu reports on all of them at once, as JSON. Names must be unique: the report is keyed by them.
 */
export async function validateHtml(documents: HtmlDocument[]): Promise<HtmlReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-vnu-'));
  try {
    const byUrl = new Map<string, string>();
    const files = documents.map((doc, i) => {
      const file = path.join(dir, `${String(i).padStart(2, '0')}-${doc.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.html`);
      fs.writeFileSync(file, doc.html);
      byUrl.set(pathToFileURL(file).href, doc.name);
      return file;
    });
    const report: HtmlReport = { errors: {}, warnings: {} };
    for (const doc of documents) {
      report.errors[doc.name] = [];
      report.warnings[doc.name] = [];
    }
    if (files.length === 0) return report;
    // C1 only and the serial GC: half the CPU of a default JVM for a run this short. vnu needs a
    // bigger thread stack than the default to walk the HTML schema.
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        'java',
        ['-Xss4m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', vnuJar, '--format', 'json', '--stdout', '--exit-zero-always', ...files],
        { maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => (error ? reject(new Error(`vnu.jar failed: ${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const parsed = JSON.parse(stdout) as { messages: VnuMessage[] };
    for (const message of parsed.messages) {
      const name = (message.url && (byUrl.get(message.url) ?? byUrl.get(message.url.replace(/^file:\/(?!\/)/, 'file:///')))) ?? '(unknown document)';
      const warning = message.type === 'info';
      const bucket = warning ? report.warnings : report.errors;
      bucket[name] ??= [];
      bucket[name].push(message);
    }
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** "home: 12:40 Element div not allowed as child of element p …" lines, for a failure message. */
export function formatHtmlMessages(byDocument: Record<string, VnuMessage[]>): string {
  return Object.entries(byDocument)
    .flatMap(([name, messages]) => messages.map((m) => `  ${name}: ${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'} ${m.message}${m.extract ? `\n      «${m.extract.replace(/\s+/g, ' ').trim()}»` : ''}`))
    .join('\n');
}

/** Documents that have at least one error. */
export function invalidDocuments(report: HtmlReport): Record<string, VnuMessage[]> {
  return Object.fromEntries(Object.entries(report.errors).filter(([, messages]) => messages.length > 0));
}

// ---------------------------------------------------------------------------------------------
// Weight

/**
 * The article page's budget, in bytes of gzip (KB = 1,000 bytes: the stricter reading). Inline
 * <script> and <style> in the served HTML count too: they are JS and CSS the page loads.
 */
export const weightBudget = { js: 15_000, css: 20_000 };

export interface AssetWeight {
  url: string;
  kind: 'js' | 'css';
  /** Decoded size of the body. */
  bytes: number;
  /**
   * The figure that counts: the decoded body gzipped here with zlib at level 9. Always measured
   * so, whatever the server sent (Outpost serves assets pre-compressed with brotli or gzip when
   * the browser accepts it, and a proxy may recompress): the same bytes always give the same
   * figure, and brotli is smaller still, so the budget holds for what is actually transferred.
   */
  gzip: number;
  /** Content-Encoding the server used for this response ('' when none), for information. */
  transferEncoding: string;
}

export interface PageWeight {
  js: number;
  css: number;
  assets: AssetWeight[];
}

function kindOf(response: Response): 'js' | 'css' | null {
  const type = response.request().resourceType();
  const contentType = response.headers()['content-type'] ?? '';
  if (type === 'script' || /javascript|ecmascript/.test(contentType)) return 'js';
  if (type === 'stylesheet' || contentType.startsWith('text/css')) return 'css';
  return null;
}

const gzip9 = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

/**
 * Start recording the JS and CSS responses of a page; call `measure(servedHtml)` once it has loaded
 * (once its network is quiet) to get every asset's gzip size, inline scripts and styles included.
 */
export function watchWeight(page: Page): { measure(servedHtml: string, pageUrl: string): Promise<PageWeight> } {
  const pending: Array<Promise<AssetWeight>> = [];
  const onResponse = (response: Response) => {
    const kind = kindOf(response);
    if (!kind || response.status() >= 300) return;
    pending.push(
      (async () => {
        const body = await response.body();
        const transferEncoding = (response.headers()['content-encoding'] ?? '').toLowerCase();
        return { url: response.url(), kind, bytes: body.length, gzip: gzip9(body), transferEncoding } satisfies AssetWeight;
      })(),
    );
  };
  page.on('response', onResponse);
  return {
    async measure(servedHtml: string, pageUrl: string) {
      page.off('response', onResponse);
      const assets = await Promise.all(pending);
      for (const inline of inlineAssets(servedHtml)) {
        assets.push({ url: `${pageUrl} (inline ${inline.kind} #${inline.index})`, kind: inline.kind, bytes: Buffer.byteLength(inline.text), gzip: gzip9(inline.text), transferEncoding: '' });
      }
      const sum = (kind: 'js' | 'css') => assets.filter((a) => a.kind === kind).reduce((total, a) => total + a.gzip, 0);
      return { js: sum('js'), css: sum('css'), assets };
    },
  };
}

/** Executable inline <script> (not JSON-LD or other data blocks) and inline <style> of a document. */
export function inlineAssets(html: string): Array<{ kind: 'js' | 'css'; text: string; index: number }> {
  const found: Array<{ kind: 'js' | 'css'; text: string; index: number }> = [];
  const scripts = html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi);
  for (const [, attributes = '', text = ''] of scripts) {
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase() ?? '';
    const executable = type === '' || type === 'module' || /javascript|ecmascript/.test(type);
    if (executable && text.trim()) found.push({ kind: 'js', text, index: found.length + 1 });
  }
  for (const [, text = ''] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) if (text.trim()) found.push({ kind: 'css', text, index: found.length + 1 });
  return found;
}

/** What is over budget, in words; empty when the page fits. */
export function weightProblems(weight: PageWeight, budget: { js: number; css: number } = weightBudget): string[] {
  const problems: string[] = [];
  const list = (kind: 'js' | 'css') =>
    weight.assets
      .filter((a) => a.kind === kind)
      .map((a) => `    ${a.gzip} B gzip -9 (${a.bytes} B decoded${a.transferEncoding ? `, sent as ${a.transferEncoding}` : ''}) ${a.url}`)
      .join('\n');
  if (weight.js > budget.js) problems.push(`JS is ${weight.js} B gzip, over the ${budget.js} B budget:\n${list('js')}`);
  if (weight.css > budget.css) problems.push(`CSS is ${weight.css} B gzip, over the ${budget.css} B budget:\n${list('css')}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Hygiene: console errors, failed requests, third-party requests

/**
 * What went wrong while the page loaded, as recorded by openRecordedPage: console errors and
 * uncaught exceptions, same-origin requests that failed or answered ≥ 400, and any request to
 * another origin before the reader acted. `allowDocumentStatus` lets a page that is MEANT to answer
 * with an error (the 404 page) not count its own document as a failed request.
 */
export function pageProblems(recorded: RecordedPage, options: { allowDocumentStatus?: { url: string; status: number } } = {}): string[] {
  const allowed = options.allowDocumentStatus;
  // Chromium also logs "Failed to load resource: … status of 404 …" for the document itself.
  const expected = (line: string) =>
    allowed !== undefined && (line === `GET ${allowed.url}: HTTP ${allowed.status}` || (line.includes(`status of ${allowed.status} `) && line.endsWith(`(${allowed.url})`)));
  return [
    ...recorded.consoleErrors.filter((e) => !expected(e)).map((e) => `console: ${e}`),
    ...recorded.failedRequests.filter((f) => !expected(f)).map((f) => `failed request: ${f}`),
    ...recorded.thirdParty.map((q) => `third-party request: ${q.method} ${q.url} (${q.resourceType})`),
  ];
}

/**
 * Turn Chromium's HTTP cache off for this page, so every visit requests (and weighs) every asset
 * again, however many pages came before on the same page. Over loopback this costs nothing.
 */
export async function disableCache(recorded: RecordedPage): Promise<void> {
  const cdp = await recorded.context.newCDPSession(recorded.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
}

/** Forget what was recorded so far (after signing in, say), so the next page starts clean. */
export function resetRecording(recorded: RecordedPage): void {
  recorded.requests.length = 0;
  recorded.thirdParty.length = 0;
  recorded.consoleErrors.length = 0;
  recorded.failedRequests.length = 0;
}

// ---------------------------------------------------------------------------------------------
// Visiting a page

export interface Visit {
  url: string;
  status: number;
  /** The document exactly as the server sent it (not page.content(), which is the live DOM). */
  html: string;
  weight: PageWeight;
}

/**
 * Navigate, wait until the page's network has been quiet for a moment, and return the served HTML
 * and the page's weight. (Playwright's 'networkidle' waits a fixed 500 ms and counts a live
 * EventSource as traffic; this waits `quietMs` after the last request of the page ended, and
 * leaves long-lived streams out.)
 */
export async function visit(recorded: RecordedPage, url: string, options: { quietMs?: number } = {}): Promise<Visit> {
  const { page } = recorded;
  const weight = watchWeight(page);
  const inflight = new Set<Request>();
  const streams = new Set(['eventsource', 'websocket']);
  const started = (request: Request) => {
    if (!streams.has(request.resourceType())) inflight.add(request);
  };
  const ended = (request: Request) => inflight.delete(request);
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response) throw new Error(`no response for ${url}`);
    const html = await response.text();
    await quiet(inflight, options.quietMs ?? 150);
    return { url: response.url(), status: response.status(), html, weight: await weight.measure(html, url) };
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

async function quiet(inflight: Set<Request>, quietMs: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = inflight.size === 0 ? Date.now() : 0;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (inflight.size > 0) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
  }
  throw new Error(`the page never went quiet: ${[...inflight].map((r) => r.url()).join(', ')}`);
}

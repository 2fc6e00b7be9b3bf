import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export { type RunningSite, type SiteOptions, startSite } from './server.js';

/** Debian's Chromium, or CHROME_PATH. */
export const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * Launch headless Chromium with nothing that phones home, so every request it makes is ours.
 * `extraArgs` adds switches, e.g. --enable-caret-browsing (F7: select text with Shift+arrows).
 */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** True for requests to an origin other than the site's. */
  thirdParty: boolean;
}

export interface RecordedPage {
  page: Page;
  context: BrowserContext;
  /** The site's origin, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** Every http(s) request the page (and its frames) made, in order. */
  requests: RecordedRequest[];
  /** Requests to another origin; they are aborted, the test machine has no network. */
  thirdParty: RecordedRequest[];
  /** console.error messages and uncaught exceptions. */
  consoleErrors: string[];
  /** Same-origin requests that failed at the network level or answered 4xx/5xx. */
  failedRequests: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser context and page on `origin` that records what later gates assert on: every
 * request, console errors, uncaught exceptions and failed requests. Requests to any other origin
 * are recorded in `thirdParty` and aborted, so they neither leave the machine nor count as failures.
 */
export async function openRecordedPage(browser: Browser, origin: string): Promise<RecordedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const base = new URL(origin).origin;
  const requests: RecordedRequest[] = [];
  const thirdParty: RecordedRequest[] = [];
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const blocked = new WeakSet<object>();

  const isHttp = (url: string) => url.startsWith('http:') || url.startsWith('https:');
  await context.route(
    (url) => isHttp(url.href) && url.origin !== base,
    async (route) => {
      blocked.add(route.request());
      await route.abort('blockedbyclient');
    },
  );

  // A request the browser cancels because the page goes away (a reload, a link followed) fails
  // with net::ERR_ABORTED: that is no failure of the site. Requests are numbered as they start; an
  // aborted one counts only while no main-frame navigation started after it.
  let sequence = 0;
  const startedAt = new WeakMap<object, number>();
  const navigations: number[] = [];
  const aborted: Array<{ at: number; line: string }> = [];
  const leftBehind = (at: number) => navigations.some((n) => n > at);
  page.on('request', (request) => {
    const at = ++sequence;
    startedAt.set(request, at);
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      navigations.push(at);
      // Aborts recorded before this navigation showed up were the page going away.
      for (const entry of aborted.splice(0)) {
        const index = failedRequests.indexOf(entry.line);
        if (index >= 0) failedRequests.splice(index, 1);
      }
    }
    const url = request.url();
    if (!isHttp(url)) return;
    const entry = { url, method: request.method(), resourceType: request.resourceType(), thirdParty: new URL(url).origin !== base };
    requests.push(entry);
    if (entry.thirdParty) thirdParty.push(entry);
  });
  page.on('requestfailed', (request) => {
    if (blocked.has(request) || new URL(request.url()).origin !== base) return;
    // A live stream (Server-Sent Events) is cut off whenever the page goes away: that is no failure.
    if (request.resourceType() === 'eventsource' && request.failure()?.errorText === 'net::ERR_ABORTED') return;
    const line = `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`;
    if (request.failure()?.errorText === 'net::ERR_ABORTED') {
      const at = startedAt.get(request) ?? 0;
      if (leftBehind(at)) return;
      aborted.push({ at, line });
    }
    failedRequests.push(line);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  return {
    page,
    context,
    origin: base,
    requests,
    thirdParty,
    consoleErrors,
    failedRequests,
    close: () => context.close(),
  };
}

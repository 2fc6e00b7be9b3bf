// Lighthouse 12 on the home page and an article page of the demo newsroom: the four category scores.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { row } from '../lib/report.mjs';
import { launchServer } from '../lib/server.mjs';

export const name = 'lighthouse';
export const description =
  'Lighthouse 12 (`lighthouse` package, Debian Chromium via `CHROME_PATH`, default /usr/bin/chromium, `--headless=new`, background networking and component updates off) on the home page and the newest article of a separate server holding the **demo** newsroom (covers, maps, a video, a funding campaign: what a reader sees; the bench database has none of these), mobile form factor. Performance uses `throttlingMethod: "simulate"`: the page loads at full speed over loopback and Lantern simulates a slow-4G phone with a 4× slower CPU from the trace, so no request waits on a real network; the main-thread time it scales is measured, though, so a busy machine lowers the performance score (run it on a quiet one). Each page is audited once after one unmeasured warm-up load (so the page cache is warm, as it is for readers). The note lists the audits that cost points.';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chromeFlags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

/** Audits of a category that did not get full marks (and weigh something), worst first. */
function missed(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1)
    .sort((a, b) => a.score - b.score)
    .map((audit) => `${audit.id} ${Math.round(audit.score * 100)}`);
}

async function audit(url, port) {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: categories },
    {
      extends: 'lighthouse:default',
      settings: {
        throttlingMethod: 'simulate',
        // Nothing here may wait on the (closed) network for long.
        maxWaitForLoad: 30_000,
        maxWaitForFcp: 15_000,
      },
    },
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (process.env.BENCH_LIGHTHOUSE_JSON) fs.writeFileSync(`${process.env.BENCH_LIGHTHOUSE_JSON}-${new URL(url).pathname.replace(/\W+/g, '_')}.json`, JSON.stringify(lhr));
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return lhr;
}

export async function run(context) {
  const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-lh-'));
  let server = null;
  let chrome = null;
  try {
    server = await launchServer({ root: context.root, dataDir, env: { OUTPOST_DEMO: '1' } });
    const home = await (await fetch(`${server.url}/`)).text();
    const articlePath = /href="(\/articles\/[a-z0-9-]+)"/.exec(home)?.[1];
    if (!articlePath) throw new Error('no article link on the demo home page');
    const pages = [
      ['home', `${server.url}/`],
      ['article', `${server.url}${articlePath}`],
    ];
    chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'silent' });
    const rows = [];
    for (const [label, url] of pages) {
      await (await fetch(url)).arrayBuffer(); // warm the page cache
      const started = performance.now();
      const lhr = await audit(url, chrome.port);
      context.log(`lighthouse ${label} (${url.replace(server.url, '')}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${categories.map((c) => `${c} ${Math.round(lhr.categories[c].score * 100)}`).join(', ')}`);
      for (const category of categories) {
        const score = lhr.categories[category].score;
        const misses = missed(lhr, category);
        if (misses.length) context.log(`  ${label} ${category} misses: ${misses.join(', ')}`);
        rows.push(row(`lighthouse ${label}: ${category}`, score === null ? null : Math.round(score * 100), '', ['>=', 100], misses.length ? `misses: ${misses.join(', ')}` : ''));
      }
    }
    return rows;
  } finally {
    if (chrome) chrome.kill();
    if (server) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// Idle memory: resident set size of a warmed-up server doing nothing.
import { timedGet } from '../lib/http.mjs';
import { mb, row } from '../lib/report.mjs';

export const name = 'idle memory';
export const description =
  'the shared server is warmed up with 300 sequential requests over every page type (home and its pages, 50 different articles, every tag, authors, feeds, search, sitemap, 404), then left idle for 2 s; VmRSS is read from /proc/<pid>/status. For comparison, VmRSS just after the first /healthz answer (the cost of loading the code). MB = 10^6 bytes.';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(context) {
  const server = await context.server();
  const { fixtures } = context;
  const paths = [
    '/',
    '/?page=2',
    '/?page=50',
    ...context.takeArticles(50).map((a) => `/articles/${a.slug}`),
    ...fixtures.tags.map((t) => `/tags/${t.slug}`),
    ...fixtures.authors.map((a) => `/authors/${a}`),
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/archive',
    '/search?q=river+bridge',
    '/search?q=generators',
    '/no-such-page',
  ];
  let sent = 0;
  while (sent < 300) {
    for (const path of paths) {
      const { status } = await timedGet(`${server.url}${path}`);
      if (status >= 500) throw new Error(`warm-up: GET ${path} answered ${status}`);
      if (++sent >= 300) break;
    }
  }
  await sleep(2000);
  const rss = server.rss();
  context.log(`idle RSS: ${rss === null ? 'n/a' : `${(rss / 1e6).toFixed(1)} MB`}`);
  return [row('idle RSS after warm-up', mb(rss), 'MB', ['<', 120]), row('RSS just after start-up, before any page', mb(server.rssAtStart), 'MB')];
}

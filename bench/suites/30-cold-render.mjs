// Cold render: the first request for an article nobody has asked for yet (a page-cache miss).
import { median, percentile, timedGet } from '../lib/http.mjs';
import { row } from '../lib/report.mjs';

export const name = 'cold render';
export const description =
  'on the warmed-up shared server, 100 articles never requested before are each fetched once, one after another, over a kept-alive connection (`fetch`, timed on the client from the request to the last byte, so HTTP and loopback overhead are included); every one must be a page-cache miss (`x-cache: miss`). 20 other never-requested articles are fetched first to warm the JIT and are not counted. The same 100 URLs are then fetched again (cache hits) to show the HTTP overhead alone.';

const WARM = 20;
const COUNT = 100;

async function fetchAll(url, articles, expectCache) {
  const times = [];
  for (const article of articles) {
    const { status, headers, ms } = await timedGet(`${url}/articles/${article.slug}`);
    if (status !== 200) throw new Error(`GET /articles/${article.slug} answered ${status}`);
    if (expectCache && headers.get('x-cache') !== expectCache) {
      throw new Error(`GET /articles/${article.slug}: expected x-cache ${expectCache}, got ${headers.get('x-cache')}`);
    }
    times.push(ms);
  }
  return times;
}

export async function run(context) {
  const server = await context.server();
  await fetchAll(server.url, context.takeArticles(WARM), 'miss');
  const articles = context.takeArticles(COUNT);
  const cold = await fetchAll(server.url, articles, 'miss');
  const cached = await fetchAll(server.url, articles, 'hit');
  context.log(`cold render: median ${median(cold).toFixed(2)} ms, p90 ${percentile(cold, 90).toFixed(2)} ms; cached ${median(cached).toFixed(2)} ms`);
  return [
    row(`cold render of an article, median of ${COUNT}`, median(cold), 'ms', ['<', 5], 'client-side, incl. HTTP'),
    row(`cold render of an article, p90 of ${COUNT}`, percentile(cold, 90), 'ms'),
    row('same articles from the page cache, median', median(cached), 'ms', undefined, 'the HTTP overhead alone'),
  ];
}

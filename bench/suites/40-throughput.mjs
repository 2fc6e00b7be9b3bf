// Throughput: autocannon on the pages anonymous readers hit most, warm.
import { load, timedGet } from '../lib/http.mjs';
import { mb, row } from '../lib/report.mjs';

export const name = 'throughput';
export const description =
  'autocannon, in the bench process, against the shared server: for each page a warm-up run (discarded), then a measured run, with the settings above (plain HTTP/1.1 keep-alive, no pipelining, anonymous GETs, so the page cache serves them as it would for readers). Latency percentiles are exact, from every 2xx response. The note gives the response size and the server’s CPU use during the measured run (from /proc/<pid>/stat; near 100 % means the single-threaded server is the bottleneck). Peak RSS is the server’s VmHWM after all runs.';

export async function run(context) {
  const server = await context.server();
  const { connections, duration, warmup } = context.settings;
  const [article] = context.takeArticles(1);
  const pages = [
    { label: 'home page', path: '/' },
    { label: 'article page', path: `/articles/${article.slug}`, targets: true },
    { label: `tag page (${context.fixtures.tags[0].articles} articles)`, path: `/tags/${context.fixtures.tags[0].slug}` },
    { label: 'RSS feed', path: '/feed.xml' },
  ];
  const rows = [];
  let problems = 0;
  for (const page of pages) {
    const url = `${server.url}${page.path}`;
    let cpuBefore = null;
    const first = await timedGet(url);
    if (first.status !== 200) throw new Error(`GET ${page.path} answered ${first.status}`);
    const result = await load(url, { connections, duration, warmup, onMeasureStart: () => (cpuBefore = server.cpu()) });
    const cpuAfter = server.cpu();
    // Near 100 %: the server is the bottleneck; well below: the load generator or the machine is.
    const cpu = cpuBefore === null || cpuAfter === null ? null : (100 * (cpuAfter - cpuBefore)) / result.durationSeconds;
    problems += result.non2xx + result.errors + result.timeouts;
    const size = first.body.length;
    context.log(
      `${page.label}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50?.toFixed(2)} ms, p99 ${result.p99?.toFixed(2)} ms, ` +
        `${(result.bytesPerSecond / 1e6).toFixed(1)} MB/s, server CPU ${cpu === null ? 'n/a' : `${Math.round(cpu)} %`}, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
    const note = `${Math.round(size / 1000)} kB${cpu === null ? '' : `, server CPU ${Math.round(cpu)} %`}`;
    rows.push(
      row(`${page.label}: throughput`, result.requestsPerSecond, 'req/s', page.targets ? ['>=', 5000] : undefined, note),
      row(`${page.label}: latency p50`, result.p50, 'ms'),
      row(`${page.label}: latency p99`, result.p99, 'ms', page.targets ? ['<', 20] : undefined),
    );
  }
  rows.push(
    row('non-2xx responses, errors and timeouts under load', problems, '', ['=', 0]),
    row('peak RSS (VmHWM) after the load runs', mb(server.peakRss()), 'MB'),
  );
  return rows;
}

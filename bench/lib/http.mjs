// HTTP measuring tools: a timed GET (client side, over a kept-alive connection) and an autocannon
// run with exact latency percentiles.
import autocannon from 'autocannon';

/** GET a URL and read the whole body; returns the status, the body and the time in ms. */
export async function timedGet(url, headers = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  return { status: response.status, body, headers: response.headers, ms: performance.now() - started };
}

/** The p-th percentile (0..100) of numbers, by nearest rank. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values) => percentile(values, 50);

function cannon(options) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, latencies })));
    // autocannon's own histogram keeps whole milliseconds; keep every 2xx latency exactly.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/**
 * Load a URL with autocannon: `warmup` seconds first (discarded), then `duration` seconds measured.
 * Returns req/s, p50/p99 latency (ms, exact), and anything that went wrong (non-2xx, errors, timeouts).
 * `onMeasureStart` is called between the two, e.g. to read the server's CPU time.
 */
export async function load(url, { connections = 32, duration = 10, warmup = 2, onMeasureStart, options = {} } = {}) {
  // `options`: more autocannon options, e.g. `requests` to build each request (a POST per identity).
  if (warmup > 0) await cannon({ url, connections, duration: warmup, ...options });
  onMeasureStart?.();
  const { result, latencies } = await cannon({ url, connections, duration, ...options });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: result.latency.max,
    total: result.requests.total,
    bytesPerSecond: result.throughput.average,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
  };
}

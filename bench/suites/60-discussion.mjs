// The discussion: a 200-comment article warm and cold, the first page of a 50,000-comment article
// cold, comment creation throughput, and live fan-out to 1,000 connected readers.
import { createHmac, randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { load, median, percentile, timedGet } from '../lib/http.mjs';
import { row } from '../lib/report.mjs';
import { seedComments, seedGuests } from '../seed-discussion.mjs';

export const name = 'discussion';
export const description =
  'Comments are seeded by SQL (bench/seed-discussion.mjs: threaded up to 5 levels, about 40 % starting a thread, votes spread). ' +
  '**200 comments, warm**: autocannon on the article page of the shared server (page cache on, anonymous GETs), settings as above. ' +
  '**Cold**: a server started with `PAGE_CACHE=0`, so every request renders the page (queries + render + HTTP, timed on the client, one request at a time after 20 warm-up requests): 200 requests of the 200-comment article, and of the first page of an article with 50,000 comments in its default order, plus 50 in each other order. ' +
  '**Comment creation**: a server started with `TRUST_PROXY=1` on the same database; autocannon POSTs JSON to `/api/v1/articles/<slug>/comments`, each request as a different guest (a signed `outpost_guest` cookie of a guest seeded by SQL) from a different address (`X-Forwarded-For`), so the per-identity (5/min) and per-IP (30/min) limits are enforced, counted, and never reached: nothing is switched off; SQLite with durable commits (WAL; every commit fdatasynced before its response, see docs/decisions.md); comments/s is 201 responses per second, p99 over them. ' +
  '**Fan-out**: 1,000 readers connected to `/events?topics=article:<id>` of that server by raw TCP connections in the bench process; a comment is POSTed and the time runs from just before the POST to the moment the last of the 1,000 sockets has received its `comment` event; 5 rounds, median and slowest.';

const COLD_WARMUP = 20;
const COLD_COUNT = 200;
const WRITE_CONNECTIONS = 8;
const READERS = 1000;
const ROUNDS = 5;

async function timeMany(url, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    const { status, ms } = await timedGet(url);
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
    times.push(ms);
  }
  return times;
}

/** The cookie value @fastify/cookie would set for a signed token. */
function signedCookie(token, secret) {
  const signature = createHmac('sha256', secret).update(token).digest('base64').replace(/=+$/, '');
  return `outpost_guest=${encodeURIComponent(`${token}.${signature}`)}`;
}

/** A raw SSE reader: one TCP connection, the time its next `comment` event arrives. */
function openReader(port, topic) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const reader = { socket, text: '', armed: false, receivedAt: null, onEvent: null };
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(`GET /events?topics=${topic} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`));
    socket.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      if (!reader.ready) {
        reader.text += text;
        if (reader.text.includes('retry: 3000')) {
          reader.ready = true;
          reader.text = '';
          resolve(reader);
        }
        return;
      }
      if (reader.armed && text.includes('event: comment')) {
        reader.armed = false;
        reader.receivedAt = performance.now();
        reader.onEvent?.();
      }
    });
    socket.on('error', reject);
  });
}

export async function run(context) {
  const file = path.join(context.dataDir, 'outpost.sqlite');
  const [small, big, hot] = context.takeArticles(3);
  const s0 = performance.now();
  seedComments(file, { articleId: small.id, count: 200, seed: 11 });
  seedComments(file, { articleId: big.id, count: 50_000, seed: 12 });
  context.log(`seeded 200 + 50,000 comments in ${Math.round(performance.now() - s0)} ms`);
  const rows = [];

  // --- 200 comments, warm (the shared server, page cache on)
  const server = await context.server();
  const smallUrl = `${server.url}/articles/${small.slug}`;
  const page = await timedGet(smallUrl);
  const shown = (page.body.match(/<article id="comment-/g) ?? []).length;
  if (page.status !== 200 || shown < 20) throw new Error(`the 200-comment article shows ${shown} comments (status ${page.status})`);
  let cpuBefore = null;
  const warm = await load(smallUrl, { ...context.settings, onMeasureStart: () => (cpuBefore = server.cpu()) });
  const cpu = cpuBefore === null ? null : (100 * (server.cpu() - cpuBefore)) / warm.durationSeconds;
  const problems = warm.non2xx + warm.errors + warm.timeouts;
  context.log(`200 comments warm: ${Math.round(warm.requestsPerSecond)} req/s, p99 ${warm.p99?.toFixed(2)} ms, ${shown} comments on the first page, ${Math.round(page.body.length / 1000)} kB`);
  rows.push(
    row('article with 200 comments, warm: throughput', warm.requestsPerSecond, 'req/s', ['>=', 3000], `first page shows ${shown} comments, ${Math.round(page.body.length / 1000)} kB${cpu === null ? '' : `, server CPU ${Math.round(cpu)} %`}`),
    row('article with 200 comments, warm: latency p99', warm.p99, 'ms'),
    row('article with 200 comments, warm: non-2xx and errors', problems, '', ['=', 0]),
  );

  // --- cold renders (a server without the page cache)
  const cold = await context.launch({ PAGE_CACHE: '0' });
  try {
    const coldSmall = `${cold.url}/articles/${small.slug}`;
    const coldBig = `${cold.url}/articles/${big.slug}`;
    await timeMany(coldSmall, COLD_WARMUP);
    const smallTimes = await timeMany(coldSmall, COLD_COUNT);
    const bigTimes = await timeMany(coldBig, COLD_COUNT);
    const otherSorts = [];
    for (const sort of ['oldest', 'votes', 'best']) otherSorts.push(...(await timeMany(`${coldBig}?sort=${sort}`, 50)));
    const bigPage = await timedGet(coldBig);
    context.log(`cold: 200 comments median ${median(smallTimes).toFixed(2)} ms; 50,000 comments p99 ${percentile(bigTimes, 99).toFixed(2)} ms, other sorts p99 ${percentile(otherSorts, 99).toFixed(2)} ms`);
    rows.push(
      row('article with 200 comments, cold render: median', median(smallTimes), 'ms', undefined, `${COLD_COUNT} renders, page cache off, client-side incl. HTTP`),
      row('article with 200 comments, cold render: p99', percentile(smallTimes, 99), 'ms'),
      row('article with 50,000 comments, first page cold: p99', percentile(bigTimes, 99), 'ms', ['<', 30], `newest first, ${COLD_COUNT} renders, ${Math.round(bigPage.body.length / 1000)} kB`),
      row('article with 50,000 comments, first page cold: median', median(bigTimes), 'ms'),
      row('article with 50,000 comments, first page cold, other sorts: p99', percentile(otherSorts, 99), 'ms', undefined, 'oldest, most voted, best: 50 each'),
    );
  } finally {
    await cold.stop();
  }

  // --- comment creation throughput (many guests, many addresses; limits enforced, never reached)
  const secret = randomBytes(32).toString('hex');
  const tokens = seedGuests(file, 40_000);
  const writer = await context.launch({ TRUST_PROXY: '1', OUTPOST_SECRET: secret });
  const sockets = [];
  try {
    const cookies = tokens.map((token) => signedCookie(token, secret));
    let n = 0;
    const target = `/api/v1/articles/${hot.slug}/comments`;
    const nextRequest = () => {
      const i = n++;
      return {
        method: 'POST',
        path: target,
        headers: {
          'content-type': 'application/json',
          origin: writer.url,
          cookie: cookies[i % cookies.length],
          'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        },
        body: JSON.stringify({ body: `Comment number ${i}: the ferry schedule changed again this week.`, name: `Reader ${i}` }),
      };
    };
    const probe = nextRequest();
    const first = await fetch(`${writer.url}${probe.path}`, { method: 'POST', headers: probe.headers, body: probe.body });
    if (first.status !== 201) throw new Error(`POST ${target} answered ${first.status}: ${(await first.text()).slice(0, 300)}`);
    await first.arrayBuffer().catch(() => {});
    let writerCpu = null;
    const refusals = [];
    const writes = await load(`${writer.url}${target}`, {
      connections: WRITE_CONNECTIONS,
      duration: context.settings.duration,
      warmup: context.settings.warmup,
      onMeasureStart: () => (writerCpu = writer.cpu()),
      options: {
        requests: [
          {
            setupRequest: (request) => ({ ...request, ...nextRequest() }),
            // A refused comment is a lost comment: say which and why (the first few).
            onResponse: (status, body) => {
              if (status >= 300 && refusals.length < 5) refusals.push(`${status} ${String(body).slice(0, 200)}`);
            },
          },
        ],
      },
    });
    // CPU time the server spent per comment: what the machine's load cannot change much.
    const cpuPerComment = writerCpu === null ? null : ((writer.cpu() - writerCpu) * 1000) / Math.max(1, writes.total);
    for (const refusal of refusals) context.log(`creation: refused: ${refusal}`);
    if (refusals.length) {
      for (const line of writer.output().split('\n').filter((l) => l.includes('"level":50')).slice(-3)) context.log(`creation: server error: ${line.slice(0, 1500)}`);
    }
    if (n > cookies.length * 4) throw new Error(`${n} posts from ${cookies.length} guests would reach the per-identity limit`);
    context.log(`creation: ${Math.round(writes.requestsPerSecond)} comments/s, CPU ${cpuPerComment?.toFixed(2)} ms/comment, p50 ${writes.p50?.toFixed(2)} ms, p99 ${writes.p99?.toFixed(2)} ms, non-2xx ${writes.non2xx}, errors ${writes.errors}`);
    rows.push(
      row('comment creation on SQLite: throughput', writes.requestsPerSecond, 'comments/s', ['>=', 500], `${WRITE_CONNECTIONS} connections, a different guest and address per comment`),
      row('comment creation on SQLite: latency p99', writes.p99, 'ms', ['<', 30]),
      row('comment creation: server CPU per comment', cpuPerComment, 'ms', undefined, 'user + system time of the server process during the measured run, per 2xx'),
      row('comment creation: non-2xx (incl. 429) and errors', writes.non2xx + writes.errors + writes.timeouts, '', ['=', 0]),
    );

    // --- SSE fan-out to 1,000 readers
    const port = Number(new URL(writer.url).port);
    for (let i = 0; i < READERS; i += 100) sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, READERS - i) }, () => openReader(port, `article:${hot.id}`)))));
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      let waiting = sockets.length;
      const all = new Promise((resolve) => {
        for (const reader of sockets) {
          reader.receivedAt = null;
          reader.armed = true;
          reader.onEvent = () => --waiting === 0 && resolve();
        }
      });
      const request = nextRequest();
      const started = performance.now();
      const posted = await fetch(`${writer.url}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
      if (posted.status !== 201) throw new Error(`fan-out POST answered ${posted.status}`);
      await Promise.race([all, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${READERS - waiting} of ${READERS} readers got the event within 10 s`)), 10_000))]);
      rounds.push(Math.max(...sockets.map((r) => r.receivedAt)) - started);
      await new Promise((r) => setTimeout(r, 200));
    }
    context.log(`fan-out to ${READERS} readers: ${rounds.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    rows.push(
      row(`SSE fan-out to ${READERS} readers, POST to the last reader: median`, median(rounds), 'ms', ['<', 500], `${ROUNDS} rounds, raw TCP readers in the bench process`),
      row(`SSE fan-out to ${READERS} readers: slowest round`, Math.max(...rounds), 'ms'),
    );
  } finally {
    for (const reader of sockets) reader.socket.destroy();
    await writer.stop();
  }
  return rows;
}

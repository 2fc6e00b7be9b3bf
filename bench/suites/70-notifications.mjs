// Notifications: one comment on an article with 10,000 confirmed followers. How long the comment's
// POST takes (its transaction enqueues every email: the outbox), and how fast the worker then
// sends the 10,000 emails to a local SMTP sink.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { row } from '../lib/report.mjs';
import { seedArticles } from '../seed-articles.mjs';

export const name = 'notifications';
export const description =
  'A server of its own (so no other server’s worker takes the jobs) on a fresh SQLite database with 3 articles, one followed by 10,000 confirmed subscribers (rows inserted by SQL, mirroring src/db/migrations/007-notifications.ts), SMTP_URL pointing at an smtp-server sink in the bench process (no TLS, no auth; it counts messages and their recipients). "Enqueue" is the wall time of the comment form POST (guest, no JavaScript) up to its 303: the whole transaction, including the queue rows and the 10,000 send jobs (bulk INSERT … SELECT, UPDATE … RETURNING and multi-row INSERTs); the same POST on an article without followers is given for comparison (after one warm-up POST). "Sent" counts messages the sink accepted, from the first to the last (the worker polls every second, 8 jobs at a time, over pooled SMTP connections); every recipient must get exactly one.';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS || 10_000);

function startSink() {
  const arrivals = [];
  const recipients = new Map();
  let sample = '';
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        if (!sample) sample = Buffer.concat(chunks).toString('utf8');
        for (const r of session.envelope.rcptTo) recipients.set(r.address, (recipients.get(r.address) ?? 0) + 1);
        arrivals.push(performance.now());
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `smtp://127.0.0.1:${server.server.address().port}`,
        arrivals,
        recipients,
        sample: () => sample,
        close: () => new Promise((done) => server.close(done)),
      }),
    ),
  );
}

async function post(url, origin, form) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 303) throw new Error(`POST ${url} answered ${response.status}`);
  return ms;
}

export async function run(context) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-notify-'));
  const env = { ...process.env, DATA_DIR: dataDir, OUTPOST_DEMO: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const migrate = spawnSync(process.execPath, [path.join(context.root, 'dist', 'main.js'), 'migrate'], { cwd: context.root, env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`outpost migrate failed:\n${migrate.stdout}${migrate.stderr}`);
  const file = path.join(dataDir, 'outpost.sqlite');
  const { articles } = seedArticles(file, { count: 3 });
  const [hot, quiet, warm] = articles;

  const db = new SQLite(file);
  const now = new Date().toISOString();
  const insert = db.prepare(
    `insert into notification_subscriptions (kind, article_id, user_id, email, subscriber_key, guest_id, delivery, status, created_at, confirmed_at)
     values ('article', ?, null, ?, ?, null, 'immediate', 'active', ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < FOLLOWERS; i++) {
      const email = `reader${i}@bench.example`;
      insert.run(hot.id, email, `email:${email}`, now, now);
    }
  })();
  context.log(`${FOLLOWERS.toLocaleString('en-US')} followers of /articles/${hot.slug}`);

  const sink = await startSink();
  let server = null;
  try {
    server = await context.launch({ DATA_DIR: dataDir, SMTP_URL: sink.url });
    const origin = server.url;
    const comment = (slug, body) => post(`${server.url}/articles/${slug}/comments`, origin, { body, name: 'Bench reader', email: '', parent_id: '', idempotency_key: '' });
    await comment(warm.slug, 'Warm-up comment.');
    const baselineMs = await comment(quiet.slug, 'A comment nobody follows.');
    const t0 = performance.now();
    const enqueueMs = await comment(hot.slug, 'A comment 10,000 readers are waiting for.');
    const jobs = db.prepare(`select count(*) as n from jobs where kind = 'notifications.send'`).get().n;
    context.log(`POST with ${FOLLOWERS} followers: ${enqueueMs.toFixed(1)} ms (no followers: ${baselineMs.toFixed(1)} ms); ${jobs} send jobs in the outbox`);

    const deadline = performance.now() + 180_000;
    while (sink.arrivals.length < FOLLOWERS && performance.now() < deadline) {
      if (!server.alive()) throw new Error(`the server exited:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const n = sink.arrivals.length;
    const first = sink.arrivals[0] ?? null;
    const last = sink.arrivals[n - 1] ?? null;
    const perSecond = n > 1 && first !== null && last !== null ? ((n - 1) * 1000) / (last - first) : null;
    const totalSeconds = last === null ? null : (last - t0) / 1000;
    const duplicates = [...sink.recipients.values()].filter((count) => count > 1).length;
    const sample = sink.sample();
    const headersOk = /^List-Unsubscribe: <http/m.test(sample) && /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m.test(sample) && /^Message-ID: </m.test(sample);
    context.log(`sent ${n} emails: ${perSecond?.toFixed(0)} messages/s first to last, ${totalSeconds?.toFixed(1)} s after the POST; ${duplicates} duplicates`);
    return [
      row(`notifications: comment POST with ${FOLLOWERS.toLocaleString('en-US')} followers (enqueue)`, enqueueMs, 'ms', ['<', 200], `${jobs.toLocaleString('en-US')} send jobs committed with the comment`),
      row('notifications: comment POST without followers', baselineMs, 'ms'),
      row('notifications: emails sent per second to a local SMTP sink', perSecond, 'msg/s', ['>=', 300], `${n.toLocaleString('en-US')} of ${FOLLOWERS.toLocaleString('en-US')} in ${totalSeconds?.toFixed(1)} s after the POST`),
      row('notifications: recipients emailed more than once, or never', duplicates + (FOLLOWERS - sink.recipients.size), '', ['=', 0], headersOk ? 'List-Unsubscribe, List-Unsubscribe-Post and Message-ID present' : 'a header is missing'),
    ];
  } finally {
    if (server) await server.stop();
    await sink.close();
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

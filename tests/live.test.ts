import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.js';
import { publishLive } from '../src/features/live/publish-live.js';
import { buildApp } from '../src/http/app.js';
import { createTestContext, type TestContext } from './support/context.js';

/** Read server-sent events from a real HTTP connection until `count` events have arrived. */
async function readEvents(url: string, count: number, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const events: Array<{ id?: string; event?: string; data?: string }> = [];
  const deadline = Date.now() + 5000;
  while (events.length < count && Date.now() < deadline) {
    const timeout = new Promise<{ value: undefined; done: true }>((resolve) => setTimeout(() => resolve({ value: undefined, done: true }), deadline - Date.now()));
    const { value, done } = await Promise.race([reader.read(), timeout]);
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let end = text.indexOf('\n\n');
    while (end >= 0) {
      const block = text.slice(0, end);
      text = text.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
      if (fields.event || fields.data) events.push(fields);
      end = text.indexOf('\n\n');
    }
  }
  controller.abort();
  return { res, events };
}

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('live events (SSE)', () => {
  let t: TestContext;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    t = await createTestContext();
    app = await buildApp(t.ctx);
    base = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('streams events for the subscribed topics only, with proxy-friendly headers', async () => {
    const reading = readEvents(`${base}/events?topics=article:1`, 1);
    await until(() => app.live.connections === 1);
    await publishLive(t.ctx, 'article:2', 'comment', { id: 99 });
    await publishLive(t.ctx, 'article:1', 'comment', { id: 7 });
    const { res, events } = await reading;
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBe('comment');
    expect(JSON.parse(events[0]?.data ?? '{}')).toEqual({ topic: 'article:1', id: 7 });
  });

  it('replays what a reconnecting reader missed, from Last-Event-ID', async () => {
    await until(() => app.live.connections === 0);
    const first = readEvents(`${base}/events?topics=article:5`, 1);
    await until(() => app.live.connections === 1);
    await publishLive(t.ctx, 'article:5', 'comment', { n: 1 });
    const { events } = await first;
    const lastId = events[0]?.id as string;
    await until(() => app.live.connections === 0);
    // While the reader is away, two more events happen.
    await publishLive(t.ctx, 'article:5', 'comment', { n: 2 });
    await publishLive(t.ctx, 'article:5', 'votes', { n: 3 });
    const { events: missed } = await readEvents(`${base}/events?topics=article:5`, 2, { 'last-event-id': lastId });
    expect(missed.map((e) => JSON.parse(e.data ?? '{}').n)).toEqual([2, 3]);
    expect(missed.map((e) => e.event)).toEqual(['comment', 'votes']);
  });

  it('tells a reader whose position is lost to reload', async () => {
    const { events } = await readEvents(`${base}/events?topics=funding`, 1, { 'last-event-id': 'long-gone' });
    expect(events[0]?.event).toBe('reset');
  });

  it('refuses bad topics with a clear 400', async () => {
    const res = await app.inject({ url: '/events?topics=article:abc', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('“topics” parameter');
  });
});

const redisUrl = process.env.OUTPOST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('live events across instances (Redis)', () => {
  it('reaches a reader connected to another instance', async () => {
    const a = await createTestContext({ env: { REDIS_URL: redisUrl } });
    const b = await createContext(a.config, { clock: a.clock, logger: pino({ level: 'silent' }) });
    const appB = await buildApp(b);
    const base = await listen(appB);
    try {
      const reading = readEvents(`${base}/events?topics=article:9`, 1);
      await until(() => appB.live.connections === 1);
      await publishLive(a.ctx, 'article:9', 'comment', { from: 'a' });
      const { events } = await reading;
      expect(JSON.parse(events[0]?.data ?? '{}')).toEqual({ topic: 'article:9', from: 'a' });
    } finally {
      await appB.close();
      await b.close();
      await a.cleanup();
    }
  });
});

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../context.js';
import type { LiveEvent } from '../shared/bus.js';

const HEARTBEAT_MS = 15_000;
const BUFFER_SIZE = 5_000;
const BUFFER_AGE_MS = 10 * 60_000;
const MAX_TOPICS = 8;

interface Client {
  topics: Set<string>;
  write(chunk: string): void;
  end(): void;
}

function frame(event: LiveEvent): string {
  return `id: ${event.id}\nevent: ${event.event}\ndata: ${JSON.stringify({ topic: event.topic, ...(event.data as object) })}\n\n`;
}

/**
 * Server-Sent Events for every live part of the site (new comments, votes, the funding bar).
 * Every instance hears every live event through the bus, keeps the last few minutes of them in
 * order, and writes them to its own connected readers. A reader that reconnects with
 * `Last-Event-ID` gets what it missed from that buffer (any instance has the same buffer, since
 * Redis delivers messages to every subscriber in one order); if its id has aged out it gets a
 * `reset` event and reloads what it shows.
 */
export class LiveHub {
  private readonly clients = new Set<Client>();
  private readonly buffer: Array<LiveEvent & { at: number }> = [];
  private readonly unsubscribe: () => void;

  constructor(ctx: AppContext) {
    this.unsubscribe = ctx.bus.subscribe((event) => {
      if (event.type !== 'live') return;
      this.buffer.push({ ...event, at: Date.now() });
      if (this.buffer.length > BUFFER_SIZE) this.buffer.splice(0, this.buffer.length - BUFFER_SIZE);
      const chunk = frame(event);
      for (const client of this.clients) if (client.topics.has(event.topic)) client.write(chunk);
    });
  }

  get connections(): number {
    return this.clients.size;
  }

  /** Events after `lastEventId` on these topics, or null when that id is no longer buffered. */
  missedSince(lastEventId: string, topics: Set<string>): LiveEvent[] | null {
    const cutoff = Date.now() - BUFFER_AGE_MS;
    while (this.buffer.length && (this.buffer[0]?.at ?? 0) < cutoff) this.buffer.shift();
    const index = this.buffer.findIndex((e) => e.id === lastEventId);
    if (index < 0) return null;
    return this.buffer.slice(index + 1).filter((e) => topics.has(e.topic));
  }

  attach(request: FastifyRequest, reply: FastifyReply, topics: Set<string>): void {
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx: pass events through as they come.
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    const client: Client = { topics, write: (chunk) => raw.write(chunk), end: () => raw.end() };
    const last = request.headers['last-event-id'];
    if (typeof last === 'string' && last) {
      const missed = this.missedSince(last, topics);
      if (missed === null) raw.write('event: reset\ndata: {}\n\n');
      else for (const event of missed) raw.write(frame(event));
    }
    this.clients.add(client);
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      this.clients.delete(client);
    };
    raw.on('close', close);
    raw.on('error', close);
  }

  /** End every stream (on shutdown: browsers reconnect to another instance with Last-Event-ID). */
  close(): void {
    this.unsubscribe();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

const topicPattern = '^(article:[0-9]{1,12}|funding)(,(article:[0-9]{1,12}|funding)){0,7}$';

/** `GET /events?topics=article:42,funding` */
export function liveRoutes(app: FastifyInstance, ctx: AppContext): LiveHub {
  const hub = new LiveHub(ctx);
  // preClose: open streams would otherwise keep the server from closing.
  app.addHook('preClose', async () => hub.close());
  app.get(
    '/events',
    { schema: { querystring: Type.Object({ topics: Type.String({ pattern: topicPattern, maxLength: 200 }) }) } },
    async (request, reply) => {
      const topics = new Set((request.query as { topics: string }).topics.split(',').slice(0, MAX_TOPICS));
      hub.attach(request, reply, topics);
    },
  );
  return hub;
}

import { EventEmitter } from 'node:events';

/** A server-sent event for the readers subscribed to `topic` ('article:42', 'funding'). */
export interface LiveEvent {
  type: 'live';
  /** Globally unique; assigned by the publishing instance. */
  id: string;
  topic: string;
  /** The SSE event name the client listens for ('comment', 'votes', 'funding'). */
  event: string;
  data: unknown;
}

/** Events that cross instances. */
export type BusEvent =
  | { type: 'cache.invalidate'; tags: string[] }
  | LiveEvent
  /** Site settings were saved: every instance reloads them and drops every cached page. */
  | { type: 'settings.changed' };

export interface Bus {
  publish(event: BusEvent): Promise<void>;
  subscribe(listener: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: events go straight to the listeners. */
export function createLocalBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Many instances: events go through a Redis channel, and every instance (this one too) hears them. */
export async function createRedisBus(url: string, channel = 'outpost:events'): Promise<Bus> {
  // Loaded only when scaling out: a single-process site never pays for the Redis client.
  const { Redis } = await import('ioredis');
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await Promise.all([pub.connect(), sub.connect()]);
  const local = createLocalBus();
  await sub.subscribe(channel);
  sub.on('message', (_channel: string, message: string) => {
    try {
      void local.publish(JSON.parse(message) as BusEvent);
    } catch {
      // A malformed message from another version of the app is ignored.
    }
  });
  return {
    async publish(event) {
      await pub.publish(channel, JSON.stringify(event));
    },
    subscribe: local.subscribe,
    async close() {
      await Promise.allSettled([sub.quit(), pub.quit()]);
      await local.close();
    },
  };
}

import type { AppContext } from '../context.js';
import { nextScheduledTime, publishScheduledArticles } from '../features/articles/publish-scheduled.js';

/** How often the scheduler looks again, whatever it expects: catches articles scheduled elsewhere. */
const POLL_MS = 15_000;

/**
 * Publishes scheduled articles at their time, with no request needed: a timer set for the next
 * due article, and a poll that notices articles scheduled by another instance or the CLI.
 */
export function startScheduler(ctx: AppContext): { stop(): Promise<void>; runNow(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      await publishScheduledArticles(ctx);
      const next = await nextScheduledTime(ctx);
      const wait = next ? Math.min(Math.max(Date.parse(next) - ctx.clock.now().getTime(), 0) + 50, POLL_MS) : POLL_MS;
      schedule(wait);
    } catch (error) {
      ctx.logger.error({ err: error }, 'scheduler: publishing scheduled articles failed');
      schedule(POLL_MS);
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = tick();
    }, ms);
    timer.unref();
  };

  running = tick();
  return {
    async runNow() {
      await running;
      running = tick();
      await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { type AppContext, createContext } from './context.js';
import { seedDemo } from './demo/seed.js';
import { issueSetupLink } from './features/accounts/set-up-owner.js';
import { isEmpty } from './features/setup/is-empty.js';
import { buildApp } from './http/app.js';
import { jobHandlers } from './jobs/handlers.js';
import { startScheduler } from './jobs/scheduler.js';
import { startWorker } from './jobs/worker.js';
import { startIdleGc } from './shared/idle-gc.js';

export interface RunningServer {
  ctx: AppContext;
  app: FastifyInstance;
  url: string;
  /** First run: the one-time link (24 hours) that creates the owner; null once the site has an owner or admin. */
  setupUrl: string | null;
  stop(): Promise<void>;
}

/** `outpost serve`: migrate, seed an empty site, start the background work, listen. */
export async function startServer(config: Config): Promise<RunningServer> {
  const ctx = await createContext(config);
  if (config.demo && (await isEmpty(ctx))) {
    await seedDemo(ctx);
    ctx.logger.info('demo content seeded (set OUTPOST_DEMO=0 to start empty)');
  }
  const setupUrl = await issueSetupLink(ctx);
  const app = await buildApp(ctx);
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Port taken, permission denied: leave nothing running behind.
    await app.close().catch(() => {});
    await ctx.close();
    throw error;
  }
  // A quiet site gives back the memory its last burst of requests left behind.
  const idleGc = startIdleGc();
  app.server.on('request', () => idleGc.touch());
  const scheduler = startScheduler(ctx);
  // Eight jobs at a time: notification emails overlap their SMTP round trips (pooled connections).
  const worker = startWorker(ctx, jobHandlers, { concurrency: 8 });
  let stopping: Promise<void> | null = null;
  return {
    ctx,
    app,
    url: address,
    setupUrl,
    stop() {
      stopping ??= (async () => {
        idleGc.stop();
        await app.close();
        await scheduler.stop();
        await worker.stop();
        await ctx.close();
      })();
      return stopping;
    },
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../src/context.js';
import { startServer } from '../../../src/server.js';
import { freePort } from '../../support/ports.js';

export interface RunningSite {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. It is also PUBLIC_URL. */
  url: string;
  /** The server's context, to create content with the use cases (saveArticle, createUser). */
  ctx: AppContext;
  /** The Fastify app, for its route table (the gates check every admin route was visited). */
  app: FastifyInstance;
  dataDir: string;
  /** Stop the server and delete its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface SiteOptions {
  /** Seed the demo newsroom (default true); false starts an empty site. */
  demo?: boolean;
  /** Extra environment (PAGE_CACHE=0, ...). */
  env?: Record<string, string>;
}


/**
 * A real Outpost server, listening on 127.0.0.1, on a fresh SQLite file in a temp folder. The port
 * is chosen before the config is built so that PUBLIC_URL (canonical and feed links) points at
 * the running server rather than at port 0.
 */
export async function startSite(options: SiteOptions = {}): Promise<RunningSite> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      OUTPOST_DEMO: options.demo === false ? '0' : '1',
      LOG_LEVEL: 'silent',
      ...options.env,
    });
    try {
      const server = await startServer(config);
      let stopped: Promise<void> | null = null;
      return {
        url,
        ctx: server.ctx,
        app: server.app,
        dataDir,
        stop() {
          stopped ??= server.stop().finally(() => fs.rmSync(dataDir, { recursive: true, force: true }));
          return stopped;
        },
      };
    } catch (error) {
      lastError = error;
      // Another process took the port between the probe and listen: try another one.
      if ((error as { code?: string }).code !== 'EADDRINUSE') break;
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  throw lastError;
}

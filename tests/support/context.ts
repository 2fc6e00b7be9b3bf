import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { type Config, loadConfig } from '../../src/config.js';
import { type AppContext, createContext } from '../../src/context.js';
import type { Clock } from '../../src/shared/clock.js';

export type Backend = 'sqlite' | 'postgres';

/** The back end this run tests: OUTPOST_TEST_DB=postgres or the default SQLite. */
export const backend: Backend = process.env.OUTPOST_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

const adminUrl = process.env.OUTPOST_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date = new Date('2026-05-20T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestContext {
  ctx: AppContext;
  config: Config;
  dataDir: string;
  clock: TestClock;
  /** Close the context and delete the database and data folder. */
  cleanup(): Promise<void>;
}

/** A fresh, migrated, empty database on the run's back end, and a data folder of its own. */
export async function createTestContext(options: { env?: Record<string, string>; clock?: TestClock } = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-test-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, PUBLIC_URL: 'http://outpost.test', LOG_LEVEL: 'silent', ...options.env };
  let dropDatabase = async () => {};
  if (backend === 'postgres') {
    const name = `outpost_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const config = loadConfig(env);
  const clock = options.clock ?? new TestClock();
  const ctx = await createContext(config, { clock, logger: pino({ level: 'silent' }) });
  return {
    ctx,
    config,
    dataDir,
    clock,
    async cleanup() {
      await ctx.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

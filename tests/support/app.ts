import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { createTestContext, type TestContext } from './context.js';

export interface TestApp extends TestContext {
  app: FastifyInstance;
}

/** A test context and the HTTP app around it, ready for `app.inject`. */
export async function createTestApp(options: Parameters<typeof createTestContext>[0] = {}): Promise<TestApp> {
  const test = await createTestContext(options);
  const app = await buildApp(test.ctx);
  await app.ready();
  return {
    ...test,
    app,
    async cleanup() {
      await app.close();
      await test.cleanup();
    },
  };
}

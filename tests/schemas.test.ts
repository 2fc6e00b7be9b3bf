import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazySchemas } from '../src/http/lazy-schemas.js';
import { createTestApp, type TestApp } from './support/app.js';

// Route schemas are compiled on first use (src/http/lazy-schemas.ts): start-up must not pay for
// them, and a broken one must still be found, by warmUp() and here.
describe('route schemas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.cleanup());

  it('validates and coerces on the first request, before any warm-up', async () => {
    expect(t.app.schemas.pending()).toBeGreaterThan(50);
    const bad = await t.app.inject({ url: '/?page=abc' });
    expect(bad.statusCode).toBe(400);
    const good = await t.app.inject({ url: '/?page=1' });
    expect(good.statusCode).toBe(200);
  });

  it('compiles every schema of every route without an error', () => {
    t.app.schemas.warmUp();
    expect(t.app.schemas.pending()).toBe(0);
  });

  it('names the route whose schema does not compile', async () => {
    const lazy = lazySchemas();
    const app = Fastify({ schemaController: { compilersFactory: lazy.compilersFactory } });
    app.get('/sum', { schema: { querystring: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, response: { 200: { type: 'object', properties: { twice: { type: 'integer' } } } } } }, async (request) => ({
      twice: (request.query as { n: number }).n * 2,
      secret: 'not in the schema',
    }));
    app.get('/broken', { schema: { querystring: { type: 'object', properties: { n: { type: 'nonsense' } } } } }, async () => 'never');
    await app.ready();
    try {
      // Coerced, validated and serialized by the compiled-on-first-use functions.
      expect((await app.inject({ url: '/sum?n=21' })).json()).toEqual({ twice: 42 });
      const missing = await app.inject({ url: '/sum' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().message).toMatch(/must have required property 'n'/);
      expect(() => lazy.warmUp()).toThrow(/GET \/broken querystring/);
    } finally {
      await app.close();
    }
  });
});

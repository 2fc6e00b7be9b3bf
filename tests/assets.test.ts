import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

let t: TestApp;
const manifest = JSON.parse(fs.readFileSync(path.resolve('dist/manifest.json'), 'utf8')) as Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

describe('fingerprinted assets', () => {
  it('are served pre-compressed (brotli, then gzip) with Vary, the plain file otherwise', async () => {
    const url = manifest['site.css'];
    expect(url).toMatch(/^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const plain = fs.readFileSync(path.resolve('dist/public', path.basename(url ?? '')));
    const get = (encoding: string) => t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

    const br = await get('gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(plain.length / 2);

    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain)).toBe(true);

    const identity = await get('');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toBe('Accept-Encoding');
    expect(identity.rawPayload.equals(plain)).toBe(true);
  });
});

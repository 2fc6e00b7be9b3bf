import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from './support/ports.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'outpost.js');

// A deploy sends SIGTERM: the server stops taking connections, ends its live (SSE) streams so they
// reconnect elsewhere, finishes the work in flight and exits 0 well before the 10 s forced exit
// (which exits 1).
it('shuts down cleanly on SIGTERM, ending open live streams', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-shutdown-'));
  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OUTPOST_DEMO: '0', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const deadline = Date.now() + 20_000;
    while (!out.includes('Outpost is running') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('Outpost is running');

    // A reader with the live stream open.
    const streamEnded = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/events?topics=funding', headers: { accept: 'text/event-stream' } }, (res) => {
        expect(res.statusCode).toBe(200);
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
          if (body.length && !sent) {
            sent = true;
            child.kill('SIGTERM');
          }
        });
        res.on('end', () => resolve(body));
        res.on('error', () => resolve(body));
      });
      req.on('error', reject);
    });
    let sent = false;
    const started = Date.now();
    await streamEnded;
    const code = await exited;
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(9_000);
    // The port is free again: nothing is left listening.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

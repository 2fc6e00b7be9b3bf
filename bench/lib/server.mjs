// Start the built app (`node dist/main.js serve`) as a child process, measure how long it takes to
// answer, read its memory from /proc, and make sure it never outlives the benchmark.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const children = new Set();

/** Kill every server still running. Synchronous, so it also works from process.on('exit'). */
export function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

let guarded = false;
/** Kill the servers however the benchmark ends: normally, by an error, or by Ctrl-C. */
export function guardProcess() {
  if (guarded) return;
  guarded = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping servers\n`);
      killAll();
      process.exit(130);
    });
  }
}

/** A port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Fields of /proc/<pid>/status in bytes (VmRSS, VmHWM, ...); null where /proc does not exist. */
export function procStatus(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const out = {};
    for (const match of text.matchAll(/^(Vm\w+):\s+(\d+) kB$/gm)) out[match[1]] = Number(match[2]) * 1024;
    return out;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; null off Linux. */
export function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spawn `node dist/main.js serve` on a free port with the given DATA_DIR, on SQLite, without demo
 * content, and wait for the first 200 from /healthz. `startupMs` runs from just before the spawn
 * to that first 200: process start, module loading, migration check, listen and a database query.
 */
export async function launchServer({ root, dataDir, env = {}, timeoutMs = 20_000 }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const childEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PAGE_CACHE', 'PAGE_CACHE_ENTRIES', 'NODE_OPTIONS']) delete childEnv[name];
  Object.assign(childEnv, { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: url, OUTPOST_DEMO: '0', LOG_LEVEL: 'warn' }, env);

  const started = performance.now();
  // The same V8 flag as `npm start` (see docs/decisions.md: a 4 MB young generation).
  const child = spawn(process.execPath, ['--max-semi-space-size=4', path.join(root, 'dist', 'main.js'), 'serve'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => {
    exitInfo = info;
    children.delete(child);
  });

  const stop = async () => {
    if (exitInfo) return exitInfo;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const info = await exited;
    clearTimeout(timer);
    return info;
  };

  let startupMs = null;
  while (startupMs === null) {
    if (exitInfo) throw new Error(`the server exited during start-up (${JSON.stringify(exitInfo)}):\n${output}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.status === 200) startupMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (startupMs === null) await sleep(5);
  }

  const rssAtStart = procStatus(child.pid)?.VmRSS ?? null;
  return {
    url,
    pid: child.pid,
    startupMs,
    /** VmRSS in bytes just after the first 200 (what loading the code costs), or null off Linux. */
    rssAtStart,
    /** Current resident set size in bytes (VmRSS), or null off Linux. */
    rss: () => procStatus(child.pid)?.VmRSS ?? null,
    /** Peak resident set size since start in bytes (VmHWM), or null off Linux. */
    peakRss: () => procStatus(child.pid)?.VmHWM ?? null,
    /** CPU seconds the server has used so far, or null off Linux. */
    cpu: () => cpuSeconds(child.pid),
    output: () => output,
    alive: () => exitInfo === null,
    stop,
  };
}

// `npm run bench`: run every benchmark in bench/suites/ against the built app on a fresh SQLite
// database of BENCH_ARTICLES (1,000) articles, and write bench/RESULTS.md.
//
//   node bench/run.mjs                 every suite; writes bench/RESULTS.md
//   node bench/run.mjs throughput      only suites whose file or name contains "throughput";
//                                      prints the table, leaves RESULTS.md alone
//
// Environment: BENCH_ARTICLES (1000), BENCH_CONNECTIONS (32), BENCH_DURATION (10 s),
// BENCH_WARMUP (2 s), BENCH_KEEP_DATA=1 (keep the temp data folder), BENCH_STRICT=1 (exit 1 when
// a target is missed, not only when a benchmark breaks).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatValue, machine, renderResults, verdict } from './lib/report.mjs';
import { guardProcess, killAll, launchServer } from './lib/server.mjs';
import { seedArticles } from './seed-articles.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');

function setting(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

const log = (message) => process.stdout.write(`bench: ${message}\n`);

async function loadSuites(filters) {
  const dir = path.join(benchDir, 'suites');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  const suites = [];
  for (const file of files) {
    const suite = await import(pathToFileURL(path.join(dir, file)).href);
    if (typeof suite.run !== 'function') throw new Error(`bench/suites/${file} exports no run(context)`);
    const name = suite.name ?? file.replace(/^\d+-|\.mjs$/g, '');
    if (filters.length && !filters.some((f) => file.includes(f) || name.includes(f))) continue;
    suites.push({ file, name, description: suite.description ?? '', run: suite.run });
  }
  return suites;
}

/** A fresh data folder: migrated by the built CLI, then seeded by SQL (bench/seed-articles.mjs). */
function prepareData(count) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-'));
  const env = { ...process.env, DATA_DIR: dataDir, OUTPOST_DEMO: '0', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const migrate = spawnSync(process.execPath, [path.join(root, 'dist', 'main.js'), 'migrate'], { cwd: root, env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`outpost migrate failed:\n${migrate.stdout}${migrate.stderr}`);
  const started = performance.now();
  const fixtures = seedArticles(path.join(dataDir, 'outpost.sqlite'), { count });
  log(`seeded ${fixtures.articles.length} articles in ${Math.round(performance.now() - started)} ms (${dataDir})`);
  return { dataDir, fixtures };
}

async function main() {
  const began = performance.now();
  const host = machine();
  const filters = process.argv.slice(2);
  if (!fs.existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run `npm run build` (or `npm run bench`, which builds)');
  guardProcess();

  const settings = {
    articles: setting('BENCH_ARTICLES', 1000),
    connections: setting('BENCH_CONNECTIONS', 32),
    duration: setting('BENCH_DURATION', 10),
    warmup: setting('BENCH_WARMUP', 2),
  };
  const suites = await loadSuites(filters);
  if (!suites.length) throw new Error(`no suite matches ${filters.join(', ')}`);

  const { dataDir, fixtures } = prepareData(settings.articles);
  const keepData = process.env.BENCH_KEEP_DATA === '1';
  // Also on Ctrl-C or a crash: guardProcess() kills the servers first, then this removes the data.
  process.on('exit', () => keepData || fs.rmSync(dataDir, { recursive: true, force: true }));
  let shared = null;
  let cursor = 0;
  /** What every suite receives. */
  const context = {
    root,
    dataDir,
    settings,
    fixtures,
    log,
    /** A new server process on the bench database; the caller stops it. */
    launch: (env = {}) => launchServer({ root, dataDir, env }),
    /** The one long-running server the suites share, started on first use. */
    async server() {
      if (!shared) {
        shared = await launchServer({ root, dataDir });
        log(`shared server ${shared.url} (pid ${shared.pid}) answered in ${Math.round(shared.startupMs)} ms`);
      }
      if (!shared.alive()) throw new Error(`the shared server has exited:\n${shared.output()}`);
      return shared;
    },
    /** `n` articles no suite has requested yet (so their pages are not in the page cache). */
    takeArticles(n) {
      if (cursor + n > fixtures.articles.length) throw new Error(`only ${fixtures.articles.length} articles seeded; suites asked for more`);
      const taken = fixtures.articles.slice(cursor, cursor + n);
      cursor += n;
      return taken;
    },
  };

  const rows = [];
  const failures = [];
  try {
    for (const suite of suites) {
      log(`--- ${suite.name} (${suite.file})`);
      const t0 = performance.now();
      try {
        rows.push(...(await suite.run(context)));
      } catch (error) {
        const message = error instanceof Error ? error.stack ?? error.message : String(error);
        failures.push({ suite: suite.name, message });
        process.stderr.write(`bench: ${suite.name} failed: ${message}\n`);
      }
      log(`${suite.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (shared) await shared.stop();
    killAll();
    if (keepData) log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const elapsedSeconds = (performance.now() - began) / 1000;
  const width = Math.max(...rows.map((r) => r.figure.length));
  process.stdout.write('\n');
  for (const r of rows) process.stdout.write(`${r.figure.padEnd(width)}  ${formatValue(r.value, r.unit).padStart(14)}  ${verdict(r)}\n`);

  const missed = rows.filter((r) => verdict(r) === 'fail');
  if (filters.length === 0) {
    const markdown = renderResults({
      rows,
      machine: host,
      settings: `${settings.articles.toLocaleString('en-US')} articles on SQLite, ${settings.connections} connections, ${settings.duration} s measured after ${settings.warmup} s of warm-up per page`,
      methods: suites.map((s) => ({ name: s.name, description: s.description })),
      failures,
      elapsedSeconds,
    });
    fs.writeFileSync(path.join(benchDir, 'RESULTS.md'), markdown);
    log(`wrote bench/RESULTS.md (${Math.round(elapsedSeconds)} s)`);
  } else {
    log(`only ${suites.map((s) => s.name).join(', ')} ran: bench/RESULTS.md left as it was`);
  }
  if (missed.length) log(`targets missed: ${missed.map((r) => r.figure).join('; ')}`);
  if (failures.length) process.exitCode = 1;
  else if (missed.length && process.env.BENCH_STRICT === '1') process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  killAll();
  process.exitCode = 1;
});

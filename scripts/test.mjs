// `npm test`: every test, on both back ends.
//  1. build once;
//  2. the whole suite (unit, integration, browser) on SQLite;
//  3. the integration suite again on PostgreSQL (a fresh database per test file).
// PostgreSQL comes from OUTPOST_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// When it is unreachable the PostgreSQL pass is skipped with a clear notice, except in CI
// (CI=true), where that is a failure.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const pgUrl = process.env.OUTPOST_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const extra = process.argv.slice(2);

function run(label, args, env) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const result = spawnSync(process.execPath, [vitest, 'run', ...args, ...extra], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const results = [];
results.push(['SQLite (all tests)', run('SQLite: unit, integration and browser tests', [], { OUTPOST_TEST_DB: 'sqlite', OUTPOST_SKIP_BUILD: '1' })]);

const reachable = await postgresReachable();
if (reachable === true) {
  results.push(['PostgreSQL (integration)', run('PostgreSQL: integration tests', ['tests/', '--exclude', 'tests/e2e/**'], { OUTPOST_TEST_DB: 'postgres', OUTPOST_SKIP_BUILD: '1' })]);
} else if (process.env.CI) {
  process.stdout.write(`\nPostgreSQL at ${pgUrl} is unreachable (${reachable}); CI requires the PostgreSQL pass.\n`);
  results.push(['PostgreSQL (integration)', false]);
} else {
  process.stdout.write(`\n*** PostgreSQL pass SKIPPED: ${pgUrl} is unreachable (${reachable}).\n*** Set OUTPOST_TEST_PG_URL to run the suite on PostgreSQL too.\n`);
}

process.stdout.write('\n=== Summary ===\n');
for (const [label, ok] of results) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${label}\n`);
const failed = results.filter(([, ok]) => !ok).length;
process.stdout.write(`passes: ${results.length - failed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);

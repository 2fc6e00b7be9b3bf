// Start-up: from spawning `node dist/main.js serve` to the first 200 from /healthz.
import { median } from '../lib/http.mjs';
import { row } from '../lib/report.mjs';

export const name = 'start-up';
export const description =
  'a new `node dist/main.js serve` process is spawned on the seeded (already migrated) database, and /healthz is polled every 5 ms until it answers 200; the time runs from just before the spawn. Three fresh processes, median and slowest reported.';

const RUNS = 3;

export async function run(context) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const server = await context.launch();
    times.push(server.startupMs);
    await server.stop();
  }
  context.log(`start-up: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
  return [
    row(`start-up to first response, median of ${RUNS}`, median(times), 'ms', ['<', 1500]),
    row(`start-up to first response, slowest of ${RUNS}`, Math.max(...times), 'ms'),
  ];
}

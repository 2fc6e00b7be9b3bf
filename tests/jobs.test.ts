import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context.js';
import { enqueueJob, PermanentJobError } from '../src/jobs/outbox.js';
import { backoff, claimJob, type JobHandler, runOneJob, startWorker } from '../src/jobs/worker.js';
import { createTestContext, type TestContext } from './support/context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.cleanup());

const jobs = () => t.ctx.database.db.selectFrom('jobs').selectAll().orderBy('id').execute();
const clear = () => t.ctx.database.db.deleteFrom('jobs').execute();
const enqueue = (kind: string, payload: unknown, options = {}) =>
  t.ctx.database.transaction((tx) => enqueueJob(tx, t.clock.now(), kind, payload, options));

describe('outbox', () => {
  it('enqueues only when the write commits', async () => {
    await clear();
    await expect(
      t.ctx.database.transaction(async (tx) => {
        await enqueueJob(tx, t.clock.now(), 'mail', { to: 'a@example.org' });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await jobs()).toHaveLength(0);
    await enqueue('mail', { to: 'a@example.org' });
    expect(await jobs()).toHaveLength(1);
  });

  it('enqueues a deduplicated job once', async () => {
    await clear();
    await enqueue('mail', { n: 1 }, { dedupeKey: 'notify:comment:1:user:2' });
    await enqueue('mail', { n: 2 }, { dedupeKey: 'notify:comment:1:user:2' });
    const rows = await jobs();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.payload ?? '{}')).toEqual({ n: 1 });
  });
});

describe('worker', () => {
  it('runs a job and marks it done', async () => {
    await clear();
    const seen: unknown[] = [];
    await enqueue('echo', { hello: 'world' });
    expect(await runOneJob(t.ctx, { echo: async (_ctx, job) => void seen.push(job.payload) })).toBe(true);
    expect(seen).toEqual([{ hello: 'world' }]);
    expect((await jobs())[0]).toMatchObject({ status: 'done', attempts: 1 });
    expect(await runOneJob(t.ctx, {})).toBe(false);
  });

  it('does not run a job before its time', async () => {
    await clear();
    await enqueue('echo', {}, { runAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    expect(await runOneJob(t.ctx, { echo: async () => {} })).toBe(false);
    t.clock.advance(60_000);
    expect(await runOneJob(t.ctx, { echo: async () => {} })).toBe(true);
  });

  it('retries a failing job with growing delays, then records the failure for good', async () => {
    await clear();
    await enqueue('flaky', {}, { maxAttempts: 3 });
    const failing: JobHandler = async () => {
      throw new Error('SMTP 421 try again later');
    };
    expect(await runOneJob(t.ctx, { flaky: failing }, { backoffMs: 1000 })).toBe(true);
    let [row] = await jobs();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMTP 421 try again later' });
    expect(Date.parse(row?.run_at ?? '') - t.clock.now().getTime()).toBe(1000);
    expect(await runOneJob(t.ctx, { flaky: failing }, { backoffMs: 1000 })).toBe(false);
    t.clock.advance(1000);
    await runOneJob(t.ctx, { flaky: failing }, { backoffMs: 1000 });
    [row] = await jobs();
    expect(Date.parse(row?.run_at ?? '') - t.clock.now().getTime()).toBe(2000);
    t.clock.advance(2000);
    await runOneJob(t.ctx, { flaky: failing }, { backoffMs: 1000 });
    [row] = await jobs();
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(backoff(20, 30_000)).toBe(3_600_000);
  });

  it('gives up at once on a permanent failure', async () => {
    await clear();
    await enqueue('bad', {});
    await runOneJob(t.ctx, {
      bad: async () => {
        throw new PermanentJobError('550 no such mailbox');
      },
    });
    expect((await jobs())[0]).toMatchObject({ status: 'failed', attempts: 1, last_error: '550 no such mailbox' });
  });

  it('takes over a job whose worker died mid-run, after its lease', async () => {
    await clear();
    await enqueue('echo', { n: 1 });
    // A worker claims the job and dies before recording anything.
    expect(await claimJob(t.ctx, 60_000)).not.toBeNull();
    expect(await runOneJob(t.ctx, { echo: async () => {} })).toBe(false);
    t.clock.advance(60_001);
    expect(await runOneJob(t.ctx, { echo: async () => {} })).toBe(true);
    expect((await jobs())[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('renews the lease while a job runs, so a live worker is not taken over', async () => {
    await clear();
    await enqueue('slow', {});
    let finish: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let started = false;
    const first = runOneJob(t.ctx, { slow: async () => ((started = true), running) }, { leaseMs: 3000 });
    for (let i = 0; i < 100 && !started; i++) await new Promise((r) => setTimeout(r, 10));
    t.clock.advance(2000);
    // Renewed every third of the lease (here each second): the job now runs to clock + 3 s.
    await new Promise((r) => setTimeout(r, 1200));
    t.clock.advance(2000);
    expect(await runOneJob(t.ctx, { slow: async () => {} })).toBe(false);
    finish();
    expect(await first).toBe(true);
    expect((await jobs())[0]).toMatchObject({ status: 'done', attempts: 1, locked_until: null });
  });

  it('a worker that lost its lease leaves the outcome to the one that took the job over', async () => {
    await clear();
    await enqueue('stuck', {});
    let fail: (error: Error) => void = () => {};
    let started = false;
    const stuck = new Promise<void>((_resolve, reject) => {
      fail = reject;
    });
    const late = runOneJob(t.ctx, { stuck: async () => ((started = true), stuck) }, { leaseMs: 60_000 });
    for (let i = 0; i < 100 && !started; i++) await new Promise((r) => setTimeout(r, 10));
    t.clock.advance(60_001);
    expect(await runOneJob(t.ctx, { stuck: async () => {} })).toBe(true);
    fail(new Error('timed out long after its lease'));
    expect(await late).toBe(true);
    expect((await jobs())[0]).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });

  it('starts a job as soon as the transaction that enqueued it commits, without waiting for the poll', async () => {
    await clear();
    const seen: unknown[] = [];
    const worker = startWorker(t.ctx, { echo: async (_ctx, job) => void seen.push(job.payload) }, { pollMs: 60_000 });
    try {
      await worker.idle();
      await enqueue('echo', { n: 1 });
      for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(seen).toEqual([{ n: 1 }]);
    } finally {
      await worker.stop();
    }
  });

  it('never runs a job twice when two instances work the same outbox', async () => {
    await clear();
    const other = await createContext(t.config, { clock: t.clock, logger: pino({ level: 'silent' }) });
    for (let i = 0; i < 40; i++) await enqueue('count', { i });
    const runs = new Map<number, number>();
    const count: JobHandler = async (_ctx, job) => {
      const i = (job.payload as { i: number }).i;
      runs.set(i, (runs.get(i) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    };
    const a = startWorker(t.ctx, { count }, { pollMs: 5 });
    const b = startWorker(other, { count }, { pollMs: 5 });
    for (let i = 0; i < 400 && runs.size < 40; i++) await new Promise((r) => setTimeout(r, 10));
    await a.stop();
    await b.stop();
    await other.close();
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect((await jobs()).every((j) => j.status === 'done')).toBe(true);
  });
});

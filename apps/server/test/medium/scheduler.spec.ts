import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';
import { ServerCrypto } from '../../src/infra/crypto/server-crypto.js';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import type { JobQueueOptions } from '../../src/infra/jobs/job-queue.js';
import { JobsRepository } from '../../src/infra/jobs/jobs.repository.js';
import { PermanentJobError } from '../../src/infra/jobs/permanent-job-error.js';
import { MetricsService } from '../../src/infra/metrics/metrics.service.js';
import { PeriodicTasksRepository } from '../../src/infra/scheduler/periodic-tasks.repository.js';
import { Scheduler } from '../../src/infra/scheduler/scheduler.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

const crypto = new ServerCrypto([{ kid: 'k1', key: new Uint8Array(randomBytes(32)) }]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jobs and periodic tasks on the database (PostgreSQL, or PGlite without TEST_DATABASE_URL). */
describe('scheduler on the database', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let jobs: JobsRepository;
  let tasks: PeriodicTasksRepository;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await testDatabase.open();
    await database.migrate();
    jobs = new JobsRepository(database);
    tasks = new PeriodicTasksRepository(database);
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });
  beforeEach(async () => {
    await database.primary.execute(sql`delete from jobs`);
  });

  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await database.primary.execute(query)) as unknown as { rows: T[] }).rows;
  const jobRows = () =>
    rows<{ key: string | null; attempts: number; failed_at: Date | null; wait_ms: number }>(
      sql`select key, attempts, failed_at,
            (extract(epoch from run_at - now()) * 1000)::float8 as wait_ms from jobs order by id`,
    );
  /** A node: its own queue and metrics over the shared table. */
  const node = (options: Partial<JobQueueOptions> = {}) => {
    const metrics = new MetricsService(database);
    return { metrics, queue: new JobQueue(jobs, crypto, metrics, options) };
  };

  it('drains a job committed while a batch that found nothing was still under way', async () => {
    // That batch looked before the commit: drain must not take its "nothing due" for an answer.
    const slow = new JobsRepository(database);
    const claim = slow.claim.bind(slow);
    let claims = 0;
    slow.claim = async (...args) => {
      const claimed = await claim(...args);
      if ((claims += 1) === 1) await sleep(200);
      return claimed;
    };
    const queue = new JobQueue(slow, crypto, new MetricsService(database));
    const ran: unknown[] = [];
    queue.handle('notice', async (payload) => void ran.push(payload));
    queue.kick();
    await sleep(50);
    await database.primary.transaction((tx) =>
      queue.enqueue('notice', { n: 1 }, { tx: tx as unknown as typeof database.primary }),
    );
    expect(await queue.drain()).toBe(1);
    expect(ran).toEqual([{ n: 1 }]);
  });

  describe('keyed jobs', () => {
    it('makes one job of the same reminder scheduled by two nodes, delivered once', async () => {
      const delivered: unknown[] = [];
      const [a, b] = [node(), node()];
      for (const { queue } of [a, b])
        queue.handle('reminder', async (payload) => void delivered.push(payload));
      const runAt = new Date(Date.now() + 200);
      const queued = await Promise.all(
        [a, b].map(({ queue }) =>
          queue.enqueue('reminder', { meeting: 'm1' }, { key: 'meeting:m1:24h', runAt }),
        ),
      );
      expect(queued.sort()).toEqual([false, true]);
      expect(await Promise.all([a.queue.drain(), b.queue.drain()])).toEqual([0, 0]); // not due
      await sleep(250);
      await Promise.all([a.queue.drain(), b.queue.drain()]);
      expect(delivered).toEqual([{ meeting: 'm1' }]);
      // Done and deleted: the key may be scheduled again (the next meeting's reminder).
      expect(await a.queue.enqueue('reminder', {}, { key: 'meeting:m1:24h' })).toBe(true);
    });

    it('moves and cancels a pending job by its key, and only a pending one', async () => {
      const { queue } = node();
      const later = new Date(Date.now() + 3_600_000);
      await queue.enqueue('reminder', {}, { key: 'meeting:m2:24h', runAt: later });
      await queue.enqueue('reminder', {}, { key: 'contribution:c1:due-3d', runAt: later });
      const sooner = new Date(Date.now() + 60_000);
      expect(await queue.reschedule('meeting:m2:24h', sooner)).toBe(true);
      const [moved] = await jobRows();
      expect(moved!.wait_ms).toBeGreaterThan(55_000);
      expect(moved!.wait_ms).toBeLessThan(61_000);
      expect(await queue.cancel('contribution:c1:due-3d')).toBe(true);
      expect((await jobRows()).map((row) => row.key)).toEqual(['meeting:m2:24h']);
      expect(await queue.cancel('contribution:c1:due-3d')).toBe(false);
      expect(await queue.reschedule('no-such-key', sooner)).toBe(false);
      // A job being run by a node is neither moved nor cancelled under it.
      await queue.reschedule('meeting:m2:24h', new Date());
      expect(await jobs.claim(10, 60_000)).toHaveLength(1);
      expect(await queue.reschedule('meeting:m2:24h', later)).toBe(false);
      expect(await queue.cancel('meeting:m2:24h')).toBe(false);
    });

    it('schedules nothing when the transaction that asked for it rolls back', async () => {
      const { queue } = node();
      await expect(
        database.primary.transaction(async (tx) => {
          await queue.enqueue('reminder', {}, { key: 'meeting:m3:24h', tx });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await jobRows()).toEqual([]);
    });
  });

  it('retries a failing job with growing delays, then keeps it as failed; metrics show it', async () => {
    const { queue, metrics } = node({ baseMs: 40, capMs: 10_000, maxAttempts: 4 });
    let attempts = 0;
    queue.handle('flaky', async () => {
      attempts += 1;
      throw new Error(`remote away (${attempts})`);
    });
    await queue.enqueue('flaky', {});
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await vi.waitFor(async () => expect(await queue.drain()).toBe(1), { timeout: 5000 });
      const [row] = await jobRows();
      expect(row!.attempts).toBe(attempt);
      if (attempt < 4) waits.push(row!.wait_ms);
    }
    // Equal jitter: attempt n waits 20–40, 40–80, 80–160 ms (less the time since it was set).
    expect(waits[0]).toBeLessThanOrEqual(40);
    expect(waits[1]).toBeGreaterThan(waits[0]! - 5);
    expect(waits[2]).toBeGreaterThan(waits[1]! - 5);
    expect(waits[2]).toBeGreaterThan(60);
    const [failed] = await rows<{ failed_at: Date | null; last_error: string }>(
      sql`select failed_at, last_error from jobs`,
    );
    expect(failed!.failed_at).not.toBeNull();
    expect(failed!.last_error).toBe('remote away (4)');
    await sleep(200);
    expect(await queue.drain()).toBe(0); // given up: never run again
    const text = await metrics.render();
    expect(text).toMatch(/jobs_runs_total\{kind="flaky",outcome="retried"\} 3/);
    expect(text).toMatch(/jobs_runs_total\{kind="flaky",outcome="failed"\} 1/);
    expect(text).toMatch(/background_failures_total\{task="job:flaky"\} 4/);
    expect(text).toMatch(/jobs_failed 1/);
    expect(text).toMatch(/jobs_pending 0/);
  });

  it('gives a job up at its first PermanentJobError, keeping the reason', async () => {
    const { queue, metrics } = node({ baseMs: 10, maxAttempts: 5 });
    let attempts = 0;
    queue.handle('refused', async () => {
      attempts += 1;
      throw new PermanentJobError('the remote refused the request');
    });
    await queue.enqueue('refused', {});
    expect(await queue.drain()).toBe(1);
    await sleep(50);
    expect(await queue.drain()).toBe(0);
    expect(attempts).toBe(1);
    const [failed] = await rows<{ failed_at: Date | null; last_error: string }>(
      sql`select failed_at, last_error from jobs`,
    );
    expect(failed!.failed_at).not.toBeNull();
    expect(failed!.last_error).toBe('the remote refused the request');
    expect(await metrics.render()).toMatch(/jobs_runs_total\{kind="refused",outcome="failed"\} 1/);
  });

  it('reports pending jobs and how late the oldest due one is', async () => {
    const { queue, metrics } = node();
    await queue.enqueue('late', {}, { runAt: new Date(Date.now() - 30_000) });
    await queue.enqueue('later', {}, { runAt: new Date(Date.now() + 60_000) });
    const text = await metrics.render();
    expect(text).toMatch(/jobs_pending 2/);
    const age = Number(/jobs_oldest_due_age_seconds ([\d.]+)/.exec(text)![1]);
    expect(age).toBeGreaterThanOrEqual(30);
    expect(age).toBeLessThan(60);
  });

  it('lets another node take over a job whose runner died, once its claim has passed', async () => {
    const delivered: string[] = [];
    const { queue } = node();
    queue.handle('reminder', async () => void delivered.push('b'));
    await queue.enqueue('reminder', {}, { key: 'meeting:m4:24h', runAt: new Date() });
    // Node A claims the job for 150 ms and dies without finishing it.
    expect(await jobs.claim(10, 150)).toHaveLength(1);
    expect(await queue.drain()).toBe(0);
    await sleep(200);
    expect(await queue.drain()).toBe(1);
    expect(delivered).toEqual(['b']);
  });

  describe('periodic tasks', () => {
    const schedulers = () => {
      const metrics = new MetricsService(database);
      return { metrics, scheduler: new Scheduler(tasks, metrics) };
    };
    const taskRow = async (name: string) =>
      (
        await rows<{
          runs: number;
          failures: number;
          last_error: string | null;
          next_ms: number;
        }>(
          sql`select runs, failures, last_error,
            (extract(epoch from next_run_at) * 1000)::float8 as next_ms from periodic_tasks where name = ${name}`,
        )
      )[0]!;

    it('runs each period on one node of two, and not before it is due', async () => {
      const [a, b] = [schedulers(), schedulers()];
      const taskA = a.scheduler.every('tick', 300);
      const taskB = b.scheduler.every('tick', 300);
      let runs = 0;
      const job = async () => {
        runs += 1;
        await sleep(20);
      };
      expect(await Promise.all([taskA.runIfDue(job), taskB.runIfDue(job)])).toEqual([false, false]);
      await sleep(320);
      expect((await Promise.all([taskA.runIfDue(job), taskB.runIfDue(job)])).sort()).toEqual([
        false,
        true,
      ]);
      expect(await Promise.all([taskA.runIfDue(job), taskB.runIfDue(job)])).toEqual([false, false]);
      expect(runs).toBe(1);
      expect(await taskRow('tick')).toMatchObject({ runs: 1, failures: 0, last_error: null });
    });

    it('keeps its next run across a restart', async () => {
      const before = await schedulers().scheduler.every('nightly', 3_600_000).runIfDue(vi.fn());
      expect(before).toBe(false);
      const { next_ms: due } = await taskRow('nightly');
      await sleep(20);
      // A node started later does not postpone the run.
      expect(await schedulers().scheduler.every('nightly', 3_600_000).runIfDue(vi.fn())).toBe(
        false,
      );
      expect((await taskRow('nightly')).next_ms).toBe(due);
      // Its period shortened: brought forward.
      await schedulers().scheduler.every('nightly', 60_000).runIfDue(vi.fn());
      expect((await taskRow('nightly')).next_ms).toBeLessThan(due);
    });

    it('runs on demand on one node at a time; a dead runner holds it only until its claim passes', async () => {
      const task = schedulers().scheduler.every('sweep', 200);
      let release!: () => void;
      const first = task.runOnce(
        () => new Promise<string>((resolve) => (release = () => resolve('a'))),
      );
      await vi.waitFor(() => expect(release).toBeDefined());
      const other = schedulers().scheduler.every('sweep', 200);
      expect(await other.runOnce(async () => 'b')).toBeUndefined();
      release();
      expect(await first).toBe('a');
      expect(await other.runOnce(async () => 'b')).toBe('b');
      // A runner that died mid-run (claimed, never finished) blocks the task for one period.
      expect(await tasks.claim('sweep', 200, true)).toBe(true);
      expect(await other.runOnce(async () => 'b')).toBeUndefined();
      await sleep(250);
      expect(await other.runOnce(async () => 'b')).toBe('b');
    });

    it('records a failed run, counts it, and runs again next period', async () => {
      const { scheduler, metrics } = schedulers();
      const task = scheduler.every('flaky-task', 100);
      let runs = 0;
      const job = async () => {
        runs += 1;
        if (runs === 1) throw new Error('database away');
      };
      await expect(task.runOnce(job)).rejects.toThrow('database away');
      expect(await taskRow('flaky-task')).toMatchObject({
        runs: 1,
        failures: 1,
        last_error: 'database away',
      });
      task.start(job);
      await vi.waitFor(() => expect(runs).toBe(2), { timeout: 3000 });
      task.stop();
      await vi.waitFor(async () =>
        expect(await taskRow('flaky-task')).toMatchObject({ runs: 2, last_error: null }),
      );
      const text = await metrics.render();
      expect(text).toMatch(/periodic_task_runs_total\{task="flaky-task",outcome="failed"\} 1/);
      expect(text).toMatch(/periodic_task_runs_total\{task="flaky-task",outcome="ok"\} 1/);
      expect(text).toMatch(/background_failures_total\{task="flaky-task"\} 1/);
    });
  });
});

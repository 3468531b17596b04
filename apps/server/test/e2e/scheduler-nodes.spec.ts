import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { Scheduler } from '../../src/infra/scheduler/scheduler.js';
import { testDatabaseUrl } from '../support/environment.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Real server nodes on one PostgreSQL database: reminders fire exactly once whichever nodes
 * schedule them and whichever nodes are up when they are due.
 */
describe.skipIf(!testDatabaseUrl)('scheduler across nodes', () => {
  let database: TestDatabase;
  const nodes: TestApp[] = [];
  /** Every delivery of a test reminder, by any node: `<node>:<reminder>`. */
  const deliveries: string[] = [];

  /** Starts a node on the shared database whose test reminder handler records deliveries. */
  const startNode = async (name: string) => {
    const node = await startTestApp({ databaseUrl: database.url! });
    node.app.get(JobQueue).handle('test-reminder', async (payload) => {
      deliveries.push(`${name}:${(payload as { id: string }).id}`);
    });
    nodes.push(node);
    return node;
  };
  const stop = async (node: TestApp) => {
    nodes.splice(nodes.indexOf(node), 1);
    await node.close();
  };
  const deliveredOf = (id: string) => deliveries.filter((line) => line.endsWith(`:${id}`));

  beforeAll(async () => {
    // Created here, so stopping any node keeps it (a node started with a URL never drops it).
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const node of [...nodes]) await stop(node);
    await database.drop();
  });

  it('two nodes scheduling the same reminder deliver it once', async () => {
    const [a, b] = [await startNode('a'), await startNode('b')];
    const runAt = new Date(Date.now() + 300);
    const queued = await Promise.all(
      [a, b].map((node) =>
        node.app
          .get(JobQueue)
          .enqueue('test-reminder', { id: 'r1' }, { key: 'meeting:r1:24h', runAt }),
      ),
    );
    expect(queued.sort()).toEqual([false, true]);
    await vi.waitFor(() => expect(deliveredOf('r1')).toHaveLength(1), { timeout: 5000 });
    await sleep(1500); // several polls of both nodes later
    expect(deliveredOf('r1')).toHaveLength(1);
    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    const fromB = await (await fetch(`${b.url}/metrics`)).text();
    const done = /jobs_runs_total\{kind="test-reminder",outcome="done"\} 1/;
    expect([done.test(metrics), done.test(fromB)].sort()).toEqual([false, true]);
    expect(metrics).toMatch(/jobs_pending 0/);
  });

  it('a reminder scheduled by a node stopped before it was due is delivered once by a node started later', async () => {
    const [a, b] = nodes;
    await b!.app
      .get(JobQueue)
      .enqueue(
        'test-reminder',
        { id: 'r2' },
        { key: 'contribution:r2:due-3d', runAt: new Date(Date.now() + 1500) },
      );
    await stop(b!);
    await stop(a!);
    await sleep(1600); // due while no node is up
    expect(deliveredOf('r2')).toEqual([]);
    await Promise.all([startNode('c'), startNode('d')]);
    await vi.waitFor(() => expect(deliveredOf('r2')).toHaveLength(1), { timeout: 5000 });
    await sleep(1500);
    expect(deliveredOf('r2')).toHaveLength(1);
  });

  it('runs a periodic task once per period across two nodes', async () => {
    const starts: number[] = [];
    const tasks = nodes.map((node) => node.app.get(Scheduler).every('test-tick', 400));
    for (const task of tasks)
      task.start(async () => {
        starts.push(Date.now());
        await sleep(50);
      });
    await sleep(2300);
    for (const task of tasks) task.stop();
    // Due 400 ms after the first node registered it, then every 400 ms: 5 periods at most.
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(5);
    const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(350);
    const metrics = (
      await Promise.all(nodes.map(async (node) => (await fetch(`${node.url}/metrics`)).text()))
    ).join('\n');
    const counted = [
      ...metrics.matchAll(/periodic_task_runs_total\{task="test-tick",outcome="ok"\} (\d+)/g),
    ];
    expect(counted.reduce((sum, match) => sum + Number(match[1]), 0)).toBe(starts.length);
  });
});

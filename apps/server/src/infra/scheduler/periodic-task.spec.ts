import { describe, expect, it, vi } from 'vitest';
import { MemoryCache } from '../cache/memory.cache.js';
import { PeriodicTask } from './periodic-task.js';

describe('PeriodicTask', () => {
  it('reports a failed scheduled run instead of swallowing it, and runs again at the next tick', async () => {
    const failures: [string, unknown][] = [];
    let runs = 0;
    const task = new PeriodicTask(new MemoryCache(), 'flaky', 10, (name, error) =>
      failures.push([name, error]),
    );
    task.start(async () => {
      runs += 1;
      if (runs === 1) throw new Error('database away');
    });
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(2), { timeout: 2000 });
    task.stop();
    expect(failures).toHaveLength(1);
    expect(failures[0]![0]).toBe('flaky');
    expect((failures[0]![1] as Error).message).toBe('database away');
  });

  it('runs on one node at a time: a second runner finds the lock taken', async () => {
    const cache = new MemoryCache();
    const a = new PeriodicTask(cache, 'sweep', 60_000, () => {});
    const b = new PeriodicTask(cache, 'sweep', 60_000, () => {});
    let release!: () => void;
    const first = a.runOnce(() => new Promise<string>((resolve) => (release = () => resolve('a'))));
    expect(await b.runOnce(async () => 'b')).toBeUndefined();
    release();
    expect(await first).toBe('a');
    expect(await b.runOnce(async () => 'b')).toBe('b');
  });
});

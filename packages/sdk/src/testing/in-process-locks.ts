// Web Locks semantics for tests (Node 20 has no navigator.locks): exclusive, FIFO, ifAvailable.
import type { LockManagerLike } from '../session/manager.js';

export function inProcessLocks(): LockManagerLike & { grants: number } {
  const tails = new Map<string, Promise<void>>();
  const locks = {
    grants: 0,
    async request<T>(
      name: string,
      options: { ifAvailable?: boolean; signal?: AbortSignal },
      callback: (lock: unknown) => Promise<T>,
    ): Promise<T> {
      if (options.ifAvailable && tails.has(name)) return callback(null);
      const previous = tails.get(name) ?? Promise.resolve();
      let release = (): void => undefined;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => mine);
      tails.set(name, tail);
      await previous;
      locks.grants++;
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        release();
        if (tails.get(name) === tail) tails.delete(name);
      }
    },
  };
  return locks;
}

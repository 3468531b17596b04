import { Worker } from 'node:worker_threads';

/** What a request took, as seen by a client on a thread of its own. */
export interface TimedAnswer {
  status: number;
  elapsedMs: number;
}

export interface OutsideClient {
  /** POSTs `body` as JSON and times it from the worker's side, until the whole answer is read. */
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<TimedAnswer>;
  close(): Promise<void>;
}

const WORKER = `
const { parentPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
parentPort.on('message', async ({ id, url, init }) => {
  try {
    const started = performance.now();
    const response = await fetch(url, init);
    await response.arrayBuffer();
    parentPort.postMessage({ id, status: response.status, elapsedMs: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/**
 * A client on a worker thread: the server under test runs in the test's own process, and work it
 * does on its thread after an answer (a job, the embedded database) would otherwise delay the
 * test's reading of that answer — a delay no client outside the server sees.
 */
export function outsideClient(): OutsideClient {
  const worker = new Worker(WORKER, { eval: true });
  const waiting = new Map<number, (message: TimedAnswer & { error?: string }) => void>();
  let nextId = 0;
  worker.on('message', (message: TimedAnswer & { id: number; error?: string }) => {
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  return {
    post: (url, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const id = (nextId += 1);
        waiting.set(id, ({ error, status, elapsedMs }) =>
          error ? reject(new Error(error)) : resolve({ status, elapsedMs }),
        );
        worker.postMessage({
          id,
          url,
          init: {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          },
        });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

// Worker threads that hold the benchmarks' sockets, each answering in messages read in order.
import { Worker } from 'node:worker_threads';

/**
 * One worker per entry of `workerData`, running `script`; `next()` resolves with the worker's
 * next message (those that came before it was asked are kept in order).
 */
export function startWorkers(script, workerData) {
  return workerData.map((data) => {
    const worker = new Worker(script, { workerData: data });
    const messages = [];
    const waiting = [];
    worker.on('message', (message) => (waiting.shift() ?? ((m) => messages.push(m)))(message));
    const next = () =>
      messages.length > 0
        ? Promise.resolve(messages.shift())
        : new Promise((resolve) => waiting.push(resolve));
    return { worker, next };
  });
}

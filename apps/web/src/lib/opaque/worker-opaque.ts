import type { OpaqueRunner } from '@cardcoop/sdk';
import type { OpaqueRequest, OpaqueResponse } from './protocol';

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (e: Error) => void }
>();

function opaqueWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./opaque.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<OpaqueResponse>) => {
    const call = pending.get(event.data.id);
    if (!call) return;
    pending.delete(event.data.id);
    if ('error' in event.data) call.reject(new Error(event.data.error));
    else call.resolve(event.data.result);
  };
  return worker;
}

function call<T>(method: keyof OpaqueRunner, input: unknown): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    opaqueWorker().postMessage({ id, method, input } satisfies OpaqueRequest);
  });
}

/** The SDK's OPAQUE steps, run in a Web Worker (protocol.md: never freeze the page). */
export const workerOpaque: OpaqueRunner = {
  startRegistration: (password) => call('startRegistration', password),
  finishRegistration: (input) => call('finishRegistration', input),
  startLogin: (password) => call('startLogin', password),
  finishLogin: (input) => call('finishLogin', input),
};

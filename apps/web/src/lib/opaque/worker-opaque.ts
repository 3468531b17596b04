import type { OpaqueRunner } from '@cardcoop/sdk';
import { allowWorkerScript } from '../trusted-types';
import type { OpaqueRequest, OpaqueResponse } from './protocol';
import opaqueWorkerUrl from './opaque.worker.ts?worker&url';

let worker: Promise<Worker> | undefined;
let nextId = 0;
const pending = new Map<
  number,
  { resolve: (value: unknown) => void; reject: (e: Error) => void }
>();

/**
 * The build's import map (ADR 009): the SHA-384 of every chunk, the worker's included. Its keys
 * are URLs (site-relative, or on the CDN): compared as the browser resolves them.
 */
function integrityOf(path: string): string | undefined {
  const importMap = document.querySelector('script[type="importmap"]')?.textContent;
  if (!importMap) return undefined;
  const parsed = JSON.parse(importMap) as { integrity?: Record<string, string> };
  const resolve = (url: string) => new URL(url, document.baseURI).href;
  const wanted = resolve(path);
  const entry = Object.entries(parsed.integrity ?? {}).find(([key]) => resolve(key) === wanted);
  if (!entry) throw new Error(`no integrity for ${path} in the import map`);
  return entry[1];
}

/**
 * A worker's script, fetched with its Subresource Integrity and started from a blob: browsers
 * check no integrity on `new Worker(url)`. In development (no import map) the URL as it is.
 */
async function verifiedScriptUrl(path: string): Promise<string> {
  const integrity = integrityOf(path);
  if (!integrity) return path;
  const response = await fetch(path, { integrity });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return allowWorkerScript(URL.createObjectURL(await response.blob()));
}

async function startWorker(): Promise<Worker> {
  const started = new Worker(await verifiedScriptUrl(opaqueWorkerUrl), { type: 'module' });
  started.onmessage = (event: MessageEvent<OpaqueResponse>) => {
    const call = pending.get(event.data.id);
    if (!call) return;
    pending.delete(event.data.id);
    if ('error' in event.data) call.reject(new Error(event.data.error));
    else call.resolve(event.data.result);
  };
  return started;
}

function opaqueWorker(): Promise<Worker> {
  // A failed start (a tampered script, the network) is tried again on the next call.
  worker ??= startWorker().catch((error: unknown) => {
    worker = undefined;
    throw error;
  });
  return worker;
}

async function call<T>(method: keyof OpaqueRunner, input: unknown): Promise<T> {
  const ready = await opaqueWorker();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    ready.postMessage({ id, method, input } satisfies OpaqueRequest);
  });
}

/** The SDK's OPAQUE steps, run in a Web Worker (protocol.md: never freeze the page). */
export const workerOpaque: OpaqueRunner = {
  startRegistration: (password) => call('startRegistration', password),
  finishRegistration: (input) => call('finishRegistration', input),
  startLogin: (password) => call('startLogin', password),
  finishLogin: (input) => call('finishLogin', input),
};

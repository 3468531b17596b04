// Runs OPAQUE and its argon2id key stretching (~0.5 s) off the main thread, so the page keeps
// answering and can show progress. Only this page's own messages arrive here.
import { inThreadOpaque } from '@cardcoop/sdk';
import type { OpaqueRequest, OpaqueResponse } from './protocol';

self.onmessage = async (event: MessageEvent<OpaqueRequest>) => {
  const { id, method, input } = event.data;
  let response: OpaqueResponse;
  try {
    const call = inThreadOpaque[method] as (arg: unknown) => Promise<unknown>;
    response = { id, result: await call(input) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
};

// What a run holds that must not outlive it, in one place so that the signal handlers and the
// cleanup on every way out (teardown.js) can reach it.
import { Interrupted } from './errors.js';

export const session = {
  interrupted: false,
  server: undefined,
  /** vault.js's bare Fastify + pg server, stopped like the server. */
  baseline: undefined,
  cannon: undefined,
  sampler: undefined,
  database: undefined,
};

/** Called between steps, so that a Ctrl-C ends the run at the next one. */
export function checkInterrupted() {
  if (session.interrupted) throw new Interrupted('interrupted');
}

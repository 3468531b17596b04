import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

// Probes and scrapes arrive every few seconds and say nothing about a user's request.
const UNTRACED_PATHS = /^\/(health\/|metrics(\?|$))/;

/**
 * HTTP in and out (node:http, and fetch through undici's diagnostics channel), PostgreSQL and
 * Redis. No headers are captured. Database and cache calls are traced inside a request or
 * another span only, so the job queue's polling does not make a trace a second. A Redis span
 * names the command only: keys may carry a token's hash or an e-mail lookup.
 */
export function instrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
    }),
    new UndiciInstrumentation(),
    new PgInstrumentation({ requireParentSpan: true }),
    new IORedisInstrumentation({
      requireParentSpan: true,
      dbStatementSerializer: (command) => command,
    }),
  ];
}

/**
 * The instrumentations patch modules when they are `require`d; the server `import`s them. An ESM
 * import of a CommonJS package's entry point does not pass the require hook (pg is patched anyway,
 * through the files its entry requires; ioredis is not), and the named exports of a built-in
 * (`import { request } from 'node:https'`) are copies. So: require each once, after the
 * instrumentations are enabled, which patches the cached module that every later import gets,
 * then copy the patched built-ins' functions into their named exports.
 */
export function loadPatchedModules(): void {
  const require = createRequire(import.meta.url);
  for (const name of ['node:http', 'node:https', 'pg', 'ioredis']) require(name);
  syncBuiltinESMExports();
}

// One load run of vault.js: a warm-up, then autocannon on one endpoint of one target (the server
// or the baseline), flat out or at a fixed rate, with statuses, latencies and the target's CPU.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  autocannonSummary,
  REQUEST_TIMEOUT_SECONDS,
  runAutocannon,
  WARMUP_SECONDS,
} from './load.js';
import { createSampler } from './sampler.js';
import { assertServerAlive } from './server.js';
import { checkInterrupted, session } from './session.js';
import { countBounded, newStats, record, round, summarise } from './stats.js';
import { ENDPOINTS, randomRequests } from './vault-targets.js';

const PAUSE_BETWEEN_RUNS_MS = 1000;

/**
 * `target` is `{ name, url, pid, process }` (process: what startServer returned), `pool` the
 * endpoint's requests, `rate` null for flat out; `route` defaults to a vault endpoint's (other
 * benchmarks name theirs). Resolves to the run's record.
 */
export async function runTarget({
  target,
  endpoint,
  route = ENDPOINTS[endpoint].route,
  pool,
  rate,
  options,
}) {
  checkInterrupted();
  await sleep(PAUSE_BETWEEN_RUNS_MS);
  checkInterrupted();
  assertServerAlive(target.process, `before ${endpoint} on ${target.name}`);
  const base = {
    url: target.url,
    connections: options.connections,
    timeout: REQUEST_TIMEOUT_SECONDS,
    pipelining: 1,
    requests: randomRequests(pool),
  };
  await runAutocannon(
    { ...base, duration: WARMUP_SECONDS },
    { onResponse: () => {}, onError: () => {} },
  );
  checkInterrupted();

  const what = `${endpoint} on ${target.name}${rate ? ` at ${rate} req/s` : ''}`;
  console.error(`running ${what} for ${options.duration} s`);
  const stats = newStats();
  const errorKinds = {};
  const sampler = createSampler(target.pid, { services: true });
  session.sampler = sampler;
  sampler.begin();
  let result;
  try {
    result = await runAutocannon(
      { ...base, duration: options.duration, ...(rate ? { overallRate: rate } : {}) },
      {
        onResponse: (_client, statusCode, _bytes, responseTimeMs) =>
          record(stats, statusCode, responseTimeMs),
        onError: (error) => countBounded(errorKinds, error.code ?? error.message),
      },
    );
  } finally {
    sampler.stop();
  }
  const resources = sampler.end();
  assertServerAlive(target.process, `after ${what}`);
  const summary = summarise(stats, result.duration);
  const cpu = resources.serverCpuPercent;
  return {
    endpoint,
    route,
    target: target.name,
    rate: rate ?? null,
    durationSeconds: result.duration,
    connections: options.connections,
    ...summary,
    // Throughput per second of the target process's CPU time (its main thread plus GC and libuv
    // threads): what the load generator's share of the two cores does not distort.
    perTargetCpuSecond: cpu ? round(summary.rps / (cpu / 100), 0) : null,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    errorKinds,
    resources,
    autocannon: autocannonSummary(result),
  };
}

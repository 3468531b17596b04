// Driving the server with autocannon: a preflight and a warm-up, then each scenario, with
// statuses and latencies counted per endpoint and the resources sampled around it.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { createSampler } from './sampler.js';
import { ENDPOINTS, preflight, requestsFor, SCENARIOS } from './scenarios.js';
import { assertServerAlive } from './server.js';
import { checkInterrupted, session } from './session.js';
import { countBounded, newStats, record, round, summarise } from './stats.js';

/** autocannon's own figures of a run, kept next to ours to cross-check them. */
export function autocannonSummary(result) {
  return {
    requestsPerSecondAverage: result.requests.average,
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    totalCompletedRequests: result.totalCompletedRequests,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
  };
}

export const WARMUP_SECONDS = 2;
/** autocannon's per-request timeout, in seconds: a request slower than this counts as a timeout. */
export const REQUEST_TIMEOUT_SECONDS = 10;
const PAUSE_BETWEEN_SCENARIOS_MS = 1000;

/** One autocannon run, held in session.cannon (Ctrl-C stops it) and bounded by a watchdog. */
export function runAutocannon(options, { onResponse, onError }) {
  return new Promise((resolve, reject) => {
    // Bounded even if autocannon never calls back: stop it, then give up.
    const limitMs = (options.duration + REQUEST_TIMEOUT_SECONDS + 30) * 1000;
    const watchdog = setTimeout(() => {
      session.cannon?.stop();
      setTimeout(
        () => reject(new Error(`autocannon did not finish within ${limitMs / 1000} s`)),
        5000,
      ).unref();
    }, limitMs);
    const instance = autocannon(options, (error, result) => {
      clearTimeout(watchdog);
      session.cannon = undefined;
      if (error) reject(error);
      else resolve(result);
    });
    session.cannon = instance;
    instance.on('response', onResponse);
    instance.on('reqError', onError);
  });
}

/** Every status other than the one each endpoint must answer, as "<status> on <kind>". */
function unexpectedStatuses(perKind) {
  const unexpected = {};
  for (const [kind, stats] of Object.entries(perKind)) {
    for (const [status, count] of Object.entries(stats.statuses)) {
      if (Number(status) !== ENDPOINTS[kind].expect) {
        const key = `${status} on ${kind}`;
        unexpected[key] = (unexpected[key] ?? 0) + count;
      }
    }
  }
  return unexpected;
}

async function runScenario(server, name, options, sampler) {
  const { kinds, description } = SCENARIOS[name];
  const overall = newStats();
  const perKind = Object.fromEntries([...new Set(kinds)].map((kind) => [kind, newStats()]));
  const errors = {};
  let kind = kinds[0];
  sampler.begin();
  const result = await runAutocannon(
    {
      url: server.url,
      connections: options.connections,
      duration: options.duration,
      timeout: REQUEST_TIMEOUT_SECONDS,
      pipelining: 1,
      ...(options.rate ? { overallRate: options.rate } : {}),
      requests: requestsFor(kinds, (current) => {
        kind = current;
      }),
    },
    {
      onResponse: (_client, statusCode, _bytes, responseTimeMs) => {
        record(overall, statusCode, responseTimeMs);
        record(perKind[kind], statusCode, responseTimeMs);
      },
      onError: (error) => countBounded(errors, error.code ?? error.message),
    },
  );
  const resources = sampler.end();
  const seconds = result.duration;
  const unexpected = unexpectedStatuses(perKind);
  const parts = {};
  for (const [partKind, stats] of Object.entries(perKind)) {
    parts[partKind] = {
      path: ENDPOINTS[partKind].path.replace(/\/0$/, '/<n>'),
      expectedStatus: ENDPOINTS[partKind].expect,
      share: round(kinds.filter((k) => k === partKind).length / kinds.length, 2),
      ...summarise(stats, seconds),
    };
  }
  return {
    scenario: name,
    description,
    durationSeconds: seconds,
    connections: options.connections,
    rate: options.rate ?? null,
    ...summarise(overall, seconds),
    autocannon: autocannonSummary(result),
    non2xx: result.non2xx,
    unexpectedStatuses: unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    errorKinds: errors,
    resources,
    parts: kinds.length > 1 ? parts : undefined,
  };
}

/** Preflight, warm-up, then the chosen scenarios in order with a pause before each. */
export async function runScenarios(server, options) {
  const allKinds = options.scenarios.flatMap((name) => SCENARIOS[name].kinds);
  await preflight(server, allKinds);
  checkInterrupted();

  console.error(`warming up for ${WARMUP_SECONDS} s`);
  await runAutocannon(
    {
      url: server.url,
      connections: options.connections,
      duration: WARMUP_SECONDS,
      timeout: REQUEST_TIMEOUT_SECONDS,
      requests: requestsFor([...new Set(allKinds)], () => {}),
    },
    { onResponse: () => {}, onError: () => {} },
  );

  session.sampler = createSampler(server.pid, { services: options.mode === 'postgres' });
  const runs = [];
  for (const name of options.scenarios) {
    checkInterrupted();
    await sleep(PAUSE_BETWEEN_SCENARIOS_MS);
    checkInterrupted();
    assertServerAlive(server, `before "${name}"`);
    console.error(`running ${name} for ${options.duration} s`);
    runs.push(await runScenario(server, name, options, session.sampler));
  }
  checkInterrupted();
  assertServerAlive(server, 'after the last scenario');
  return runs;
}

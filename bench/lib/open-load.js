// An open-model load generator: requests are started on a fixed schedule (request i at
// start + i / rate) whether or not earlier ones have been answered, over keep-alive connections
// (at most `connections`; beyond them requests wait in the agent's queue, and that wait counts).
// Each latency is measured from the request's scheduled time, not from when it was sent, so a
// slow server cannot hide its queue by slowing the generator down (coordinated omission).
import { setTimeout as sleep } from 'node:timers/promises';
import * as hdr from 'hdr-histogram-js';
import { Agent } from 'undici';
import { round } from './stats.js';

const REQUEST_TIMEOUT_MS = 10_000;

function histogram() {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
}

/** One HTTP exchange; resolves to { status, body } or rejects on a network error or timeout. */
export async function send(agent, url, { method = 'GET', path, headers = {}, body }) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const response = await agent.request({
    origin: url,
    path,
    method,
    headers: payload ? { ...headers, 'content-type': 'application/json' } : headers,
    body: payload,
  });
  return { status: response.statusCode, body: await response.body.text() };
}

/**
 * Keep-alive connections, at most `connections` per server; beyond them requests wait in the
 * dispatcher's queue. undici rather than node:http: on the same 2 cores as the server, the
 * generator's own cost per request is part of what the machine has left for the server.
 */
export function keepAliveAgent(connections) {
  return new Agent({
    connections,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  });
}

/** Per-route and overall latency histograms, statuses and failures. */
/** The timeline's window: p95 and failures by 10 s show a stall that the totals average away. */
const WINDOW_MS = 10_000;

export function newRecorder() {
  const routes = new Map();
  const all = histogram();
  const created = performance.now();
  const windows = [];
  const windowNow = () => {
    const index = Math.floor((performance.now() - created) / WINDOW_MS);
    windows[index] ??= { histogram: histogram(), failures: 0 };
    return windows[index];
  };
  const route = (name) => {
    if (!routes.has(name)) {
      routes.set(name, { histogram: histogram(), count: 0, unexpected: {}, errors: {} });
    }
    return routes.get(name);
  };
  return {
    /** `ms` since the scheduled start; `ok` whether the status was the one expected. */
    response(name, ms, status, ok) {
      const entry = route(name);
      entry.count += 1;
      entry.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
      all.recordValue(Math.max(1, Math.round(ms * 1000)));
      const window = windowNow();
      window.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
      if (!ok) window.failures += 1;
      if (!ok) entry.unexpected[status] = (entry.unexpected[status] ?? 0) + 1;
    },
    error(name, error) {
      windowNow().failures += 1;
      const entry = route(name);
      const kind = error.code ?? error.message;
      entry.errors[kind] = (entry.errors[kind] ?? 0) + 1;
    },
    summary(seconds) {
      const figures = (h) => ({
        p50: round(h.getValueAtPercentile(50) / 1000, 1),
        p95: round(h.getValueAtPercentile(95) / 1000, 1),
        p99: round(h.getValueAtPercentile(99) / 1000, 1),
        max: round(h.maxValue / 1000, 1),
      });
      const count = (values) => Object.values(values).reduce((sum, n) => sum + n, 0);
      const byRoute = [...routes].map(([name, entry]) => ({
        route: name,
        responses: entry.count,
        perSecond: round(entry.count / seconds, 1),
        ...figures(entry.histogram),
        unexpected: entry.unexpected,
        errors: entry.errors,
        failures: count(entry.unexpected) + count(entry.errors),
      }));
      byRoute.sort((a, b) => b.responses - a.responses);
      return {
        responses: all.totalCount,
        achievedPerSecond: round(all.totalCount / seconds, 1),
        ...figures(all),
        failures: byRoute.reduce((sum, entry) => sum + entry.failures, 0),
        byRoute,
        timeline: [...windows].map((window, index) => ({
          fromSecond: (index * WINDOW_MS) / 1000,
          responses: window?.histogram.totalCount ?? 0,
          failures: window?.failures ?? 0,
          ...(window ? figures(window.histogram) : {}),
        })),
      };
    },
  };
}

/**
 * Starts `operation(scheduledAt)` `rate` times a second for `seconds`, on schedule; resolves when
 * every started operation has finished. Returns how many were started and the elapsed seconds.
 */
export async function runSchedule(rate, seconds, operation) {
  const start = performance.now();
  const total = Math.round(rate * seconds);
  const pending = new Set();
  let started = 0;
  while (started < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; started < due; started += 1) {
      const scheduledAt = start + (started * 1000) / rate;
      const running = operation(scheduledAt).finally(() => pending.delete(running));
      pending.add(running);
    }
    await sleep(1);
  }
  const scheduleSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  return { started, scheduleSeconds, seconds: (performance.now() - start) / 1000 };
}

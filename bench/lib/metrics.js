// A few figures from the server's own Prometheus endpoint, scraped once after the load.
import { round } from './stats.js';

export async function scrapeMetrics(server) {
  try {
    const response = await fetch(`${server.url}/metrics`, { signal: AbortSignal.timeout(5000) });
    const text = await response.text();
    const value = (name) => {
      const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
      return match ? Number(match[1]) : null;
    };
    const series = text.match(/^http_request_duration_seconds_count\{.*$/gm) ?? [];
    const byStatus = {};
    // Answers other than 2xx by status and route: where the refusals of a run came from.
    const notOk = {};
    const routes = new Set();
    for (const line of series) {
      const status = /status_code="(\d+)"/.exec(line)?.[1] ?? '?';
      const route = /route="([^"]*)"/.exec(line)?.[1] ?? '?';
      const count = Number(line.split(' ').pop());
      routes.add(route);
      byStatus[status] = (byStatus[status] ?? 0) + count;
      if (!status.startsWith('2'))
        notOk[`${status} ${route}`] = (notOk[`${status} ${route}`] ?? 0) + count;
    }
    const scaled = (name, factor, digits) => {
      const found = value(name);
      return found === null ? null : round(found * factor, digits);
    };
    return {
      requestSeries: series.length,
      routes: [...routes].sort(),
      requestsByStatus: byStatus,
      notOkByRoute: notOk,
      refusedOverload: value('http_requests_refused_overload_total'),
      residentMemoryMb: scaled('process_resident_memory_bytes', 1 / 1024 ** 2, 1),
      heapUsedMb: scaled('nodejs_heap_size_used_bytes', 1 / 1024 ** 2, 1),
      eventLoopLagP99Ms: scaled('nodejs_eventloop_lag_p99_seconds', 1000, 1),
      eventLoopLagMaxMs: scaled('nodejs_eventloop_lag_max_seconds', 1000, 1),
    };
  } catch (error) {
    return { error: error.message };
  }
}

// Counting and latency statistics. Two kinds of percentile on purpose: exact ones over a short
// list of samples (auth.js), and HDR histograms for the hundreds of thousands of responses of a
// load scenario (run.js), where keeping and sorting every sample would cost more than it measures.
import * as hdr from 'hdr-histogram-js';

/** How many distinct keys a count keeps, so a flood of distinct errors or log lines stays small. */
const MAX_DISTINCT = 20;

export const round = (value, digits = 2) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** One more of `key` in `counts`; a key beyond the first MAX_DISTINCT is not counted. */
export function countBounded(counts, key) {
  if (counts[key] !== undefined || Object.keys(counts).length < MAX_DISTINCT) {
    counts[key] = (counts[key] ?? 0) + 1;
  }
}

/** Exact percentiles (ms) of a list of samples. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    p50: round(at(0.5), 1),
    p95: round(at(0.95), 1),
    p99: round(at(0.99), 1),
    max: round(sorted.at(-1) ?? NaN, 1),
  };
}

function newHistogram() {
  // Microseconds, 3 significant digits: exact to 0.1% at any latency.
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
}

/** Responses by status and their latencies; summarise() once, which frees the histogram. */
export function newStats() {
  return { histogram: newHistogram(), responses: 0, statuses: {} };
}

export function record(stats, statusCode, responseTimeMs) {
  stats.responses += 1;
  stats.statuses[statusCode] = (stats.statuses[statusCode] ?? 0) + 1;
  stats.histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
}

export function summarise(stats, seconds) {
  const ms = (percentile) => round(stats.histogram.getValueAtPercentile(percentile) / 1000);
  const summary = {
    requests: stats.responses,
    rps: round(stats.responses / seconds, 1),
    latencyMs:
      stats.responses > 0
        ? {
            p50: ms(50),
            p95: ms(95),
            p99: ms(99),
            p999: ms(99.9),
            max: round(stats.histogram.maxValue / 1000),
            mean: round(stats.histogram.mean / 1000),
          }
        : null,
    statuses: stats.statuses,
  };
  stats.histogram.destroy();
  return summary;
}

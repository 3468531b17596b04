import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { BreakerState } from './circuit-breaker.js';

/**
 * What one attempt ended in. Labels are only these words and operation names from the fixed
 * list (`cards/order`, …): never a card id, a PAN or an amount.
 */
export type AiforyOutcome =
  'ok' | 'business_error' | 'server_error' | 'timeout' | 'network' | 'malformed' | 'circuit_open';

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** Aifory's calls in the node's Prometheus registry (MetricsService.registry). */
export class AiforyMetrics {
  private readonly calls: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly breaker: Gauge;

  constructor(registry: Registry) {
    this.calls = new Counter({
      name: 'aifory_calls_total',
      help: 'Attempts of calls to Aifory by operation and outcome (retries count each)',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'aifory_call_duration_seconds',
      help: 'Duration of one attempt of a call to Aifory by operation',
      labelNames: ['operation'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.breaker = new Gauge({
      name: 'aifory_circuit_breaker_state',
      help: "This node's breaker in front of Aifory: 0 closed, 1 half-open, 2 open",
      registers: [registry],
    });
    this.breaker.set(0);
  }

  count(operation: string, outcome: AiforyOutcome, seconds?: number): void {
    this.calls.inc({ operation, outcome });
    if (seconds !== undefined) this.duration.observe({ operation }, seconds);
  }

  breakerState(state: BreakerState): void {
    this.breaker.set(STATE_VALUE[state]);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';

/** Prometheus metrics of this node, in a registry of its own (several apps may share a process in tests). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly backgroundFailures = new Counter({
    name: 'background_failures_total',
    help: 'Failed runs of background work (periodic tasks, queued jobs) by task',
    labelNames: ['task'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(DATABASE) database: Database) {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    const stats = () => database.poolStats();
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read());
        },
      });
    gauge('db_pool_connections_total', 'Database connections open', () => stats().total);
    gauge('db_pool_connections_idle', 'Database connections idle', () => stats().idle);
    gauge('db_pool_requests_waiting', 'Queries waiting for a connection', () => stats().waiting);
  }

  /** `route` is the matched pattern (`/api/v1/card/:id`), never the raw URL, to bound cardinality. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_code: String(statusCode) }, seconds);
  }

  countBackgroundFailure(task: string): void {
    this.backgroundFailures.inc({ task });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';

export type JobOutcome = 'done' | 'retried' | 'failed';
/**
 * started: a password round the lockout let through; succeeded: a session opened; failed: the
 * server refused a proof or a second-factor code; locked: a client just got locked out. An
 * OPAQUE client learns of a wrong password itself and need not send its proof, so wrong
 * passwords show as started minus succeeded more than as failed.
 */
export type LoginEvent = 'started' | 'succeeded' | 'failed' | 'locked';
export interface JobsGauges {
  /** Jobs waiting or running, all nodes. */
  pending: number;
  /** Jobs given up on. */
  failed: number;
  /** Seconds the oldest due, unclaimed job has waited past its time (0 when none waits). */
  oldestDueSeconds: number;
}

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

  private readonly jobRuns = new Counter({
    name: 'jobs_runs_total',
    help: 'Queued job attempts on this node by kind and outcome (done, retried, failed = given up)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly taskRuns = new Counter({
    name: 'periodic_task_runs_total',
    help: 'Periodic task runs on this node by task and outcome (ok, failed)',
    labelNames: ['task', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly logins = new Counter({
    name: 'auth_login_events_total',
    help: 'Logins on this node by event: started, succeeded, failed (proof refused), locked',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  private readonly sessionChecks = new Counter({
    name: 'session_checks_total',
    help: 'Session checks of authenticated requests by where the session came from: kept (ADR 024) or database',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  /** Whether this node hears PostgreSQL's session notices (set by the session cache). */
  private readSessionNotices: (() => boolean) | undefined;

  /** Reads the job table's numbers at scrape time (set by the job queue). */
  private readJobs: (() => Promise<JobsGauges>) | undefined;

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
    gauge('db_pool_connections_max', 'Most database connections the pool opens', () => stats().max);
    gauge('db_pool_connections_total', 'Database connections open', () => stats().total);
    gauge('db_pool_connections_idle', 'Database connections idle', () => stats().idle);
    gauge('db_pool_requests_waiting', 'Queries waiting for a connection', () => stats().waiting);
    const readJobs = () => this.readJobs?.();
    const jobsGauge = (name: string, help: string, field: keyof JobsGauges) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          // The database away: the scrape still answers, with the last numbers.
          const numbers = await readJobs()?.catch(() => undefined);
          if (numbers) this.set(numbers[field]);
        },
      });
    gauge(
      'session_notices_listening',
      'Whether this node hears session changes (1); 0: every check reads the database (ADR 024)',
      () => Number(this.readSessionNotices?.() ?? false),
    );
    jobsGauge('jobs_pending', 'Jobs waiting or running, all nodes', 'pending');
    jobsGauge('jobs_failed', 'Jobs given up on, kept for an operator', 'failed');
    jobsGauge(
      'jobs_oldest_due_age_seconds',
      'How late the oldest due, unclaimed job is',
      'oldestDueSeconds',
    );
  }

  observeJobs(read: () => Promise<JobsGauges>): void {
    this.readJobs = read;
  }

  countJob(kind: string, outcome: JobOutcome): void {
    this.jobRuns.inc({ kind, outcome });
  }

  observeSessionNotices(listening: () => boolean): void {
    this.readSessionNotices = listening;
  }

  countSessionCheck(source: 'kept' | 'database'): void {
    this.sessionChecks.inc({ source });
  }

  countLogin(event: LoginEvent): void {
    this.logins.inc({ event });
  }

  countTaskRun(task: string, outcome: 'ok' | 'failed'): void {
    this.taskRuns.inc({ task, outcome });
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

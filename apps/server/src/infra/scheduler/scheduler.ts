import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import { PeriodicTask } from './periodic-task.js';
import { PeriodicTasksRepository } from './periodic-tasks.repository.js';

/**
 * Makes periodic tasks kept in PostgreSQL (one node runs each period), whose runs are counted
 * (`periodic_task_runs_total`) and whose failures are logged and counted
 * (`background_failures_total`).
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly scheduled: { task: PeriodicTask; job: () => Promise<unknown> }[] = [];

  constructor(
    @Inject(PeriodicTasksRepository) private readonly tasks: PeriodicTasksRepository,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /**
   * The task `name`, every `everyMs`. With `job` (a service's constructor), the task runs it from
   * the application's start until its shutdown; without, the caller starts it.
   */
  every(name: string, everyMs: number, job?: () => Promise<unknown>): PeriodicTask {
    const task = new PeriodicTask(this.tasks, name, everyMs, (ran, error) => this.ran(ran, error));
    if (job) this.scheduled.push({ task, job });
    return task;
  }

  onApplicationBootstrap(): void {
    for (const { task, job } of this.scheduled) task.start(job);
  }

  onApplicationShutdown(): void {
    for (const { task } of this.scheduled) task.stop();
  }

  /** A run ended (`error` undefined when it succeeded); a failed one is tried again next period. */
  private ran(task: string, error?: unknown): void {
    this.metrics.countTaskRun(task, error === undefined ? 'ok' : 'failed');
    if (error === undefined) return;
    this.metrics.countBackgroundFailure(task);
    this.logger.warn(`${task} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

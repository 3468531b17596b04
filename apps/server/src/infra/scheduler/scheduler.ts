import { Inject, Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '../metrics/metrics.service.js';
import { PeriodicTask } from './periodic-task.js';
import { PeriodicTasksRepository } from './periodic-tasks.repository.js';

/**
 * Makes periodic tasks kept in PostgreSQL (one node runs each period), whose runs are counted
 * (`periodic_task_runs_total`) and whose failures are logged and counted
 * (`background_failures_total`).
 */
@Injectable()
export class Scheduler {
  private readonly logger = new Logger('Scheduler');

  constructor(
    @Inject(PeriodicTasksRepository) private readonly tasks: PeriodicTasksRepository,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  every(name: string, everyMs: number): PeriodicTask {
    return new PeriodicTask(this.tasks, name, everyMs, (task, error) => this.ran(task, error));
  }

  /** A run ended (`error` undefined when it succeeded); a failed one is tried again next period. */
  private ran(task: string, error?: unknown): void {
    this.metrics.countTaskRun(task, error === undefined ? 'ok' : 'failed');
    if (error === undefined) return;
    this.metrics.countBackgroundFailure(task);
    this.logger.warn(`${task} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

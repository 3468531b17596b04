import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE } from '../cache/cache.js';
import type { Cache } from '../cache/cache.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { PeriodicTask } from './periodic-task.js';

/** Makes periodic tasks whose failures are logged and counted (`background_failures_total`). */
@Injectable()
export class Scheduler {
  private readonly logger = new Logger('Scheduler');

  constructor(
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  every(name: string, everyMs: number): PeriodicTask {
    return new PeriodicTask(this.cache, name, everyMs, (task, error) => this.failed(task, error));
  }

  /** A background run failed: one warning line and a count; it is tried again later. */
  failed(task: string, error: unknown): void {
    this.metrics.countBackgroundFailure(task);
    this.logger.warn(`${task} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

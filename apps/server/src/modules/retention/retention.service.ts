import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import type { PeriodicTask } from '../../infra/scheduler/periodic-task.js';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { RETENTION_RULES, RetentionRepository } from './retention.repository.js';

const EVERY_MS = 15 * 60_000;

/**
 * Deletes rows past their retention (`RETENTION`) every 15 minutes, on one node (a periodic task
 * in PostgreSQL), in batches. Not audited: these rows are spent credentials, expired codes,
 * delivery logs and old notices — no member's data changes, and the audit chain is not the place
 * for housekeeping. A log line with the counts per table is the record; the run itself is counted
 * in `periodic_task_runs_total{task="retention"}`.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');
  private readonly task: PeriodicTask;

  constructor(
    @Inject(RetentionRepository) private readonly repository: RetentionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(Scheduler) scheduler: Scheduler,
  ) {
    this.task = scheduler.every('retention', EVERY_MS, () => this.purge());
  }

  /** Runs the purge now unless another node is running it; the counts per rule, if it ran. */
  runOnce(): Promise<Record<string, number> | undefined> {
    return this.task.runOnce(() => this.purge());
  }

  private async purge(): Promise<Record<string, number>> {
    const now = new Date(this.clock.now());
    const counts: Record<string, number> = {};
    for (const rule of RETENTION_RULES)
      counts[rule.name] = await this.repository.deleteBatched(rule, now);
    const deleted = Object.entries(counts).filter(([, count]) => count > 0);
    if (deleted.length > 0)
      this.logger.log(`deleted ${deleted.map(([name, count]) => `${name}=${count}`).join(' ')}`);
    return counts;
  }
}

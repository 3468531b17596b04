import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { PeriodicTask } from '../../infra/scheduler/periodic-task.js';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { MonthlyReports } from './monthly-reports.js';
import { ReconciliationService } from './reconciliation.service.js';

const HOUR_MS = 3_600_000;

/**
 * Hourly, on one node (the scheduler's lock): a reconciliation of the ledger with Aifory, and
 * the check whether a cooperative's monthly report is due.
 */
@Injectable()
export class VirtualCardsAdminJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reconciliation: PeriodicTask;
  private readonly monthly: PeriodicTask;

  constructor(
    @Inject(ReconciliationService) private readonly reconciler: ReconciliationService,
    @Inject(MonthlyReports) private readonly reports: MonthlyReports,
    @Inject(Scheduler) scheduler: Scheduler,
  ) {
    this.reconciliation = scheduler.every('virtual-cards-reconciliation', HOUR_MS);
    this.monthly = scheduler.every('virtual-cards-monthly-report', HOUR_MS);
  }

  onApplicationBootstrap(): void {
    this.reconciliation.start(() => this.reconciler.run('job'));
    this.monthly.start(() => this.reports.sendDue(new Date()));
  }

  onApplicationShutdown(): void {
    this.reconciliation.stop();
    this.monthly.stop();
  }
}

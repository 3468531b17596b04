import { Inject, Injectable } from '@nestjs/common';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { MonthlyReports } from './monthly-reports.js';
import { ReconciliationService } from './reconciliation.service.js';

const HOUR_MS = 3_600_000;

/**
 * Hourly, on one node (the scheduler's lock): a reconciliation of the ledger with Aifory, and
 * the check whether a cooperative's monthly report is due.
 */
@Injectable()
export class VirtualCardsAdminJobs {
  constructor(
    @Inject(ReconciliationService) reconciler: ReconciliationService,
    @Inject(MonthlyReports) reports: MonthlyReports,
    @Inject(Scheduler) scheduler: Scheduler,
  ) {
    scheduler.every('virtual-cards-reconciliation', HOUR_MS, () => reconciler.run('job'));
    scheduler.every('virtual-cards-monthly-report', HOUR_MS, () => reports.sendDue(new Date()));
  }
}

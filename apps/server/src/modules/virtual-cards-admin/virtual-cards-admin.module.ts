import { Module } from '@nestjs/common';
import { AiforyProviderModule } from '../aifory/provider/aifory-provider.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { VirtualCardsModule } from '../virtual-cards/virtual-cards.module.js';
import { AdminVirtualCardsController } from './admin-virtual-cards.controller.js';
import { BusinessVirtualCardsController } from './business-virtual-cards.controller.js';
import { BusinessVirtualCardsService } from './business-virtual-cards.service.js';
import { MasterAccountService } from './master-account.service.js';
import { MonthlyReports } from './monthly-reports.js';
import { ReconciliationService } from './reconciliation.service.js';
import { VirtualCardsAdminRepository } from './virtual-cards-admin.repository.js';
import { VirtualCardsAdminJobs } from './virtual-cards-admin.jobs.js';
import { VirtualCardsReports } from './virtual-cards-reports.js';

/**
 * Virtual cards seen by the cooperative (business panel) and by the payment-system operator
 * (master account, funding, reconciliation, reports, the monthly report) — issue 15, ADR 021.
 */
@Module({
  imports: [
    AiforyProviderModule,
    AuditModule,
    CooperativesModule,
    IdempotencyModule,
    LedgerModule,
    NotificationsModule,
    VirtualCardsModule,
  ],
  controllers: [BusinessVirtualCardsController, AdminVirtualCardsController],
  providers: [
    VirtualCardsAdminRepository,
    BusinessVirtualCardsService,
    MasterAccountService,
    ReconciliationService,
    VirtualCardsReports,
    MonthlyReports,
    VirtualCardsAdminJobs,
  ],
  exports: [ReconciliationService, MonthlyReports],
})
export class VirtualCardsAdminModule {}

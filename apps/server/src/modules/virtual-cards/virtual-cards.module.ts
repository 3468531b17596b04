import { Module } from '@nestjs/common';
import { AiforyProviderModule } from '../aifory/provider/aifory-provider.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CardModule } from '../card/card.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { IdempotencyModule } from '../idempotency/idempotency.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TotpModule } from '../totp/totp.module.js';
import { CardIssuingService } from './card-issuing.service.js';
import { EligibilityService } from './eligibility.service.js';
import { MoneySettlement } from './money-settlement.js';
import { ProviderWebhooksController } from './provider-webhooks.controller.js';
import { ProviderWebhooksService } from './provider-webhooks.service.js';
import { SettlementJob } from './settlement-job.js';
import { TopUpsService } from './top-ups.service.js';
import { VirtualCardNotices } from './virtual-card-notices.js';
import { VirtualCardsController } from './virtual-cards.controller.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';
import { VirtualCardsService } from './virtual-cards.service.js';

/** Aifory virtual cards of members (issue 15, ADR 021). */
@Module({
  imports: [
    AiforyProviderModule,
    AuditModule,
    CardModule,
    CooperativesModule,
    IdempotencyModule,
    LedgerModule,
    NotificationsModule,
    SessionsModule,
    TotpModule,
  ],
  controllers: [VirtualCardsController, ProviderWebhooksController],
  providers: [
    VirtualCardsRepository,
    VirtualCardsService,
    EligibilityService,
    CardIssuingService,
    TopUpsService,
    MoneySettlement,
    SettlementJob,
    ProviderWebhooksService,
    VirtualCardNotices,
  ],
  exports: [VirtualCardsRepository, VirtualCardsService, MoneySettlement],
})
export class VirtualCardsModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ContributionNotices } from './contribution-notices.js';
import { ContributionsController } from './contributions.controller.js';
import { ContributionsService } from './contributions.service.js';
import { CoopPaymentRequestsController } from './coop-payment-requests.controller.js';
import { PaymentDetailsRepository } from './payment-details.repository.js';
import { PaymentRequestsRepository } from './payment-requests.repository.js';
import { PaymentRequestsService } from './payment-requests.service.js';

/** Contributions: cooperatives' payment requests and confirmations, members' view with the QR. */
@Module({
  imports: [SessionsModule, AuditModule, CooperativesModule, NotificationsModule],
  controllers: [ContributionsController, CoopPaymentRequestsController],
  providers: [
    ContributionNotices,
    PaymentDetailsRepository,
    PaymentRequestsRepository,
    PaymentRequestsService,
    ContributionsService,
  ],
  exports: [PaymentRequestsService, ContributionsService],
})
export class ContributionsModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ApplicationReviewController } from './application-review.controller.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';

/**
 * The extended level: a cooperative's application to the payment-system operator, its
 * documents (raw uploads, ADR 020) and the operator's review queue.
 */
@Module({
  imports: [AuditModule, NotificationsModule],
  controllers: [ApplicationsController, ApplicationReviewController],
  providers: [ApplicationsRepository, ApplicationsService],
})
export class ApplicationsModule {}

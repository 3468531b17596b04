import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { WebhookDelivery } from './webhook-delivery.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhookSigner } from './webhook-signer.js';
import { WebhookPublicKeyController, WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Webhooks to cooperatives: endpoints, the event outbox (other modules call
 * `webhooks.record(tx, …)` in their transactions) and signed deliveries on the job queue.
 */
@Module({
  imports: [AuditModule, NotificationsModule],
  controllers: [WebhooksController, WebhookPublicKeyController],
  providers: [WebhooksRepository, WebhookEvents, WebhookSigner, WebhookDelivery, WebhooksService],
})
export class WebhooksModule {}

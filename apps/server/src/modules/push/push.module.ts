import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { PushDelivery } from './push-delivery.js';
import { PushSubscriptionsRepository } from './push-subscriptions.repository.js';
import { PushSubscriptions } from './push-subscriptions.service.js';
import { PushController } from './push.controller.js';

/** Web push: the member's subscribed browsers and the delivery of notices to them. */
@Module({
  imports: [SessionsModule, AuditModule],
  controllers: [PushController],
  providers: [PushSubscriptionsRepository, PushSubscriptions, PushDelivery],
  exports: [PushDelivery],
})
export class PushModule {}

import { Module } from '@nestjs/common';
import { PushModule } from '../push/push.module.js';
import { MemberEventsModule } from '../realtime/member-events.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { NotificationService } from './notification.service.js';
import { NotificationsCentre } from './notifications-centre.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NovuDelivery } from './novu-delivery.js';

/** The member's notifications: `NotificationService.notify` for every module, the centre's API. */
@Module({
  imports: [SessionsModule, MemberEventsModule, PushModule],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationService, NotificationsCentre, NovuDelivery],
  exports: [NotificationService, NotificationsCentre],
})
export class NotificationsModule {}

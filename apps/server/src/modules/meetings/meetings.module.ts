import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CardModule } from '../card/card.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { CalendarController, CalendarFeedController } from './calendar-feed.controller.js';
import { CalendarFeedsRepository } from './calendar-feeds.repository.js';
import { CalendarFeedsService } from './calendar-feeds.service.js';
import { CoopMeetingsController } from './coop-meetings.controller.js';
import { MeetingAnnouncements } from './meeting-announcements.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';

/**
 * General meetings and events: the cooperative publishes them over its API, its confirmed
 * members see them, answer, and subscribe their calendars to a secret iCal feed.
 */
@Module({
  imports: [SessionsModule, AuditModule, CardModule, CooperativesModule, NotificationsModule],
  controllers: [
    CalendarFeedController,
    CalendarController,
    CoopMeetingsController,
    MeetingsController,
  ],
  providers: [
    MeetingsRepository,
    MeetingsService,
    MeetingAnnouncements,
    CalendarFeedsRepository,
    CalendarFeedsService,
  ],
  exports: [MeetingsService, MeetingAnnouncements],
})
export class MeetingsModule {}

import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { BalancesModule } from '../balances/balances.module.js';
import { CardModule } from '../card/card.module.js';
import { ContributionsModule } from '../contributions/contributions.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/** The member's home in one request, from the other modules' services. */
@Module({
  imports: [
    SessionsModule,
    CardModule,
    AccessModule,
    BalancesModule,
    MeetingsModule,
    ContributionsModule,
    NotificationsModule,
  ],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}

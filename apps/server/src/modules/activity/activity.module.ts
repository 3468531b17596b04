import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { ActivityController } from './activity.controller.js';
import { ActivityRepository } from './activity.repository.js';
import { ActivityService } from './activity.service.js';

/** The member's activity and insights, read from the audit log, sessions and payments. */
@Module({
  imports: [SessionsModule],
  controllers: [ActivityController],
  providers: [ActivityRepository, ActivityService],
})
export class ActivityModule {}

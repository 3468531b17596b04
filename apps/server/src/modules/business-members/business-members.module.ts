import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CoopApiModule } from '../coop-api/coop-api.module.js';
import { ContributionsModule } from '../contributions/contributions.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { BusinessMembersController } from './business-members.controller.js';
import { BusinessMembersRepository } from './business-members.repository.js';
import { BusinessMembersService } from './business-members.service.js';
import { StaffPublishedController } from './staff-published.controller.js';
import { StaffPublishingController } from './staff-publishing.controller.js';

/** The business panel's members: who shared, their memberships, meetings and payments by hand. */
@Module({
  imports: [AuditModule, CoopApiModule, ContributionsModule, MeetingsModule],
  controllers: [BusinessMembersController, StaffPublishingController, StaffPublishedController],
  providers: [BusinessMembersService, BusinessMembersRepository],
})
export class BusinessMembersModule {}

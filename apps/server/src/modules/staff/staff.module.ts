import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { TotpModule } from '../totp/totp.module.js';
import { InvitationsController } from './invitations.controller.js';
import { MyCooperativesController, StaffController } from './staff.controller.js';
import { StaffRepository } from './staff.repository.js';
import { StaffService } from './staff.service.js';
import { StepUpController } from './step-up.controller.js';
import { StepUpRepository } from './step-up.repository.js';
import { StepUpService } from './step-up.service.js';
import { SessionsModule } from '../sessions/sessions.module.js';

/** A cooperative's staff and roles, invitations, and the step-up they call for (ADR 019). */
@Module({
  imports: [AuditModule, AuthModule, SessionsModule, TotpModule],
  controllers: [MyCooperativesController, StaffController, InvitationsController, StepUpController],
  providers: [StaffRepository, StaffService, StepUpRepository, StepUpService],
})
export class StaffModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembershipModule } from '../membership/membership.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AdminClaimsController } from './admin-claims.controller.js';
import { ClaimsController } from './claims.controller.js';
import { ClaimsRepository } from './claims.repository.js';
import { ClaimsService } from './claims.service.js';

/** Members connect cooperatives themselves and prove owning them (chain or admin approval). */
@Module({
  imports: [SessionsModule, AuditModule, MembershipModule],
  controllers: [ClaimsController, AdminClaimsController],
  providers: [ClaimsRepository, ClaimsService],
})
export class ClaimsModule {}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminAllowlist } from '../admin/admin-allowlist.js';
import { AdminGuard } from '../admin/admin.guard.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { PolicyGuard } from './policy.guard.js';
import { RolesRepository } from './roles.repository.js';

/** The global, closed-by-default policy guard (ADR 019). */
@Module({
  imports: [SessionsModule, CooperativesModule],
  providers: [
    RolesRepository,
    AdminGuard,
    AdminAllowlist,
    { provide: APP_GUARD, useClass: PolicyGuard },
  ],
  exports: [RolesRepository],
})
export class AuthzModule {}

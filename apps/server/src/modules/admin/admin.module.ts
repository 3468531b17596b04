import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AuthzModule } from '../authz/authz.module.js';
import { CooperativesModule } from '../cooperatives/cooperatives.module.js';
import { MemberEventsModule } from '../realtime/member-events.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AdminAuditController } from './admin-audit.controller.js';
import { AdminAuditRepository } from './admin-audit.repository.js';
import { AdminAuditService } from './admin-audit.service.js';
import { AdminCooperativesController } from './admin-cooperatives.controller.js';
import { AdminDeletionsController } from './admin-deletions.controller.js';
import { AdminGuard } from './admin.guard.js';
import { AdminUsersController } from './admin-users.controller.js';
import { AdminUsersRepository } from './admin-users.repository.js';
import { AdminUsersService } from './admin-users.service.js';
import { AuditVerifier } from './audit-verifier.js';
import { AdminMaintenanceController, MaintenanceController } from './maintenance.controller.js';
import { MaintenanceRepository } from './maintenance.repository.js';
import { MaintenanceService } from './maintenance.service.js';
import { MyPlatformRoleController } from './my-platform-role.controller.js';
import { PlatformHealthController } from './platform-health.controller.js';
import { PlatformStaffController } from './platform-staff.controller.js';
import { PlatformStaffRepository } from './platform-staff.repository.js';
import { PlatformStaffService } from './platform-staff.service.js';

/**
 * The platform's administration (`/api/v1/admin`): platform staff (members with a platform
 * role) and the `ADMIN_API_KEY` for automation; and the public maintenance announcements.
 */
@Module({
  imports: [
    CooperativesModule,
    AuditModule,
    SessionsModule,
    AuthModule,
    AuthzModule,
    MemberEventsModule,
  ],
  controllers: [
    AdminCooperativesController,
    PlatformStaffController,
    AdminUsersController,
    AdminDeletionsController,
    AdminAuditController,
    PlatformHealthController,
    AdminMaintenanceController,
    MaintenanceController,
    MyPlatformRoleController,
  ],
  providers: [
    AdminGuard,
    PlatformStaffRepository,
    PlatformStaffService,
    AdminUsersRepository,
    AdminUsersService,
    AdminAuditRepository,
    AdminAuditService,
    AuditVerifier,
    MaintenanceRepository,
    MaintenanceService,
  ],
})
export class AdminModule {}

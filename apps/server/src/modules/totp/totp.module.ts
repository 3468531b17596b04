import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TotpRepository } from './totp.repository.js';
import { TotpService } from './totp.service.js';

/** The second factor; its controller is registered in AuthModule (it needs ReauthService). */
@Module({
  imports: [AuditModule, SessionsModule, NotificationsModule],
  providers: [TotpRepository, TotpService],
  exports: [TotpService],
})
export class TotpModule {}

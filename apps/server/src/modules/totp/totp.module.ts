import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TotpController } from './totp.controller.js';
import { TotpRepository } from './totp.repository.js';
import { TotpService } from './totp.service.js';

@Module({
  imports: [AuditModule, SessionsModule],
  controllers: [TotpController],
  providers: [TotpRepository, TotpService],
  exports: [TotpService],
})
export class TotpModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RecommendationsModule } from '../recommendations/recommendations.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TotpModule } from '../totp/totp.module.js';
import { TotpController } from '../totp/totp.controller.js';
import { AccountController } from './account.controller.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthLimits } from './auth-limits.js';
import { EmailChallengesRepository } from './email-challenges.repository.js';
import { EmailCodesService } from './email-codes.service.js';
import { DeletionService } from './deletion.service.js';
import { EmailChangeService } from './email-change.service.js';
import { DecoyKsf } from './decoy-ksf.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { LoginLockout } from './login-lockout.js';
import { LoginService } from './login.service.js';
import { PasswordService } from './password.service.js';
import { RecoveryKitService } from './recovery-kit.service.js';
import { ReauthService } from './reauth.service.js';
import { RecoveryService } from './recovery.service.js';
import { OpaqueService } from './opaque.service.js';
import { OpaqueKeyController } from './opaque-key.controller.js';
import { RegistrationService } from './registration.service.js';

/** Zero-knowledge registration and login (OPAQUE), e-mail codes, brute-force limits. */
@Module({
  imports: [SessionsModule, AuditModule, TotpModule, NotificationsModule, RecommendationsModule],
  // TotpController is here for ReauthService: enrolling 2FA needs the password proven.
  controllers: [AuthController, AccountController, TotpController, OpaqueKeyController],
  providers: [
    AccountsRepository,
    EmailChallengesRepository,
    EmailCodesService,
    OpaqueService,
    AuthLimits,
    LoginFailuresRepository,
    LoginLockout,
    DecoyKsf,
    RegistrationService,
    LoginService,
    ReauthService,
    PasswordService,
    RecoveryKitService,
    RecoveryService,
    DeletionService,
    EmailChangeService,
  ],
  // The staff module's step-up proves the password with it when 2FA is off.
  exports: [ReauthService, DeletionService],
})
export class AuthModule {}

import { Inject, Injectable } from '@nestjs/common';
import type { StepUp, SteppedUp } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import { ReauthService } from '../auth/reauth.service.js';
import { STEP_UP_MS } from '../authz/policy.guard.js';
import type { Member } from '../sessions/sessions.service.js';
import { TotpService } from '../totp/totp.service.js';
import { StepUpRepository } from './step-up.repository.js';

/**
 * Step-up (ADR 019): the member proves a second factor now, and this session — no other — may do
 * `stepUp` operations for the next five minutes. With 2FA on the factor is an app or backup code
 * (TotpService: replay guard, lockout); with 2FA off it is the password, proven again over OPAQUE
 * (`POST /auth/reauth/initiate` first).
 */
@Injectable()
export class StepUpService {
  constructor(
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(ReauthService) private readonly reauth: ReauthService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(StepUpRepository) private readonly sessions: StepUpRepository,
  ) {}

  async stepUp(member: Member, input: StepUp, ip: string): Promise<SteppedUp> {
    const method = await this.prove(member.userId, input);
    const event = this.audit.eventFor(
      member.userId,
      'session.stepped_up',
      { session_id: member.sessionId, method },
      ip,
    );
    const at = await this.sessions.markSteppedUp(member.sessionId, event);
    if (!at) throw new AppError('SESSION_REVOKED', 401);
    return {
      stepped_up_at: at.toISOString(),
      valid_until: new Date(at.getTime() + STEP_UP_MS).toISOString(),
    };
  }

  /** Checks the factor the account calls for; names it for the audit event. */
  private async prove(userId: string, input: StepUp): Promise<string> {
    if (await this.totp.isEnabled(userId)) {
      await this.totp.verify(userId, {
        totp_code: input.totp_code,
        backup_code: input.backup_code,
      });
      return input.totp_code ? 'totp' : 'backup_code';
    }
    if (!input.reauth_id || !input.finish_login_request) {
      throw new AppError('REAUTH_REQUIRED', 401);
    }
    await this.reauth.proveWithFactor(userId, {
      reauth_id: input.reauth_id,
      finish_login_request: input.finish_login_request,
    });
    return 'password';
  }
}

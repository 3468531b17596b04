import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CodeSent, RecoveryVerified, TokenResponse } from '@cardcoop/contracts';
import type { recoveryCompleteSchema, recoveryVerifySchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TotpService } from '../totp/totp.service.js';
import { AccountsRepository } from './accounts.repository.js';
import type { UserRow } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { EmailCodesService } from './email-codes.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { OPAQUE_SETUP_VERSION, OpaqueService } from './opaque.service.js';

const RECOVERY_TTL_MS = 15 * 60_000;
/** After an e-mail change, recovery and deletion wait this long (the revert window). */
export const EMAIL_CHANGE_HOLD_MS = 7 * 86_400_000;

type Verify = z.infer<typeof recoveryVerifySchema>;
type Complete = z.infer<typeof recoveryCompleteSchema>;

interface PendingRecovery {
  userId: string;
  credentialsVersion: number;
  ip: string;
}

const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('base64url');

export function assertNoEmailChangeHold(user: UserRow): void {
  const until = user.emailChangedAt ? user.emailChangedAt.getTime() + EMAIL_CHANGE_HOLD_MS : 0;
  if (until > Date.now())
    throw new AppError('ACCOUNT_CHANGE_PENDING', 409, {
      params: { until: new Date(until).toISOString() },
    });
}

/**
 * Recovery with the Recovery Kit: an e-mailed code, possession of the recovery key, and the
 * second factor when 2FA is on (never bypassed). The member ends up with a new password and a
 * new kit; the user key and all data are unchanged; every session is ended.
 */
@Injectable()
export class RecoveryService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(EmailCodesService) private readonly codes: EmailCodesService,
    @Inject(OpaqueService) private readonly opaque: OpaqueService,
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /** Same answer for every address; only an existing account gets a code. */
  async initiate(rawEmail: string, ip: string, locale: Locale): Promise<CodeSent> {
    return this.codes.mailCode({ purpose: 'recovery', email: rawEmail, ip, locale });
  }

  async verify(input: Verify, ip: string): Promise<RecoveryVerified> {
    await this.limits.hit('verifyPerIp', ip);
    const email = normalizeEmail(input.email);
    const challenge = await this.codes.check(
      'recovery',
      this.crypto.lookup('email', email),
      input.code,
    );
    const user = await this.accounts.findByEmailLookups(this.crypto.lookups('email', email));
    if (!user) throw new AppError('INVALID_CODE', 422);
    assertNoEmailChangeHold(user);
    const expected = Buffer.from(user.recoveryAuthHash);
    const given = Buffer.from(sha256(Buffer.from(input.recovery_proof, 'base64url')));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      // Changes no data: `check` counted this guess before the key was compared.
      await this.audit.record(user.id, 'recovery.wrong_key', {}, ip);
      this.codes.failAttempt(challenge, 'INVALID_RECOVERY_KEY');
    }
    await this.totp.verify(user.id, { totp_code: input.totp_code, backup_code: input.backup_code });
    await this.codes.consume(challenge);
    const id = randomBytes(32).toString('base64url');
    const pending: PendingRecovery = {
      userId: user.id,
      credentialsVersion: user.credentialsVersion,
      ip,
    };
    await this.cache.set(`recovery:${sha256(id)}`, JSON.stringify(pending), RECOVERY_TTL_MS);
    return {
      recovery_id: id,
      user_id: user.id,
      recovery_wrapped_user_key: user.recoveryWrappedUserKey,
      registration_response: await this.opaque.registrationResponse(
        user.id,
        input.registration_request,
      ),
    };
  }

  async complete(input: Complete, locale: Locale): Promise<TokenResponse> {
    await this.opaque.assertRegistrationRecord(input.registration_record);
    const stored = await this.cache.take(`recovery:${sha256(input.recovery_id)}`);
    if (!stored) throw new AppError('INVALID_TOKEN', 401);
    const pending = JSON.parse(stored) as PendingRecovery;
    // A locked account gets no new credentials or session, not even by its Recovery Kit.
    if ((await this.accounts.findById(pending.userId))?.lockedAt) {
      throw new AppError('ACCOUNT_LOCKED', 403);
    }
    const ended = await this.accounts.replaceCredentials(
      pending.userId,
      pending.credentialsVersion,
      {
        opaqueRecord: input.registration_record,
        opaqueSetupVersion: OPAQUE_SETUP_VERSION,
        ksf: input.ksf,
        wrappedUserKey: input.wrapped_user_key,
        recoveryWrappedUserKey: input.recovery.wrapped_user_key,
        recoveryAuthHash: input.recovery.auth_hash,
        // The new kit counts only once the member confirms holding it.
        recoveryKitConfirmedAt: null,
      },
      (tx) => this.sessions.revokeAll(tx, pending.userId, 'recovery'),
      (count) =>
        this.audit.eventFor(
          pending.userId,
          'recovery.completed',
          { sessions_ended: count },
          pending.ip,
        ),
    );
    if (!ended) throw new AppError('CONFLICT', 409);
    this.sessions.ended(pending.userId, ended);
    const user = await this.accounts.findById(pending.userId);
    if (user) {
      await this.mail.send(
        this.crypto.open('email', user.emailSealed, `user:${user.id}`),
        { kind: 'password-changed', by: 'recovery' },
        locale,
      );
      const by = 'recovery';
      await this.notifications.notify(user.id, 'security.password_changed', { by }, { locale });
    }
    return this.sessions.open({
      userId: pending.userId,
      amr: ['recovery'],
      deviceName: input.device_name,
      ip: pending.ip,
      kitUnconfirmed: true,
    });
  }
}

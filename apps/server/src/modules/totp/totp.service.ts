import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import QRCode from 'qrcode';
import type { BackupCodes, SecondFactor, TotpSetup, TotpStatus } from '@cardcoop/contracts';
import { AppError, tooManyRequests } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { MailService } from '../mail/mail.service.js';
import {
  base32Decode,
  matchingStep,
  newBackupCodes,
  newTotpSecret,
  normalizeBackupCode,
  otpauthUrl,
} from './totp.js';
import { TotpRepository } from './totp.repository.js';
import type { TotpState } from './totp.repository.js';

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;

/**
 * Second factor: TOTP (RFC 6238) with a replay guard and a lockout after 5 wrong codes, plus ten
 * single-use backup codes. The secret is sealed under its own key with the user id as AAD.
 */
@Injectable()
export class TotpService {
  constructor(
    @Inject(TotpRepository) private readonly totp: TotpRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private async load(userId: string): Promise<TotpState> {
    const state = await this.totp.state(userId);
    if (!state) throw new AppError('NOT_FOUND', 404);
    return state;
  }

  private secretOf(sealed: string, userId: string): Uint8Array {
    return base32Decode(this.crypto.open('totp', sealed, `user:${userId}`));
  }

  async status(userId: string): Promise<TotpStatus> {
    const state = await this.load(userId);
    const left = state.enabled ? (await this.totp.unusedBackupCodes(userId)).length : 0;
    return { enabled: state.enabled, backup_codes_left: left };
  }

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.load(userId)).enabled;
  }

  /** Starts (or restarts) setup; 2FA stays off until a code confirms the new secret. */
  async setup(userId: string): Promise<TotpSetup> {
    const state = await this.load(userId);
    if (state.enabled) throw new AppError('CONFLICT', 409);
    const secret = newTotpSecret();
    await this.totp.setPending(userId, this.crypto.seal('totp', secret, `user:${userId}`));
    const url = otpauthUrl(secret, this.crypto.open('email', state.emailSealed, `user:${userId}`));
    return {
      secret,
      otpauth_url: url,
      qr_svg: await QRCode.toString(url, { type: 'svg', margin: 1 }),
    };
  }

  async confirm(userId: string, code: string, ip: string, locale: Locale): Promise<BackupCodes> {
    const state = await this.load(userId);
    if (state.enabled || !state.pendingSealed) throw new AppError('CONFLICT', 409);
    const attempt = await this.reserve(userId);
    const step = matchingStep(this.secretOf(state.pendingSealed, userId), code, Date.now() / 1000);
    if (step === null) return this.fail(userId, attempt);
    const codes = newBackupCodes();
    await this.totp.enable(
      userId,
      state.pendingSealed,
      step,
      await Promise.all(codes.map((c) => hash(normalizeBackupCode(c)))),
    );
    await this.audit.record(userId, 'totp.enabled', {}, ip);
    await this.notify(userId, state, 'totp-enabled', locale);
    return { backup_codes: codes };
  }

  /** Step-up: turning 2FA off needs a second factor now. */
  async disable(userId: string, factor: SecondFactor, ip: string, locale: Locale): Promise<void> {
    const state = await this.load(userId);
    if (!state.enabled) throw new AppError('CONFLICT', 409);
    await this.verify(userId, factor);
    await this.totp.disable(userId);
    await this.audit.record(userId, 'totp.disabled', {}, ip);
    await this.notify(userId, state, 'totp-disabled', locale);
  }

  async regenerateBackupCodes(
    userId: string,
    factor: SecondFactor,
    ip: string,
  ): Promise<BackupCodes> {
    if (!(await this.isEnabled(userId))) throw new AppError('CONFLICT', 409);
    await this.verify(userId, factor);
    const codes = newBackupCodes();
    await this.totp.replaceBackupCodes(
      userId,
      await Promise.all(codes.map((c) => hash(normalizeBackupCode(c)))),
    );
    await this.audit.record(userId, 'totp.backup_codes_regenerated', {}, ip);
    return { backup_codes: codes };
  }

  /**
   * Checks a second factor of an account with 2FA on: MFA_REQUIRED without one, INVALID_MFA_CODE
   * for a wrong, reused or spent code, TOO_MANY_ATTEMPTS while locked.
   */
  async verify(userId: string, factor: Partial<SecondFactor>): Promise<void> {
    const state = await this.load(userId);
    if (!state.enabled || !state.secretSealed) return;
    if (!factor.totp_code && !factor.backup_code) throw new AppError('MFA_REQUIRED', 401);
    const attempt = await this.reserve(userId);
    if (factor.totp_code) {
      const step = matchingStep(
        this.secretOf(state.secretSealed, userId),
        factor.totp_code,
        Date.now() / 1000,
      );
      if (step !== null && (await this.totp.acceptStep(userId, step))) return;
      return this.fail(userId, attempt);
    }
    const given = normalizeBackupCode(factor.backup_code!);
    for (const row of await this.totp.unusedBackupCodes(userId)) {
      if ((await verify(row.codeHash, given)) && (await this.totp.useBackupCode(row.id))) {
        await this.totp.releaseAttempts(userId);
        await this.audit.record(userId, 'totp.backup_code_used', {});
        return;
      }
    }
    return this.fail(userId, attempt);
  }

  /**
   * Takes one of the 5 attempts before a code is checked (see TotpRepository.reserveAttempt):
   * TOO_MANY_ATTEMPTS, with Retry-After, while the factor is locked.
   */
  private async reserve(userId: string): Promise<number> {
    const attempt = await this.totp.reserveAttempt(userId, MAX_FAILURES, LOCK_MS);
    if (!attempt.reserved)
      throw tooManyRequests(
        'TOO_MANY_ATTEMPTS',
        (attempt.lockedUntil.getTime() - Date.now()) / 1000,
      );
    return attempt.failures;
  }

  /** A wrong code under the `attempt`-th reservation; the last one locked the factor. */
  private async fail(userId: string, attempt: number): Promise<never> {
    if (attempt >= MAX_FAILURES) {
      await this.audit.record(userId, 'totp.locked', {});
      throw tooManyRequests('TOO_MANY_ATTEMPTS', LOCK_MS / 1000);
    }
    throw new AppError('INVALID_MFA_CODE', 401);
  }

  private async notify(
    userId: string,
    state: TotpState,
    kind: 'totp-enabled' | 'totp-disabled',
    locale: Locale,
  ) {
    await this.mail.send(
      this.crypto.open('email', state.emailSealed, `user:${userId}`),
      { kind },
      locale,
    );
  }
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import QRCode from 'qrcode';
import type { BackupCodes, SecondFactor, TotpSetup, TotpStatus } from '@cardcoop/contracts';
import { AppError, tooManyRequests } from '../../common/errors/app-error.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import type { AppDatabase } from '../../db/database.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
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
import { NotificationService } from '../notifications/notification.service.js';
import type { Notified } from '../notifications/notification.service.js';
import { TotpRepository } from './totp.repository.js';
import type { TotpState } from './totp.repository.js';

const MAX_FAILURES = 5;
const LOCK_MS = 15 * 60_000;
/** How long a setup, and so the password proof behind it, waits for its first code. */
export const SETUP_TTL_MS = 10 * 60_000;
/** How long the owner may undo a 2FA enrolment with the mailed link. */
export const REVERT_MS = 7 * 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');
const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const hashBackupCodes = (codes: string[]) =>
  Promise.all(codes.map((code) => hash(normalizeBackupCode(code))));

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
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /**
   * The centre's notice of a 2FA change, written by `mail` in the change's transaction together
   * with the change's own mail; the member's tabs are told once it committed.
   */
  private notice(userId: string, enabled: boolean, locale: Locale) {
    let notified: Notified | undefined;
    return {
      mail: (send: (tx: AppDatabase) => Promise<void>) => async (tx: AppDatabase) => {
        await send(tx);
        notified = await this.notifications.notify(
          userId,
          'security.totp_changed',
          { enabled },
          { tx, locale },
        );
      },
      committed: () => notified?.afterCommit(),
    };
  }

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

  /**
   * Starts (or restarts) setup; 2FA stays off until a code confirms the new secret. The caller
   * has proven the password (TotpController): the `setup_id` answered here carries that proof
   * to `confirm`, for {@link SETUP_TTL_MS}, and only the latest setup's id is live.
   */
  async setup(userId: string): Promise<TotpSetup> {
    const state = await this.load(userId);
    if (state.enabled) throw new AppError('CONFLICT', 409);
    const secret = newTotpSecret();
    const setupId = randomBytes(32).toString('base64url');
    await this.totp.setPending(userId, this.crypto.seal('totp', secret, `user:${userId}`));
    await this.cache.set(`totp-setup:${userId}`, sha256(setupId), SETUP_TTL_MS);
    const url = otpauthUrl(secret, this.crypto.open('email', state.emailSealed, `user:${userId}`));
    return {
      setup_id: setupId,
      expires_in_seconds: SETUP_TTL_MS / 1000,
      secret,
      otpauth_url: url,
      qr_svg: await QRCode.toString(url, { type: 'svg', margin: 1 }),
    };
  }

  /**
   * The first valid code of the pending secret turns 2FA on: backup codes, the audit event and
   * the owner's mail with a 7-day undo link, in one transaction.
   */
  async confirm(
    userId: string,
    setupId: string,
    code: string,
    ip: string,
    locale: Locale,
  ): Promise<BackupCodes> {
    const state = await this.load(userId);
    if (state.enabled || !state.pendingSealed) throw new AppError('CONFLICT', 409);
    const live = await this.cache.get(`totp-setup:${userId}`);
    if (!live || !sameHash(live, sha256(setupId))) throw new AppError('REAUTH_REQUIRED', 401);
    const attempt = await this.reserve(userId);
    const step = matchingStep(this.secretOf(state.pendingSealed, userId), code, Date.now() / 1000);
    if (step === null) return this.fail(attempt);
    const codes = newBackupCodes();
    const revertToken = `${userId}.${randomBytes(32).toString('base64url')}`;
    const email = this.emailOf(userId, state);
    const notice = this.notice(userId, true, locale);
    const enabled = await this.totp.enable(
      userId,
      {
        secretSealed: state.pendingSealed,
        step,
        codeHashes: await hashBackupCodes(codes),
        revertHash: sha256(revertToken),
        revertUntil: new Date(Date.now() + REVERT_MS),
      },
      {
        event: { type: 'totp.enabled', ipSealed: this.sealIp(userId, ip) },
        mail: notice.mail((tx) =>
          this.mail.send(
            email,
            {
              kind: 'totp-enabled',
              revertUrl: `${this.config.publicUrl}/id/revert-totp?token=${revertToken}`,
            },
            locale,
            tx,
          ),
        ),
      },
    );
    // Another confirmation of the same setup won the race; its codes are the ones that count.
    if (!enabled) throw new AppError('CONFLICT', 409);
    notice.committed();
    await this.cache.delete(`totp-setup:${userId}`);
    return { backup_codes: codes };
  }

  /** Step-up: turning 2FA off needs a second factor now. */
  async disable(userId: string, factor: SecondFactor, ip: string, locale: Locale): Promise<void> {
    const state = await this.load(userId);
    if (!state.enabled) throw new AppError('CONFLICT', 409);
    await this.verify(userId, factor);
    const email = this.emailOf(userId, state);
    const notice = this.notice(userId, false, locale);
    await this.totp.disable(userId, {
      event: { type: 'totp.disabled', ipSealed: this.sealIp(userId, ip) },
      mail: notice.mail((tx) => this.mail.send(email, { kind: 'totp-disabled' }, locale, tx)),
    });
    notice.committed();
  }

  /**
   * New backup codes, the old ones void. The caller has proven the password (TotpController);
   * the current second factor is checked here.
   */
  async regenerateBackupCodes(
    userId: string,
    factor: SecondFactor,
    ip: string,
  ): Promise<BackupCodes> {
    if (!(await this.isEnabled(userId))) throw new AppError('CONFLICT', 409);
    await this.verify(userId, factor);
    const codes = newBackupCodes();
    await this.totp.replaceBackupCodes(userId, await hashBackupCodes(codes), {
      event: { type: 'totp.backup_codes_regenerated', ipSealed: this.sealIp(userId, ip) },
    });
    return { backup_codes: codes };
  }

  /**
   * The undo link from the "2FA is on" mail, no session needed: within 7 days and once, it turns
   * 2FA off, deletes the backup codes and ends every session (whoever enrolled may hold one).
   */
  async revert(token: string, ip: string, locale: Locale): Promise<void> {
    const userId = token.split('.', 1)[0] ?? '';
    const state = UUID.test(userId) ? await this.totp.state(userId) : undefined;
    if (!state) throw new AppError('INVALID_TOKEN', 401);
    const email = this.emailOf(userId, state);
    const notice = this.notice(userId, false, locale);
    const reverted = await this.totp.revert(
      userId,
      sha256(token),
      this.sealIp(userId, ip),
      notice.mail((tx) => this.mail.send(email, { kind: 'totp-disabled' }, locale, tx)),
    );
    if (!reverted) throw new AppError('INVALID_TOKEN', 401);
    notice.committed();
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
      if (step !== null && (await this.totp.acceptStep(userId, step, this.unlocked(userId))))
        return;
      return this.fail(attempt);
    }
    const given = normalizeBackupCode(factor.backup_code!);
    for (const row of await this.totp.unusedBackupCodes(userId)) {
      if (!(await verify(row.codeHash, given))) continue;
      const event = this.audit.eventFor(userId, 'totp.backup_code_used');
      if (await this.totp.useBackupCode(row.id, event)) {
        await this.totp.releaseAttempts(userId, this.unlocked(userId));
        return;
      }
    }
    return this.fail(attempt);
  }

  /**
   * Takes one of the 5 attempts before a code is checked (see TotpRepository.reserveAttempt):
   * TOO_MANY_ATTEMPTS, with Retry-After, while the factor is locked. The fifth locks it, with
   * `totp.locked` in the same statement; a right fifth code lifts the lock (`totp.unlocked`).
   */
  private async reserve(userId: string): Promise<number> {
    const locked = this.audit.eventFor(userId, 'totp.locked', { attempts: MAX_FAILURES });
    const attempt = await this.totp.reserveAttempt(userId, MAX_FAILURES, LOCK_MS, locked);
    if (!attempt.reserved)
      throw tooManyRequests(
        'TOO_MANY_ATTEMPTS',
        (attempt.lockedUntil.getTime() - Date.now()) / 1000,
      );
    return attempt.failures;
  }

  /** A wrong code under the `attempt`-th reservation; the last one locked the factor. */
  private fail(attempt: number): never {
    if (attempt >= MAX_FAILURES) throw tooManyRequests('TOO_MANY_ATTEMPTS', LOCK_MS / 1000);
    throw new AppError('INVALID_MFA_CODE', 401);
  }

  /** The event of a lock lifted by a right code under the reservation that had set it. */
  private unlocked(userId: string) {
    return this.audit.eventFor(userId, 'totp.unlocked');
  }

  private emailOf(userId: string, state: TotpState): string {
    return this.crypto.open('email', state.emailSealed, `user:${userId}`);
  }

  private sealIp(userId: string, ip: string): string {
    return this.crypto.seal('ip', ip, `audit:${userId}`);
  }
}

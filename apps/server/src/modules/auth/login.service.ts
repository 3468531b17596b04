import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_KSF } from '@cardcoop/contracts';
import type { InitiateLoginResult, Ksf, LoginResult, SymmetricEnvelope } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TotpService } from '../totp/totp.service.js';
import { MailService } from '../mail/mail.service.js';
import type { Locale } from '../../common/i18n/locale.js';
import { AccountsRepository } from './accounts.repository.js';
import type { UserRow } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { OpaqueService } from './opaque.service.js';

/** The server half of an OPAQUE login lives one minute and can be used once. */
const LOGIN_STATE_TTL_MS = 60_000;
/** Time a person has to type the code from their app once the password is proven. */
const MFA_WINDOW_MS = 5 * 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

interface LoginState {
  serverLoginState: string;
  emailLookup: string;
  /** null for an unknown address: the login runs on a decoy to its inevitable failure. */
  userId: string | null;
}

/** A login whose password is proven and which waits for its second factor. */
interface ProvenLogin {
  userId: string;
  emailLookup: string;
  /** Binds the parked login to the exact finish request the client sent. */
  finishHash: string;
  secondFactor: boolean;
  /** The 2FA window does not extend with each wrong code. */
  parkedUntil: number;
}

export interface CompleteLoginInput {
  loginId: string;
  finishLoginRequest: string;
  totpCode?: string | undefined;
  backupCode?: string | undefined;
  locale: Locale;
  deviceName?: string | undefined;
  ip: string;
}

@Injectable()
export class LoginService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(OpaqueService) private readonly opaque: OpaqueService,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(SessionsService) private readonly sessions: SessionsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(AuthLimits) private readonly limits: AuthLimits,
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  /**
   * OPAQUE round one. An unknown address gets the same answer shape, built from an identifier
   * derived from the address, so repeated probes of one address get consistent answers.
   */
  async initiate(
    rawEmail: string,
    startLoginRequest: string,
    ip: string,
    locale: Locale,
  ): Promise<InitiateLoginResult> {
    const email = normalizeEmail(rawEmail);
    const emailLookup = this.crypto.lookup('email', email);
    await this.limits.hit('loginPerIp', ip);
    await this.limits.hit('loginPerEmail', emailLookup);
    await this.limits.assertNotLocked(emailLookup);
    const user = await this.accounts.findByEmailLookups(this.crypto.lookups('email', email));
    // Counted as a failure until it succeeds: with OPAQUE a client learns a guess was wrong
    // from this round alone and need never send the second, so counting only failed second
    // rounds would let guessing go on unnoticed. A successful login clears the count.
    const lockedMinutes = await this.limits.recordAttempt(emailLookup);
    if (lockedMinutes !== null) {
      if (user) await this.locked(user, lockedMinutes, ip, locale);
      await this.limits.assertNotLocked(emailLookup);
    }
    const { serverLoginState, loginResponse } = await this.opaque.startLogin(
      user?.id ?? emailLookup,
      user?.opaqueRecord ?? null,
      startLoginRequest,
    );
    const loginId = randomBytes(32).toString('base64url');
    const state: LoginState = { serverLoginState, emailLookup, userId: user?.id ?? null };
    await this.cache.set(`login:${loginId}`, JSON.stringify(state), LOGIN_STATE_TTL_MS);
    return {
      login_id: loginId,
      login_response: loginResponse,
      ksf: (user?.ksf as Ksf | undefined) ?? DEFAULT_KSF,
    };
  }

  /**
   * OPAQUE round two. The state is taken (get-and-delete), so a replayed login id is refused.
   * With 2FA on, a proven password without a valid code parks the login for 5 minutes: the
   * client resends the same finish request with a code, without running argon2 again.
   */
  async complete(input: CompleteLoginInput): Promise<LoginResult> {
    const proven = await this.passwordProof(input);
    try {
      // passwordProof already read whether 2FA is on; without it there is nothing to check.
      if (proven.secondFactor)
        await this.totp.verify(proven.userId, {
          totp_code: input.totpCode,
          backup_code: input.backupCode,
        });
    } catch (error) {
      const retryable =
        error instanceof AppError &&
        (error.code === 'MFA_REQUIRED' || error.code === 'INVALID_MFA_CODE');
      if (retryable) await this.park(input.loginId, proven);
      throw error;
    }
    await this.cache.delete(`mfa:${input.loginId}`);
    await this.limits.clearFailures(proven.emailLookup);
    const user = await this.accounts.findById(proven.userId);
    if (!user) throw new AppError('INVALID_CREDENTIALS', 401);
    const amr = proven.secondFactor ? ['pwd', 'otp'] : ['pwd'];
    const knownDevice = await this.sessions.isKnownDevice(user.id, input.deviceName);
    const tokens = await this.sessions.open({
      userId: user.id,
      amr,
      deviceName: input.deviceName,
      ip: input.ip,
    });
    await this.audit.record(
      user.id,
      'login.succeeded',
      { session_id: tokens.session_id, mfa: proven.secondFactor },
      input.ip,
    );
    if (!knownDevice) {
      const email = this.crypto.open('email', user.emailSealed, `user:${user.id}`);
      const device = input.deviceName ?? '—';
      await this.mail.send(
        email,
        { kind: 'new-device-login', device, at: new Date().toISOString() },
        input.locale,
      );
    }
    return { ...tokens, wrapped_user_key: user.wrappedUserKey as SymmetricEnvelope };
  }

  /** Who proved their password in this login: from the OPAQUE state, or a login parked for 2FA. */
  private async passwordProof(input: CompleteLoginInput): Promise<ProvenLogin> {
    const finishHash = sha256(input.finishLoginRequest);
    const stored = await this.cache.take(`login:${input.loginId}`);
    if (!stored) {
      const parked = await this.cache.get(`mfa:${input.loginId}`);
      const proven = parked ? (JSON.parse(parked) as ProvenLogin) : undefined;
      if (!proven || proven.finishHash !== finishHash) throw new AppError('LOGIN_EXPIRED', 401);
      return proven;
    }
    const state = JSON.parse(stored) as LoginState;
    const ok = await this.opaque.finishLogin(state.serverLoginState, input.finishLoginRequest);
    if (!ok || !state.userId) {
      // Already counted when the login started.
      if (state.userId) await this.audit.record(state.userId, 'login.failed', {}, input.ip);
      throw new AppError('INVALID_CREDENTIALS', 401);
    }
    const secondFactor = await this.totp.isEnabled(state.userId);
    return {
      userId: state.userId,
      emailLookup: state.emailLookup,
      finishHash,
      secondFactor,
      parkedUntil: Date.now() + MFA_WINDOW_MS,
    };
  }

  /** Too many logins started without success locked the address: audit it, tell the owner. */
  private async locked(user: UserRow, minutes: number, ip: string, locale: Locale) {
    await this.audit.record(user.id, 'login.locked', { minutes }, ip);
    const email = this.crypto.open('email', user.emailSealed, `user:${user.id}`);
    await this.mail.send(email, { kind: 'login-locked', minutes }, locale);
  }

  private async park(loginId: string, proven: ProvenLogin): Promise<void> {
    const ttl = proven.parkedUntil - Date.now();
    if (ttl > 0) await this.cache.set(`mfa:${loginId}`, JSON.stringify(proven), ttl);
  }
}

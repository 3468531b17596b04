import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { InitiateLoginResult, LoginResult } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { MetricsService } from '../../infra/metrics/metrics.service.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { TotpService } from '../totp/totp.service.js';
import { MailService } from '../mail/mail.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { Locale } from '../../common/i18n/locale.js';
import { AccountsRepository } from './accounts.repository.js';
import type { UserRow } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { DecoyKsf } from './decoy-ksf.js';
import { LoginLockout } from './login-lockout.js';
import type { LoginClient } from './login-lockout.js';
import { OpaqueService } from './opaque.service.js';

/** The server half of an OPAQUE login lives one minute and can be used once. */
const LOGIN_STATE_TTL_MS = 60_000;
/** Time a person has to type the code from their app once the password is proven. */
const MFA_WINDOW_MS = 5 * 60_000;
/** At most one "your account was locked" mail per address in this time. */
const LOCK_NOTICE_EVERY_MS = 3_600_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

interface LoginState {
  serverLoginState: string;
  emailLookup: string;
  /** null for an unknown address: the login runs on a decoy to its inevitable failure. */
  userId: string | null;
  /** Whose round it is, for the lockout. */
  client: LoginClient;
}

/** A login whose password is proven and which waits for its second factor. */
interface ProvenLogin {
  userId: string;
  emailLookup: string;
  client: LoginClient;
  /** Binds the parked login to the exact finish request the client sent. */
  finishHash: string;
  secondFactor: boolean;
  /** The 2FA window does not extend with each wrong code. */
  parkedUntil: number;
}

export interface InitiateLoginInput {
  email: string;
  startLoginRequest: string;
  ip: string;
  locale: Locale;
  deviceToken?: string | undefined;
}

export interface CompleteLoginInput {
  loginId: string;
  finishLoginRequest: string;
  totpCode?: string | undefined;
  backupCode?: string | undefined;
  locale: Locale;
  deviceName?: string | undefined;
  ip: string;
  connect?: { coopname: string; visit_id: string } | undefined;
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
    @Inject(LoginLockout) private readonly lockout: LoginLockout,
    @Inject(DecoyKsf) private readonly decoyKsf: DecoyKsf,
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /**
   * OPAQUE round one. An unknown address gets the same answer shape, built from an identifier
   * derived from the address, so repeated probes of one address get consistent answers; the
   * work done (lockout count, decoy KSF) is the same either way.
   */
  async initiate(input: InitiateLoginInput): Promise<InitiateLoginResult> {
    const { ip, locale } = input;
    const email = normalizeEmail(input.email);
    const emailLookup = this.crypto.lookup('email', email);
    await this.limits.hit('loginPerIp', ip);
    const user = await this.accounts.findByEmailLookups(this.crypto.lookups('email', email));
    const client: LoginClient = { userId: user?.id ?? null, ip, deviceToken: input.deviceToken };
    await this.lockout.countRound(
      emailLookup,
      client,
      (minutes) => this.locked(user ?? null, emailLookup, minutes, locale),
      (userId, minutes) => this.audit.eventFor(userId, 'login.locked', { minutes }, ip),
    );
    this.metrics.countLogin('started');
    const decoyKsf = await this.decoyKsf.for(emailLookup);
    const { serverLoginState, loginResponse } = await this.opaque.startLogin(
      user?.id ?? emailLookup,
      user?.opaqueRecord ?? null,
      input.startLoginRequest,
    );
    const loginId = randomBytes(32).toString('base64url');
    const state: LoginState = { serverLoginState, emailLookup, userId: user?.id ?? null, client };
    await this.cache.set(`login:${loginId}`, JSON.stringify(state), LOGIN_STATE_TTL_MS);
    return {
      login_id: loginId,
      login_response: loginResponse,
      ksf: user?.ksf ?? decoyKsf,
    };
  }

  /**
   * OPAQUE round two. The state is taken (get-and-delete), so a replayed login id is refused.
   * With 2FA on, a proven password without a valid code parks the login for 5 minutes: the
   * client resends the same finish request with a code, without running argon2 again.
   */
  async complete(input: CompleteLoginInput): Promise<LoginResult> {
    await this.limits.hit('completePerIp', input.ip);
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
      if (error instanceof AppError && error.code === 'INVALID_MFA_CODE')
        this.metrics.countLogin('failed');
      throw error;
    }
    await this.cache.delete(`mfa:${input.loginId}`);
    await this.lockout.clear(proven.emailLookup, proven.client);
    const user = await this.accounts.findById(proven.userId);
    if (!user) throw new AppError('INVALID_CREDENTIALS', 401);
    // Locked by a platform admin: said only to whoever proved the password (docs/security.md).
    if (user.lockedAt) throw new AppError('ACCOUNT_LOCKED', 403);
    const amr = proven.secondFactor ? ['pwd', 'otp'] : ['pwd'];
    const deviceToken =
      proven.client.deviceToken && this.lockout.isDeviceOf(user.id, proven.client.deviceToken)
        ? proven.client.deviceToken
        : this.lockout.deviceToken(user.id);
    const knownDevice =
      deviceToken === proven.client.deviceToken ||
      (await this.sessions.isKnownDevice(user.id, input.deviceName));
    const tokens = await this.sessions.open(
      { userId: user.id, amr, deviceName: input.deviceName, ip: input.ip },
      {
        eventFor: (sessionId) =>
          this.audit.eventFor(
            user.id,
            'login.succeeded',
            { session_id: sessionId, mfa: proven.secondFactor, ...input.connect },
            input.ip,
          ),
      },
    );
    this.metrics.countLogin('succeeded');
    if (!knownDevice) {
      const email = this.crypto.open('email', user.emailSealed, `user:${user.id}`);
      const device = input.deviceName ?? '—';
      await this.mail.send(
        email,
        { kind: 'new-device-login', device, at: new Date().toISOString() },
        input.locale,
      );
      await this.notifications.notify(
        user.id,
        'security.new_device',
        { device },
        { locale: input.locale },
      );
    }
    return {
      ...tokens,
      wrapped_user_key: user.wrappedUserKey,
      device_token: deviceToken,
    };
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
      // Counted when the login started; audited after the answer, a decoy for an unknown address.
      await this.audit.recordLater(state.userId, 'login.failed', {}, input.ip);
      this.metrics.countLogin('failed');
      throw new AppError('INVALID_CREDENTIALS', 401);
    }
    const secondFactor = await this.totp.isEnabled(state.userId);
    return {
      userId: state.userId,
      emailLookup: state.emailLookup,
      client: state.client,
      finishHash,
      secondFactor,
      parkedUntil: Date.now() + MFA_WINDOW_MS,
    };
  }

  /**
   * A client was just locked out of an address (audited with the lock): tell the owner (once an
   * hour at most, however many strangers get locked out; a decoy mail for an unknown address).
   */
  private async locked(
    user: UserRow | null,
    emailLookup: string,
    minutes: number,
    locale: Locale,
  ): Promise<void> {
    this.metrics.countLogin('locked');
    const notice = await this.cache.tryLock(`lock-notice:${emailLookup}`, LOCK_NOTICE_EVERY_MS);
    if (!notice) return;
    const email = user ? this.crypto.open('email', user.emailSealed, `user:${user.id}`) : null;
    await this.mail.send(email, { kind: 'login-locked', minutes }, locale);
  }

  private async park(loginId: string, proven: ProvenLogin): Promise<void> {
    const ttl = proven.parkedUntil - Date.now();
    if (ttl > 0) await this.cache.set(`mfa:${loginId}`, JSON.stringify(proven), ttl);
  }
}

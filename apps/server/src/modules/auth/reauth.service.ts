import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ReauthStarted, SecondFactor } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { AccountsRepository } from './accounts.repository.js';
import type { UserRow } from './accounts.repository.js';
import { LoginLockout } from './login-lockout.js';
import type { LoginClient } from './login-lockout.js';
import { TotpService } from '../totp/totp.service.js';
import { OpaqueService } from './opaque.service.js';

const REAUTH_TTL_MS = 60_000;

interface ReauthState {
  userId: string;
  sessionId: string;
  serverLoginState: string;
  credentialsVersion: number;
}

/** Proof of the current password by a member who is already signed in (an OPAQUE login). */
@Injectable()
export class ReauthService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(OpaqueService) private readonly opaque: OpaqueService,
    @Inject(LoginLockout) private readonly lockout: LoginLockout,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(TotpService) private readonly totp: TotpService,
  ) {}

  async user(userId: string): Promise<UserRow> {
    const user = await this.accounts.findById(userId);
    if (!user) throw new AppError('UNAUTHORIZED', 401);
    return user;
  }

  /**
   * OPAQUE round one of a re-authentication in session `sessionId`. As at login, a client sees a
   * wrong password after this round and need never prove, so the round counts as failed until a
   * proof succeeds — per session (the unlock screen makes this reachable with only a session,
   * e.g. on a stolen unlocked device, and must not allow unlimited guessing).
   */
  async start(
    userId: string,
    startLoginRequest: string,
    sessionId: string,
  ): Promise<ReauthStarted> {
    const user = await this.user(userId);
    await this.lockout.countRound(
      user.emailLookup,
      sessionClient(userId, sessionId),
      async () => {},
    );
    const { serverLoginState, loginResponse } = await this.opaque.startLogin(
      user.id,
      user.opaqueRecord,
      startLoginRequest,
    );
    const id = randomBytes(32).toString('base64url');
    const state: ReauthState = {
      userId,
      sessionId,
      serverLoginState,
      credentialsVersion: user.credentialsVersion,
    };
    await this.cache.set(`reauth:${id}`, JSON.stringify(state), REAUTH_TTL_MS);
    return { reauth_id: id, login_response: loginResponse, ksf: user.ksf };
  }

  /**
   * Checks the proof once (the state is taken) and returns the credentials version it was
   * made against; a wrong password counts towards the address's lockout.
   */
  async prove(userId: string, reauthId: string, finishLoginRequest: string): Promise<number> {
    const stored = await this.cache.take(`reauth:${reauthId}`);
    const state = stored ? (JSON.parse(stored) as ReauthState) : undefined;
    if (!state || state.userId !== userId) throw new AppError('LOGIN_EXPIRED', 401);
    // A failure was counted when the round started.
    if (!(await this.opaque.finishLogin(state.serverLoginState, finishLoginRequest))) {
      throw new AppError('INVALID_CREDENTIALS', 401);
    }
    const { emailLookup } = await this.user(userId);
    await this.lockout.clear(emailLookup, sessionClient(userId, state.sessionId));
    return state.credentialsVersion;
  }

  /**
   * A step-up: the password proof, then the second factor when 2FA is on (`MFA_REQUIRED`
   * without one). Returns the credentials version the proof was made against.
   */
  async proveWithFactor(
    userId: string,
    proof: { reauth_id: string; finish_login_request: string } & Partial<SecondFactor>,
  ): Promise<number> {
    const version = await this.prove(userId, proof.reauth_id, proof.finish_login_request);
    await this.totp.verify(userId, { totp_code: proof.totp_code, backup_code: proof.backup_code });
    return version;
  }
}

const sessionClient = (userId: string, sessionId: string): LoginClient => ({
  userId,
  sessionId,
  ip: '',
});

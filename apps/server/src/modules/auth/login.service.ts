import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_KSF } from '@cardcoop/contracts';
import type { InitiateLoginResult, Ksf, LoginResult, SymmetricEnvelope } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { normalizeEmail, ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { AccountsRepository } from './accounts.repository.js';
import { AuthLimits } from './auth-limits.js';
import { OpaqueService } from './opaque.service.js';

/** The server half of an OPAQUE login lives one minute and can be used once. */
const LOGIN_STATE_TTL_MS = 60_000;

interface LoginState {
  serverLoginState: string;
  emailLookup: string;
  /** null for an unknown address: the login runs on a decoy to its inevitable failure. */
  userId: string | null;
}

export interface CompleteLoginInput {
  loginId: string;
  finishLoginRequest: string;
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
  ): Promise<InitiateLoginResult> {
    const email = normalizeEmail(rawEmail);
    const emailLookup = this.crypto.lookup('email', email);
    await this.limits.hit('loginPerIp', ip);
    await this.limits.hit('loginPerEmail', emailLookup);
    await this.limits.assertNotLocked(emailLookup);
    const user = await this.accounts.findByEmailLookups(this.crypto.lookups('email', email));
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

  /** OPAQUE round two: the state is taken (get-and-delete), so a replayed login id is refused. */
  async complete(input: CompleteLoginInput): Promise<LoginResult> {
    const stored = await this.cache.take(`login:${input.loginId}`);
    if (!stored) throw new AppError('LOGIN_EXPIRED', 401);
    const state = JSON.parse(stored) as LoginState;
    const proven = await this.opaque.finishLogin(state.serverLoginState, input.finishLoginRequest);
    const user = proven && state.userId ? await this.accounts.findById(state.userId) : undefined;
    if (!user) {
      const locked = await this.limits.recordFailure(state.emailLookup);
      if (state.userId) {
        await this.audit.record(state.userId, 'login.failed', { locked }, input.ip);
      }
      throw new AppError('INVALID_CREDENTIALS', 401);
    }
    await this.limits.clearFailures(state.emailLookup);
    const tokens = await this.sessions.open({
      userId: user.id,
      amr: ['pwd'],
      deviceName: input.deviceName,
      ip: input.ip,
    });
    await this.audit.record(
      user.id,
      'login.succeeded',
      { session_id: tokens.session_id },
      input.ip,
    );
    return { ...tokens, wrapped_user_key: user.wrappedUserKey as SymmetricEnvelope };
  }
}

import { initiateLoginResultSchema, loginResultSchema } from '@cardcoop/contracts';
import type { ConnectVisit } from '@cardcoop/contracts';
import { deriveKek } from '../crypto/keys.js';
import { unwrapUserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { HttpClient } from '../http.js';
import {
  assertServerKey,
  AUTH_PATH,
  invalidCredentials,
  parseResponse,
  runOpaqueStep,
  wireFactor,
} from './common.js';
import type { MemberSession } from './common.js';
import { inThreadOpaque } from './opaque-runner.js';
import type { OpaqueRunner } from './opaque-runner.js';

/**
 * A second factor: a TOTP code or one of the single-use backup codes.
 *
 * @example
 * ```ts
 * const factor: SecondFactor = useBackup ? { backupCode: 'abcd-efgh' } : { totpCode: '123456' };
 * ```
 */
export type SecondFactor = { totpCode: string } | { backupCode: string };

/**
 * Input of {@link login}.
 *
 * @example
 * ```ts
 * const input: LoginInput = { email, password, deviceName: 'Firefox on Linux' };
 * ```
 */
export interface LoginInput {
  email: string;
  password: string;
  /** Send a second factor up front (e.g. a CLI); a wrong one throws `INVALID_MFA_CODE`. */
  totpCode?: string;
  backupCode?: string;
  deviceName?: string;
  /**
   * The device token a previous login on this device returned ({@link MemberSession.deviceToken}):
   * with it this device keeps a lockout allowance of its own while strangers guess the password.
   */
  deviceToken?: string;
  /** The pinned OPAQUE public key of the server; the login stops if the server's differs. */
  expectedServerPublicKey?: string;
  /** Where OPAQUE and argon2id run; in this thread by default. */
  opaque?: OpaqueRunner;
  /** Signing in on a cooperative's connect page: its visit, for the cooperative's statistics. */
  connect?: ConnectVisit;
}

/**
 * The rest of a login that needs a second factor. The password proof is already done: `complete`
 * only resends it with the code, without running argon2id again. It can be called again after
 * `INVALID_MFA_CODE`, until the server answers `LOGIN_EXPIRED` (then start over with `login`).
 *
 * @example
 * ```ts
 * const session = await outcome.mfa.complete({ totpCode: '123456' });
 * ```
 */
export interface MfaChallenge {
  complete(factor: SecondFactor): Promise<MemberSession>;
}

/**
 * What {@link login} ends with: a session, or a request for the second factor.
 *
 * @example
 * ```ts
 * const session =
 *   outcome.status === 'authenticated'
 *     ? outcome.session
 *     : await outcome.mfa.complete({ totpCode: await askForCode() });
 * ```
 */
export type LoginOutcome =
  | { status: 'authenticated'; session: MemberSession }
  | { status: 'mfa_required'; mfa: MfaChallenge };

/**
 * Signs in with OPAQUE and unlocks the user key: the password never leaves the client, the KSF
 * is the one the server stored for the account, and the wrapped user key returned after login is
 * opened with the KEK derived from the OPAQUE export key.
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong e-mail or password (the same code either
 * way); `SERVER_KEY_MISMATCH` when the server's key is not the pinned one (nothing is sent then);
 * `DECRYPTION_FAILED` when the stored wrap does not open; server codes such as `RATE_LIMITED`.
 * @example
 * ```ts
 * let outcome = await login(http, { email, password, expectedServerPublicKey: pinned });
 * if (outcome.status === 'mfa_required') {
 *   const session = await outcome.mfa.complete({ totpCode: await askForCode() });
 *   outcome = { status: 'authenticated', session };
 * }
 * const { tokens, userKey } = outcome.session;
 * ```
 */
export async function login(http: HttpClient, input: LoginInput): Promise<LoginOutcome> {
  const runner = input.opaque ?? inThreadOpaque;
  const { clientLoginState, startLoginRequest } = await runner.startLogin(input.password);
  // The contract's ksfSchema refuses stretching below 8 MiB even if the server asks for it.
  const started = parseResponse(
    initiateLoginResultSchema,
    await http.request(`${AUTH_PATH}/initiate-login`, {
      method: 'POST',
      body: {
        email: input.email,
        start_login_request: startLoginRequest,
        device_token: input.deviceToken,
      },
    }),
    'initiate-login',
  );
  const finished = await runOpaqueStep(() =>
    runner.finishLogin({
      password: input.password,
      clientLoginState,
      loginResponse: started.login_response,
      ksf: started.ksf,
    }),
  );
  if (!finished) throw invalidCredentials();
  assertServerKey(input.expectedServerPublicKey, finished.serverStaticPublicKey);
  const kek = await deriveKek(finished.exportKey);

  const completeLogin = async (factor: SecondFactor | undefined): Promise<MemberSession> => {
    const result = parseResponse(
      loginResultSchema,
      await http.request(`${AUTH_PATH}/complete-login`, {
        method: 'POST',
        body: {
          login_id: started.login_id,
          finish_login_request: finished.finishLoginRequest,
          ...wireFactor(factor),
          device_name: input.deviceName,
          connect: input.connect,
        },
      }),
      'complete-login',
    );
    const { wrapped_user_key, device_token, ...tokens } = result;
    const userKey = await unwrapUserKey(kek, wrapped_user_key, tokens.user_id);
    return {
      tokens,
      userKey,
      serverStaticPublicKey: finished.serverStaticPublicKey,
      ...(device_token ? { deviceToken: device_token } : {}),
    };
  };

  try {
    return { status: 'authenticated', session: await completeLogin(upFrontFactor(input)) };
  } catch (error) {
    if (!(error instanceof CardCoopError) || error.code !== 'MFA_REQUIRED') throw error;
    return { status: 'mfa_required', mfa: { complete: (factor) => completeLogin(factor) } };
  }
}

function upFrontFactor({ totpCode, backupCode }: LoginInput): SecondFactor | undefined {
  if (totpCode !== undefined) return { totpCode };
  if (backupCode !== undefined) return { backupCode };
  return undefined;
}

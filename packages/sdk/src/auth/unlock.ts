import { tokenResponseSchema, unlockedSchema } from '@cardcoop/contracts';
import type { TokenResponse } from '@cardcoop/contracts';
import { deriveKek } from '../crypto/keys.js';
import { unwrapUserKey } from '../crypto/user-key.js';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { HttpClient } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { reauthenticate } from './change-email.js';
import { AUTH_PATH, parseResponse } from './common.js';
import type { OpaqueRunner } from './opaque-runner.js';

/**
 * Picks up the web app's session after a reload: the browser sends its HttpOnly refresh cookie
 * (the client must be made with `refreshTokenCookie: true`) and gets fresh tokens. The user key
 * is not among them: {@link unlock} it with the password, or open the device's trusted copy.
 *
 * @returns undefined when there is no live session to resume.
 * @example
 * ```ts
 * const http = new HttpClient({ baseUrl: location.origin, refreshTokenCookie: true });
 * const tokens = await resumeSession(http);
 * if (tokens) showLockedScreen(new MemberSessionManager(http, { tokens }));
 * ```
 */
export async function resumeSession(http: HttpClient): Promise<TokenResponse | undefined> {
  // In a browser the server's readable hint cookie says whether a session may be there at all.
  const cookies = (globalThis as { document?: { cookie?: string } }).document?.cookie;
  if (cookies !== undefined && !/(^|;\s*)__Host-cardcoop_session=1(;|$)/.test(cookies)) {
    return undefined;
  }
  try {
    return parseResponse(
      tokenResponseSchema,
      await http.request(`${AUTH_PATH}/refresh-token`, { method: 'POST', body: {} }),
      'refresh-token',
    );
  } catch (error) {
    if (error instanceof CardCoopError && error.status === 401) return undefined;
    throw error;
  }
}

/**
 * Opens the user key of a live session with the password (the "locked" screen after a reload):
 * an OPAQUE proof over `reauth/initiate` + `POST /auth/unlock`, which answers with the wrapped
 * user key; the KEK is derived here from the OPAQUE export key. No new session is made.
 *
 * @throws CardCoopError `INVALID_CREDENTIALS` for a wrong password (counted towards lockout);
 * `DECRYPTION_FAILED` when the wrapped key does not open.
 * @example
 * ```ts
 * const userKey = await unlock(member.session, password);
 * const unlocked = memberClient(member.session, { userKey });
 * ```
 */
export async function unlock(
  session: MemberSessionManager,
  password: string,
  options: { opaque?: OpaqueRunner; expectedServerPublicKey?: string } = {},
): Promise<UserKey> {
  const { exportKey, ...proof } = await reauthenticate(session, password, options);
  const unlocked = parseResponse(
    unlockedSchema,
    await session.request(`${AUTH_PATH}/unlock`, { method: 'POST', body: proof }),
    'unlock',
  );
  return unwrapUserKey(await deriveKek(exportKey), unlocked.wrapped_user_key, unlocked.user_id);
}

import { ksfSchema } from '@cardcoop/contracts';
import type { Ksf, TokenResponse } from '@cardcoop/contracts';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';

export const AUTH_PATH = '/api/v1/auth';

/**
 * A signed-in, unlocked member: the server's tokens and the user key, in memory only.
 *
 * @example
 * ```ts
 * const { tokens, userKey, serverStaticPublicKey } = session;
 * headers.authorization = `Bearer ${tokens.access_token}`;
 * ```
 */
export interface MemberSession {
  tokens: TokenResponse;
  userKey: UserKey;
  /** The server's OPAQUE public key seen in this run; pin it for the next logins. */
  serverStaticPublicKey: string;
  /** From a login: pass it as `deviceToken` to the next logins on this device. */
  deviceToken?: string;
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/** A 2xx answer that does not match the contract is INVALID_RESPONSE, never used as-is. */
export function parseResponse<T>(schema: Schema<T>, payload: unknown, endpoint: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw new CardCoopError('INVALID_RESPONSE', `Unexpected answer from ${endpoint}.`, {
    status: 200,
    cause: parsed.error,
  });
}

export function assertServerKey(expected: string | undefined, actual: string): void {
  if (expected !== undefined && expected !== actual) {
    throw new CardCoopError(
      'SERVER_KEY_MISMATCH',
      "The server's OPAQUE public key is not the pinned one.",
      { status: 0 },
    );
  }
}

/** The library throws when the server's OPAQUE message cannot even be parsed. */
export async function runOpaqueStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof CardCoopError) throw cause;
    throw new CardCoopError('INVALID_RESPONSE', "The server's OPAQUE message is malformed.", {
      status: 200,
      cause,
    });
  }
}

/** Refuses KSF parameters the contract does not accept, before anything is sent. */
export function checkKsf(ksf: Ksf): Ksf {
  const parsed = ksfSchema.safeParse(ksf);
  if (parsed.success) return parsed.data;
  throw new CardCoopError('VALIDATION_FAILED', 'Unacceptable key stretching parameters.', {
    status: 0,
    issues: parsed.error.issues.map((issue) => ({
      path: ['ksf', ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })),
    cause: parsed.error,
  });
}

/** A second factor as the wire's `totp_code` / `backup_code` (at most one of them). */
export function wireFactor(factor: { totpCode?: string; backupCode?: string } | undefined): {
  totp_code?: string;
  backup_code?: string;
} {
  if (factor?.totpCode !== undefined) return { totp_code: factor.totpCode };
  if (factor?.backupCode !== undefined) return { backup_code: factor.backupCode };
  return {};
}

/** `INVALID_CREDENTIALS`, the answer to a wrong password (OPAQUE's finishLogin gave nothing). */
export function invalidCredentials(message = 'Wrong e-mail or password.'): CardCoopError {
  return new CardCoopError('INVALID_CREDENTIALS', message, { status: 0 });
}

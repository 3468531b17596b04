import type { ErrorCode, ValidationIssue } from '@cardcoop/contracts';

/**
 * Server codes, plus failures the client detects itself:
 * - `NETWORK_ERROR`: no response arrived; `INVALID_RESPONSE`: a response the SDK cannot use.
 * - `DECRYPTION_FAILED`: an envelope did not open (wrong key, moved record, changed header).
 * - `INVALID_RECOVERY_KEY`: not a recovery key, or its checksum shows a typo.
 * - `SERVER_KEY_MISMATCH`: the server's OPAQUE public key is not the pinned one.
 * - `SCHEMA_MISMATCH`: the server's card schema (`$id`) is not the one bundled in the client, or
 *   a card was written in a newer format than this client knows.
 * - `STALE_CARD`: the server returned an older card revision than this device has already seen
 *   (a rollback, refused).
 * - `UNTRUSTED_COOPERATIVE_KEY`: the cooperative's data key certificate does not verify, is for
 *   another cooperative, its fingerprint differs from the one shown, or it is not signed by the
 *   cooperative's account key on chain; nothing is sealed to it.
 * - `UNTRUSTED_MEMBER_SIGNATURE`: an opened share is not a valid signed share, its K1 signature
 *   does not verify or is not by the member's expected key, or it names another cooperative or
 *   member (cooperative side).
 *
 * A wrong password is `INVALID_CREDENTIALS`, like the server's answer for an unknown e-mail.
 *
 * @example
 * ```ts
 * const messages: Partial<Record<CardCoopErrorCode, string>> = {
 *   INVALID_CREDENTIALS: 'Wrong e-mail or password.',
 * };
 * ```
 */
export type CardCoopErrorCode =
  | ErrorCode
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | 'DECRYPTION_FAILED'
  | 'INVALID_RECOVERY_KEY'
  | 'SERVER_KEY_MISMATCH'
  | 'SCHEMA_MISMATCH'
  | 'STALE_CARD'
  | 'UNTRUSTED_COOPERATIVE_KEY'
  | 'UNTRUSTED_MEMBER_SIGNATURE';

/**
 * Every failure of an SDK call. `code` is stable and matches the server's; `message` is
 * human-readable in the language the client asked for.
 *
 * @example
 * ```ts
 * try {
 *   await client.health.ready();
 * } catch (error) {
 *   if (error instanceof CardCoopError && error.code === 'RATE_LIMITED') {
 *     await sleep((error.retryAfterSeconds ?? 1) * 1000);
 *   }
 * }
 * ```
 */
export class CardCoopError extends Error {
  override readonly name = 'CardCoopError';

  constructor(
    readonly code: CardCoopErrorCode,
    message: string,
    readonly details: {
      /** HTTP status, or 0 when no response arrived or the client found the problem itself. */
      status: number;
      requestId?: string;
      /** Field-level problems of a VALIDATION_FAILED error. */
      issues?: ValidationIssue[];
      /** Seconds to wait before retrying, from `Retry-After`. */
      retryAfterSeconds?: number;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
  }

  get status(): number {
    return this.details.status;
  }

  get requestId(): string | undefined {
    return this.details.requestId;
  }

  get retryAfterSeconds(): number | undefined {
    return this.details.retryAfterSeconds;
  }
}

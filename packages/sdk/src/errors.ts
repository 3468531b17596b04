import type { ErrorCode, ValidationIssue } from '@cardcoop/contracts';

/** Server codes, plus the two failures that happen before a server could answer. */
export type CardCoopErrorCode = ErrorCode | 'NETWORK_ERROR' | 'INVALID_RESPONSE';

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
      /** HTTP status, or 0 when no response arrived. */
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

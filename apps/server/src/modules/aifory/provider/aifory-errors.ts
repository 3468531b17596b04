import { AppError } from '../../../common/errors/app-error.js';

/**
 * A definite answer of Aifory refusing the call (4xx with its `error.code`:
 * `insufficient_master_balance`, `card_frozen`, `not_found`, `request_id_reused`, `unauthorized`,
 * …). Never retried: asking again gets the same answer.
 */
export class AiforyError extends Error {
  readonly retryable = false as const;

  constructor(
    readonly operation: string,
    readonly code: string,
    readonly status: number,
    message = code,
  ) {
    super(`Aifory ${operation}: ${code} (${status}): ${message}`);
    this.name = 'AiforyError';
  }
}

/**
 * No usable answer from Aifory: the breaker is open, the connection failed, or the call got a
 * 5xx, a timeout or a malformed answer after its retries. Retryable later. For the two money
 * calls this class itself means the request never left (breaker open, connection refused); one
 * that may have arrived is the subclass AiforyOutcomeUnknown. Other calls are safe to repeat
 * (reads, and freeze/unfreeze/limits set an end state).
 */
export class AiforyUnavailable extends Error {
  readonly retryable = true as const;

  constructor(
    readonly operation: string,
    /** `circuit_open`, `timeout`, `network`, `server_error`, `malformed`, `not_configured`. */
    readonly reason: string,
    /** When to ask again; the breaker's cool-down left when it is open. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`Aifory ${operation} unavailable: ${reason}`, options);
    this.name = 'AiforyUnavailable';
  }
}

/**
 * A money call (`cards/order`, `cards/deposit/order`) that may have reached Aifory and got no
 * usable answer (timeout, 5xx, connection lost, malformed answer). The money may have moved: keep
 * the operation pending and settle it by its `request_id` (`depositStatus`, or ordering again).
 */
export class AiforyOutcomeUnknown extends AiforyUnavailable {
  constructor(
    operation: string,
    reason: string,
    retryAfterSeconds: number,
    readonly requestId: string,
    options?: { cause?: unknown },
  ) {
    super(operation, reason, retryAfterSeconds, options);
    this.name = 'AiforyOutcomeUnknown';
  }
}

/**
 * The HTTP answer of a caller that could not reach Aifory: 503 PROVIDER_UNAVAILABLE with
 * `Retry-After`. Any other error is returned unchanged (rethrow it).
 */
export function providerUnavailableError(error: unknown): unknown {
  if (!(error instanceof AiforyUnavailable)) return error;
  const retryAfter = Math.max(1, Math.ceil(error.retryAfterSeconds));
  return new AppError('PROVIDER_UNAVAILABLE', 503, {
    params: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
    cause: error,
  });
}

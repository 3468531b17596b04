/**
 * Thrown by an idempotent handler when money may have moved but its outcome is not known yet
 * (the provider timed out after the request left). The key stays `in_progress` — a retry must
 * not run the handler again — and the caller gets 503 with Retry-After.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    message = 'outcome unknown',
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutcomeUnknownError';
  }
}

import type { ErrorCode, ValidationIssue } from '@cardcoop/contracts';

export interface AppErrorOptions {
  /** Values for the message placeholders, e.g. `{ retryAfter: 30 }`. */
  params?: Record<string, string | number>;
  /** Response headers that belong to this error, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  /** Which fields were wrong (VALIDATION_FAILED), as the body's `details`. */
  details?: ValidationIssue[];
  cause?: unknown;
}

/** An expected failure with a stable code; the exception filter turns it into the error body. */
export class AppError extends Error {
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;
  readonly details: ValidationIssue[] | undefined;

  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    options: AppErrorOptions = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.params = options.params ?? {};
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

/** A 429 that tells the client when to come back (`Retry-After`, and `{retryAfter}` in the message). */
export function tooManyRequests(
  code: 'RATE_LIMITED' | 'TOO_MANY_ATTEMPTS',
  seconds: number,
): AppError {
  const retryAfter = Math.max(1, Math.ceil(seconds));
  return new AppError(code, 429, {
    params: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** Whether a database error (or its cause chain) is a unique-constraint violation (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return violatedUniqueConstraint(error) !== undefined;
}

/**
 * The name of the unique constraint a write violated (`''` when the driver does not say), or
 * undefined when the error is not a unique violation. Looks through `cause` chains, as Drizzle
 * wraps driver errors.
 */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  }
  return undefined;
}

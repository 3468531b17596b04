import type { ErrorCode } from '@cardcoop/contracts';

export interface AppErrorOptions {
  /** Values for the message placeholders, e.g. `{ retryAfter: 30 }`. */
  params?: Record<string, string | number>;
  /** Response headers that belong to this error, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** An expected failure with a stable code; the exception filter turns it into the error body. */
export class AppError extends Error {
  readonly params: Record<string, string | number>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    options: AppErrorOptions = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.params = options.params ?? {};
    this.headers = options.headers ?? {};
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { ErrorCode, ValidationIssue } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { StoredIdempotentResponse } from '../../db/schema/index.js';
import { requestHash } from './canonical-json.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { OutcomeUnknownError } from './outcome-unknown.js';

export interface IdempotentResponse<T = unknown> {
  status: number;
  body: T;
}

export interface IdempotentResult<T = unknown> extends IdempotentResponse<T> {
  /** True when this is the stored answer of an earlier request with the key. */
  replayed: boolean;
}

const KEY = /^[A-Za-z0-9_\-:.]{8,255}$/;
const POLL_MS = 100;

function retryLater(code: 'IDEMPOTENCY_IN_PROGRESS' | 'SERVICE_UNAVAILABLE', seconds: number) {
  const retryAfter = Math.max(1, Math.ceil(seconds));
  return new AppError(code, code === 'SERVICE_UNAVAILABLE' ? 503 : 409, {
    params: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** A client error worth replaying: 4xx except 408/429 (those mean "try again later"). */
const storable = (error: unknown): error is AppError =>
  error instanceof AppError &&
  error.statusCode >= 400 &&
  error.statusCode < 500 &&
  error.statusCode !== 408 &&
  error.statusCode !== 429;

/**
 * `Idempotency-Key` for money-moving requests (ADR 021): the first request with a key runs, its
 * answer (or client error) is stored and replayed to every retry with the same body.
 */
@Injectable()
export class IdempotencyService {
  /** How long a retry waits for the first request to finish before 409 IN_PROGRESS. */
  waitMs = 5000;

  constructor(@Inject(IdempotencyRepository) private readonly keys: IdempotencyRepository) {}

  /**
   * Runs `handler` once per (scope, key). A missing or malformed key is 422; the same key with
   * another body is 409 IDEMPOTENCY_KEY_REUSED; a retry while the first still runs waits up to
   * `waitMs`, then 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. A 5xx/unknown error frees the
   * key for a retry, unless the handler threw OutcomeUnknownError: then the key stays taken and
   * the answer is 503 with Retry-After (settled later through `complete`).
   */
  async run<T>(
    scope: string,
    key: string | undefined,
    request: unknown,
    handler: () => Promise<IdempotentResponse<T>>,
  ): Promise<IdempotentResult<T>> {
    validateKey(key);
    const hash = requestHash(request);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      if (await this.keys.take(scope, key, hash)) return this.first(scope, key, hash, handler);
      const row = await this.keys.find(scope, key);
      if (!row) continue; // freed by a failed first request: take it
      if (row.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED', 409);
      if (row.status === 'done') return replay<T>(row.responseStatus!, row.response!);
      if (Date.now() >= deadline) throw retryLater('IDEMPOTENCY_IN_PROGRESS', 1);
      await sleep(POLL_MS);
    }
  }

  /** Stores the final answer of a key left `in_progress` by an OutcomeUnknownError. */
  async complete(scope: string, key: string, response: IdempotentResponse): Promise<boolean> {
    return this.keys.store(scope, key, response.status, { kind: 'ok', body: response.body });
  }

  private async first<T>(
    scope: string,
    key: string,
    hash: string,
    handler: () => Promise<IdempotentResponse<T>>,
  ): Promise<IdempotentResult<T>> {
    let response: IdempotentResponse<T>;
    try {
      response = await handler();
    } catch (error) {
      if (storable(error)) {
        await this.keys.store(scope, key, error.statusCode, {
          kind: 'error',
          code: error.code,
          params: error.params,
          headers: error.headers,
          ...(error.details ? { details: error.details } : {}),
        });
        throw error;
      }
      if (error instanceof OutcomeUnknownError) {
        throw retryLater('SERVICE_UNAVAILABLE', error.retryAfterSeconds);
      }
      await this.keys.release(scope, key, hash);
      throw error;
    }
    // Everyone gets the JSON of the body, the first caller included.
    const body = JSON.parse(JSON.stringify(response.body ?? null)) as T;
    await this.keys.store(scope, key, response.status, { kind: 'ok', body });
    return { status: response.status, body, replayed: false };
  }
}

function validateKey(key: string | undefined): asserts key is string {
  if (key !== undefined && KEY.test(key)) return;
  throw new AppError('VALIDATION_FAILED', 422, {
    details: [
      {
        path: 'Idempotency-Key',
        code: key === undefined ? 'invalid_type' : 'invalid_string',
        message: 'Idempotency-Key: 8 to 255 characters of A-Z a-z 0-9 _ - : .',
      },
    ],
  });
}

function replay<T>(status: number, stored: StoredIdempotentResponse): IdempotentResult<T> {
  if (stored.kind === 'error') {
    throw new AppError(stored.code as ErrorCode, status, {
      params: stored.params ?? {},
      headers: stored.headers ?? {},
      ...(stored.details ? { details: stored.details as ValidationIssue[] } : {}),
    });
  }
  return { status, body: stored.body as T, replayed: true };
}

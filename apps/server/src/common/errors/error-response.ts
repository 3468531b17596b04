import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import type { ErrorBody, ErrorCode, ValidationIssue } from '@cardcoop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeFrom } from '../i18n/locale.js';
import { redactUrl } from '../logging/redact.js';
import { AppError } from './app-error.js';
import { translate } from './messages.js';
import { dependencyOutage } from './outage.js';

/** When to come back after an outage of the database or the cache. */
const OUTAGE_RETRY_AFTER_SECONDS = 5;
/** An outage is logged once per dependency in this time, with the count of requests it refused. */
const OUTAGE_LOG_EVERY_MS = 10_000;
const outageLog = new Map<string, { at: number; refused: number }>();

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

interface Classified {
  statusCode: number;
  code: ErrorCode;
  params: Record<string, string | number>;
  headers: Record<string, string>;
  details?: ValidationIssue[];
  /** Set when a dependency is unreachable. */
  outage?: 'database' | 'cache';
}

function zodIssues(exception: ZodValidationException): ValidationIssue[] {
  const error = exception.getZodError() as {
    issues?: { path: PropertyKey[]; code: string; message: string }[];
  };
  return (error.issues ?? []).map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/** Fastify's own errors (body parsing, limits) carry a statusCode of their own. */
function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function classify(error: unknown): Classified | undefined {
  if (error instanceof AppError) {
    return {
      statusCode: error.statusCode,
      code: error.code,
      params: error.params,
      headers: error.headers,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof ZodValidationException) {
    return {
      statusCode: 422,
      code: 'VALIDATION_FAILED',
      params: {},
      headers: {},
      details: zodIssues(error),
    };
  }
  const outage = dependencyOutage(error);
  if (outage) {
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      params: {},
      headers: { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS) },
      outage,
    };
  }
  const status = error instanceof HttpException ? error.getStatus() : httpStatusOf(error);
  if (status === undefined || status >= 500) return undefined;
  return {
    statusCode: status,
    code: CODE_BY_STATUS[status] ?? 'MALFORMED_REQUEST',
    params: {},
    headers: {},
  };
}

/**
 * Writes the one error body every endpoint uses. Expected errors keep their status and code;
 * anything else becomes a 500 whose stack goes to the log under an error id, never to the client.
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const locale = localeFrom(request.headers['accept-language']);
  const known = classify(error);
  const errorId = known ? undefined : randomUUID();
  const statusCode = known?.statusCode ?? 500;
  const code = known?.code ?? 'INTERNAL_ERROR';
  const body: ErrorBody = {
    statusCode,
    code,
    message: translate(code, locale, { ...known?.params, ...(errorId ? { errorId } : {}) }),
    path: redactUrl(request.url),
    requestId: String(request.id),
    ...(errorId ? { errorId } : {}),
    ...(known?.details ? { details: known.details } : {}),
  };
  const detail = { headers: request.headers, body: request.body };
  if (known?.outage) {
    logOutage(request, known.outage, error);
  } else if (errorId) {
    request.log.error(
      { errorCode: code, statusCode, errorId, err: error, ...detail },
      'unhandled error',
    );
  } else {
    // Refusals are routine (scans, typos): one line at info, the redacted request only at debug.
    request.log.info({ errorCode: code, statusCode }, 'request refused');
    request.log.debug(detail, 'refused request');
  }
  if (reply.sent) return;
  // Every 503 says when to come back.
  const headers =
    statusCode === 503
      ? { 'Retry-After': String(OUTAGE_RETRY_AFTER_SECONDS), ...known?.headers }
      : (known?.headers ?? {});
  void reply.headers(headers).code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** One warning per dependency every 10 s while it is away, not an error per request. */
function logOutage(request: FastifyRequest, outage: string, error: unknown): void {
  const now = Date.now();
  const state = outageLog.get(outage);
  if (state && now - state.at < OUTAGE_LOG_EVERY_MS) {
    state.refused += 1;
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  request.log.warn(
    { outage, refusedSinceLastWarning: state?.refused ?? 0, reason: message },
    `${outage} unavailable: answering 503`,
  );
  outageLog.set(outage, { at: now, refused: 0 });
}

import { aiforyFailureSchema, type AIFORY_OPERATIONS } from '@cardcoop/contracts';
import { z } from 'zod';
import { AiforyError } from './aifory-errors.js';
import type { AiforyOutcome } from './aifory-metrics.js';

type Spec = (typeof AIFORY_OPERATIONS)[keyof typeof AIFORY_OPERATIONS];

/** How one HTTP attempt ended. `maybeReached`: the provider may have acted on it. */
export type AttemptResult =
  | { kind: 'ok'; result: unknown }
  | { kind: 'refused'; error: AiforyError }
  | {
      kind: 'failed';
      reason: Exclude<AiforyOutcome, 'ok' | 'business_error' | 'circuit_open'>;
      maybeReached: boolean;
      cause?: unknown;
    };

export interface AttemptRequest {
  url: string;
  operation: string;
  spec: Spec;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

// Connection failures that mean the request never left this machine.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCode(error: unknown): string | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

function failedOf(error: unknown): AttemptResult {
  if (isTimeout(error))
    return { kind: 'failed', reason: 'timeout', maybeReached: true, cause: error };
  const code = causeCode(error);
  return {
    kind: 'failed',
    reason: 'network',
    maybeReached: !(code && NOT_SENT.has(code)),
    cause: error,
  };
}

/**
 * One signed POST and the reading of its answer. Never throws: a network error, a timeout (of
 * the connection or the body), a 5xx and an answer the schemas refuse are all `failed`.
 * Response bodies are never put into errors (a requisites answer carries the PAN).
 */
export async function attempt(request: AttemptRequest): Promise<AttemptResult> {
  let status: number;
  let text: string;
  try {
    const response = await request.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    return failedOf(error);
  }
  if (status >= 500) return { kind: 'failed', reason: 'server_error', maybeReached: true };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'failed', reason: 'malformed', maybeReached: true };
  }
  const failure = aiforyFailureSchema.safeParse(json);
  if (failure.success && status >= 400) {
    const { code, message } = failure.data.error;
    return { kind: 'refused', error: new AiforyError(request.operation, code, status, message) };
  }
  const success = z
    .object({ ok: z.literal(true), result: request.spec.result as z.ZodType })
    .safeParse(json);
  if (success.success && status >= 200 && status < 300)
    return { kind: 'ok', result: success.data.result };
  return { kind: 'failed', reason: 'malformed', maybeReached: true };
}

import { errorBodySchema } from '@cardcoop/contracts';
import { CardCoopError } from './errors.js';

/**
 * Language of the server's error messages.
 *
 * @example
 * ```ts
 * const language: Language = navigator.language.startsWith('ru') ? 'ru' : 'en';
 * ```
 */
export type Language = 'ru' | 'en';

/**
 * Where and how the SDK talks to the server.
 *
 * @example
 * ```ts
 * const options: HttpOptions = { baseUrl: 'https://id.card.coop', language: 'en', fetch };
 * ```
 */
export interface HttpOptions {
  /** Origin of the card.coop server, e.g. `https://id.card.coop`. */
  baseUrl: string;
  /** Language of error messages; Russian by default. */
  language?: Language;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof globalThis.fetch;
  /**
   * The card.coop web app only: identify as `web`, so the server keeps the refresh token in an
   * HttpOnly `__Host-` cookie instead of the response body (same origin only).
   */
  refreshTokenCookie?: boolean;
}

/**
 * One request of {@link HttpClient.request}.
 *
 * @example
 * ```ts
 * await http.request('/api/v1/auth/initiate-login', { method: 'POST', body: { email } });
 * ```
 */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Statuses other than 2xx that carry a regular answer (e.g. 503 from readiness). */
  acceptStatus?: number[];
  signal?: AbortSignal;
  /** Extra headers, e.g. `authorization` (added by the member session, never logged). */
  headers?: Record<string, string>;
  /** A raw body sent as is with its own type instead of JSON (a document upload, ADR 020). */
  raw?: { data: Blob | Uint8Array; contentType: string };
  /** `bytes`: answer the body's bytes and headers (a download) instead of parsed JSON. */
  responseType?: 'json' | 'bytes';
}

/** A downloaded body (`responseType: 'bytes'`). */
export interface BytesResponse {
  bytes: Uint8Array;
  headers: Headers;
}

/** Marks requests as coming from a script, never from a plain cross-site form. */
const CLIENT_HEADER = 'x-cardcoop-client';

/**
 * The transport under every SDK resource: JSON in, JSON out, typed errors. The auth flows take
 * one as their first argument.
 *
 * @example
 * ```ts
 * const http = new HttpClient({ baseUrl: 'https://id.card.coop', language: 'en' });
 * const outcome = await login(http, { email, password });
 * ```
 */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof globalThis.fetch;
  private readonly client: 'web' | 'sdk';
  readonly language: Language;

  constructor(options: HttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.language = options.language ?? 'ru';
    this.client = options.refreshTokenCookie ? 'web' : 'sdk';
    // Bound, so a browser's fetch is not called with the client as `this`.
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      ...options.headers,
      accept: 'application/json',
      'accept-language': this.language,
      [CLIENT_HEADER]: this.client,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.raw) headers['content-type'] = options.raw.contentType;
    if (options.responseType === 'bytes') headers.accept = '*/*';
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: options.method ?? 'GET',
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.raw ? { body: options.raw.data as BodyInit } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (cause) {
      throw new CardCoopError('NETWORK_ERROR', 'The server could not be reached.', {
        status: 0,
        cause,
      });
    }
    if (options.responseType === 'bytes' && response.ok) {
      const bytes: BytesResponse = {
        bytes: new Uint8Array(await response.arrayBuffer()),
        headers: response.headers,
      };
      return bytes as T;
    }
    const payload = await readJson(response);
    if (response.ok || options.acceptStatus?.includes(response.status)) return payload as T;
    throw toError(response, payload);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CardCoopError(
      'INVALID_RESPONSE',
      `Expected JSON, got ${response.headers.get('content-type') ?? 'nothing'}.`,
      {
        status: response.status,
        cause,
      },
    );
  }
}

function toError(response: Response, payload: unknown): CardCoopError {
  const parsed = errorBodySchema.safeParse(payload);
  if (!parsed.success) {
    return new CardCoopError(
      'INVALID_RESPONSE',
      `Unexpected error response (HTTP ${response.status}).`,
      {
        status: response.status,
      },
    );
  }
  const body = parsed.data;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new CardCoopError(body.code as CardCoopError['code'], body.message, {
    status: body.statusCode,
    requestId: body.requestId,
    ...(body.details ? { issues: body.details } : {}),
    ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}

/**
 * `path` with the query's defined values as its search string (none: `path` as it is).
 *
 * @example
 * ```ts
 * withQuery('/api/v1/meetings', { when: 'past', after: undefined }); // '/api/v1/meetings?when=past'
 * ```
 */
export function withQuery(path: string, query: object): string {
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([key, value]: [string, unknown]) =>
      value === undefined ? [] : [[key, String(value)]],
    ),
  ).toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Every item of a keyset-paged list: `page` is called with each answer's `next_cursor` as the
 * next `cursor` (undefined first) until it is null.
 */
export async function everyPage<P extends { next_cursor: string | null }, T>(
  page: (cursor: string | undefined) => Promise<P>,
  items: (answer: P) => T[],
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor);
    all.push(...items(answer));
    cursor = answer.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { fromOwnOrigin } from '../../common/http/cross-site.js';
import { SESSION_DAYS } from './sessions.service.js';

/** The web app sends `X-CardCoop-Client: web` (other SDK users send `sdk`). */
export const CLIENT_HEADER = 'x-cardcoop-client';
/**
 * The refresh token of the web app: `__Host-` (Secure, no Domain, Path=/), HttpOnly so no script
 * reads it, SameSite=Strict so no other site's request carries it (protocol.md, "Tokens").
 */
export const REFRESH_COOKIE = '__Host-cardcoop_refresh';

/**
 * Beside it, a cookie scripts may read that says only "a session may be there" (no secret), so
 * the web app does not ask for a refresh it cannot get (and log a 401) on every page load.
 */
export const SESSION_HINT_COOKIE = '__Host-cardcoop_session';

/**
 * The web app's device token (see `LoginLockout`): HttpOnly like the refresh token, and kept
 * across sessions (400 days, the longest browsers allow).
 */
export const DEVICE_COOKIE = '__Host-cardcoop_device';
const DEVICE_MAX_AGE = 400 * 86_400;

const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Strict';
const HINT_ATTRIBUTES = 'Path=/; Secure; SameSite=Strict';

const isWebClient = (request: FastifyRequest) => request.headers[CLIENT_HEADER] === 'web';

/**
 * Hands out issued tokens. For the web app the refresh token (and a login's device token) go
 * into cookies and are left out of the body, so page scripts never hold them; other clients
 * get them in the body.
 */
export function deliverTokens<T extends { refresh_token?: string; device_token?: string }>(
  request: FastifyRequest,
  reply: FastifyReply,
  tokens: T,
): T {
  if (!isWebClient(request) || tokens.refresh_token === undefined) return tokens;
  const { refresh_token: refreshToken, device_token: deviceToken, ...rest } = tokens;
  const maxAge = SESSION_DAYS * 86_400;
  reply.header('set-cookie', [
    `${REFRESH_COOKIE}=${refreshToken}; ${ATTRIBUTES}; Max-Age=${maxAge}`,
    `${SESSION_HINT_COOKIE}=1; ${HINT_ATTRIBUTES}; Max-Age=${maxAge}`,
    ...(deviceToken
      ? [`${DEVICE_COOKIE}=${deviceToken}; ${ATTRIBUTES}; Max-Age=${DEVICE_MAX_AGE}`]
      : []),
  ]);
  return rest as T;
}

/** The device token a login presents: in the body, or the web app's cookie. */
export function presentedDeviceToken(
  request: FastifyRequest,
  fromBody: string | undefined,
): string | undefined {
  if (fromBody) return fromBody;
  return isWebClient(request) && fromOwnOrigin(request)
    ? cookie(request, DEVICE_COOKIE)
    : undefined;
}

/** Tells the browser to drop the cookie (logout, a refresh that failed). */
export function clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
  if (!isWebClient(request)) return;
  reply.header('set-cookie', [
    `${REFRESH_COOKIE}=; ${ATTRIBUTES}; Max-Age=0`,
    `${SESSION_HINT_COOKIE}=; ${HINT_ATTRIBUTES}; Max-Age=0`,
  ]);
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/**
 * The refresh token a request presents: in the body, or — only for the web app (custom header)
 * calling from this server's own origin — the cookie. 401 INVALID_TOKEN when there is none.
 */
export function presentedRefreshToken(
  request: FastifyRequest,
  fromBody: string | undefined,
): string {
  if (fromBody) return fromBody;
  const fromCookie =
    isWebClient(request) && fromOwnOrigin(request) ? cookie(request, REFRESH_COOKIE) : undefined;
  if (!fromCookie) throw new AppError('INVALID_TOKEN', 401);
  return fromCookie;
}

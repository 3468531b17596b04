// @ts-check
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'coopsite_sid';

/**
 * What the site keeps between sending the member to card.coop and the callback: the share's
 * `state` and PKCE verifier never leave the server; the browser holds only a random session id.
 *
 * @typedef {import('@cardcoop/sdk/coop').StartedShare & { startedAt: number }} PendingShare
 * @typedef {{ id: string; touchedAt: number; pendingShare?: PendingShare }} Session
 */

/**
 * In-memory sessions (a real site uses its framework's session store): an HttpOnly,
 * SameSite=Lax cookie — Lax, because the member comes back from card.coop with a top-level GET,
 * which Lax still lets the cookie ride along with.
 *
 * @param {{ secureCookie: boolean; ttlMs?: number; maxSessions?: number; now?: () => number }} options
 */
export function createSessionStore({
  secureCookie,
  ttlMs = 15 * 60_000,
  maxSessions = 10_000,
  now = Date.now,
}) {
  /** @type {Map<string, Session>} */
  const sessions = new Map();

  /** @param {Session} session */
  const expired = (session) => now() - session.touchedAt > ttlMs;

  /** @param {import('node:http').IncomingMessage} request */
  function find(request) {
    const id = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    const session = id === undefined ? undefined : sessions.get(id);
    if (session === undefined) return undefined;
    if (expired(session)) {
      sessions.delete(session.id);
      return undefined;
    }
    return session;
  }

  return {
    find,

    /**
     * The request's session, or a new one; either way the cookie is (re)set on the response, so
     * it lives as long as the session does.
     *
     * @param {import('node:http').IncomingMessage} request
     * @param {import('node:http').ServerResponse} response
     * @returns {Session}
     */
    ensure(request, response) {
      let session = find(request);
      if (session === undefined) {
        prune();
        session = { id: randomBytes(32).toString('base64url'), touchedAt: now() };
        sessions.set(session.id, session);
      }
      session.touchedAt = now();
      appendCookie(
        response,
        serializeCookie(SESSION_COOKIE, session.id, {
          maxAgeSeconds: Math.floor(ttlMs / 1000),
          secure: secureCookie,
        }),
      );
      return session;
    },

    /**
     * The pending share of the request's session, taken out: a `state` is answered once.
     *
     * @param {Session} session
     */
    takePendingShare(session) {
      const pending = session.pendingShare;
      delete session.pendingShare;
      return pending !== undefined && now() - pending.startedAt <= ttlMs ? pending : undefined;
    },
  };

  /** Drops expired sessions, then the oldest ones if still too many (memory stays bounded). */
  function prune() {
    for (const session of sessions.values()) if (expired(session)) sessions.delete(session.id);
    for (const id of sessions.keys()) {
      if (sessions.size < maxSessions) break;
      sessions.delete(id);
    }
  }
}

/** @typedef {ReturnType<typeof createSessionStore>} SessionStore */

/**
 * Compares two secrets in constant time; hashing first also hides their lengths.
 *
 * @param {string} a
 * @param {string} b
 */
export function sameSecret(a, b) {
  const digest = (/** @type {string} */ value) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * @param {string | undefined} header
 * @returns {Record<string, string>}
 */
export function parseCookies(header) {
  /** @type {Record<string, string>} */
  const cookies = Object.create(null); // no prototype: a cookie named __proto__ stays a cookie
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (name === '' || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // a malformed value is ignored, like a missing one
    }
  }
  return cookies;
}

/**
 * @param {string} name
 * @param {string} value
 * @param {{ maxAgeSeconds: number; secure: boolean }} options
 */
export function serializeCookie(name, value, { maxAgeSeconds, secure }) {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {string} cookie
 */
export function appendCookie(response, cookie) {
  const current = response.getHeader('set-cookie');
  const list = current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  response.setHeader('set-cookie', [...list, cookie]);
}

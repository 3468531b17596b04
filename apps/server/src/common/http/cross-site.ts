import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** `Sec-Fetch-Site` values of a request made by this origin's own page, or typed by the user. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** Whether `url` (an Origin or a Referer) is on this server's host; `null` and junk are not. */
function onOwnHost(request: FastifyRequest, url: string): boolean {
  try {
    return new URL(url).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Whether the request's Origin is this server's own (the web app), as browsers send it. */
export function fromOwnOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && onOwnHost(request, origin);
}

/**
 * Whether a browser says the request comes from another site's page: `Sec-Fetch-Site`, else
 * the Origin, else (old browsers send no Origin on some requests) the Referer. A request with
 * none of them is not a browser's cross-site request (curl, the SDK on a server).
 */
export function isCrossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && !OWN_FETCH_SITES.has(fetchSite)) return true;
  if (request.headers.origin !== undefined) return !fromOwnOrigin(request);
  const referer = request.headers.referer;
  return referer !== undefined && !onOwnHost(request, referer);
}

/**
 * CSRF: a state-changing request that carries a cookie (the web app's refresh and device
 * tokens, SameSite=Strict) is refused with 403 FORBIDDEN when it comes from another site, before
 * any route runs — so it changes nothing, not even by clearing the cookie. SameSite already keeps
 * current browsers from sending the cookies cross-site; this holds where SameSite does not.
 * Requests without cookies (bearer tokens, the SDK on other origins through CORS) are not
 * affected: nothing authenticates them implicitly.
 */
export function registerCrossSiteGuard(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const refused =
      !SAFE_METHODS.has(request.method) && request.headers.cookie && isCrossSite(request);
    done(refused ? new AppError('FORBIDDEN', 403) : undefined);
  });
}

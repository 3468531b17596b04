import helmet from 'helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The strict Content Security Policy of protocol.md: scripts only from our origin (plus
 * WebAssembly for OPAQUE), Trusted Types enforced, framing refused. Inline styles are allowed
 * because Mantine injects its theme variables as a <style> element (docs/adr/002).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  requireTrustedTypesFor: ["'script'"],
  trustedTypes: ['default'],
  upgradeInsecureRequests: null,
};

/** A `Content-Security-Policy` header value from directives in helmet's shape. */
function serialize(directives: Record<string, string[] | null>): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(
      ([name, value]) =>
        `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${value.join(' ')}`,
    )
    .join('; ');
}

/**
 * Swagger UI writes HTML with innerHTML and cannot run under Trusted Types. Its pages keep
 * every other directive: no inline or foreign script can run there either.
 */
const DOCS_PATH = /^\/api\/docs(\/|$|\?)/;
const DOCS_CSP = serialize(
  Object.fromEntries(
    Object.entries(CSP_DIRECTIVES).filter(([name]) => !/trustedTypes/i.test(name)),
  ),
);

/**
 * The policy of a web app page: the same directives, plus the hashes of the build's inline
 * scripts (only its import map, which carries the Subresource Integrity of every chunk), the
 * origin of the assets when a CDN serves them (scripts, styles, fonts, images, and the fetch of
 * the OPAQUE worker's script), and who may frame it — the cooperative's registered origins on
 * the embed route, nobody elsewhere.
 */
export function pageCsp(options: {
  scriptHashes: string[];
  frameAncestors: string[];
  assetOrigins?: string[];
}): string {
  const assets = options.assetOrigins ?? [];
  return serialize({
    ...CSP_DIRECTIVES,
    scriptSrc: [
      ...CSP_DIRECTIVES.scriptSrc,
      ...assets,
      ...options.scriptHashes.map((hash) => `'${hash}'`),
    ],
    styleSrc: [...CSP_DIRECTIVES.styleSrc, ...assets],
    imgSrc: [...CSP_DIRECTIVES.imgSrc, ...assets],
    fontSrc: [...CSP_DIRECTIVES.fontSrc, ...assets],
    connectSrc: [...CSP_DIRECTIVES.connectSrc, ...assets],
    frameAncestors: options.frameAncestors.length ? options.frameAncestors : ["'none'"],
  });
}

/** HSTS as helmet would send it: a year, subdomains included. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The security headers of every answer: set by hooks, and by the router's own refusals. */
export interface SecurityHeaders {
  /** Registers the hooks that set them on every routed answer. */
  register(fastify: FastifyInstance): void;
  /** Sets them, `no-store` included, on a refusal of the router's (no hook runs), then `send`s. */
  refuse(request: FastifyRequest, reply: FastifyReply, send: () => void): void;
}

/**
 * Helmet's headers on every answer. The middleware is built once: `@fastify/helmet` rebuilds it,
 * CSP parsing included, on every request (a measurable share of a hot route's CPU).
 *
 * - `Strict-Transport-Security` only over HTTPS: when the public URL is `https://`, or the
 *   request came over TLS — directly, or through a proxy that TRUST_PROXY trusts and that says
 *   `X-Forwarded-Proto: https`. Sent over plain HTTP it would pin a development host to HTTPS.
 * - `Cache-Control: no-store` on every answer that does not set its own: tokens, keys, card data
 *   and error bodies never land in a browser or proxy cache. The few public documents set theirs
 *   (card schema, JWKS, privacy policy, the web app's files).
 *
 * The router's refusals (a malformed URL) never reach the hooks: `refuse` serves them.
 */
export function securityHeaders(options: { publicUrl: string }): SecurityHeaders {
  const applyHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const httpsDeployment = options.publicUrl.startsWith('https://');
  const apply = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (httpsDeployment || request.protocol === 'https')
      void reply.header('strict-transport-security', HSTS);
    applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  };
  return {
    refuse(request, reply, send) {
      void reply.header('cache-control', 'no-store');
      apply(request, reply, () => send());
    },
    register(fastify) {
      fastify.addHook('onRequest', apply);
      fastify.addHook('onSend', async (request, reply) => {
        if (DOCS_PATH.test(request.url)) void reply.header('content-security-policy', DOCS_CSP);
        if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
      });
    },
  };
}

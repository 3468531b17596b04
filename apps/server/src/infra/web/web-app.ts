import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error.js';
import { pageCsp } from '../../common/http/security-headers.js';
import { loadIndexPage } from './index-page.js';

/** Paths that belong to the server; a miss there is a JSON 404, never the SPA. */
const SERVER_PATHS = /^\/(api|health|metrics|\.well-known)(\/|$)/;

/** The script cooperatives' sites include to open the connect flow in a popup or an iframe. */
const WIDGET_FILE = 'widget.js';

/** The connect flow, opened by redirect or, in `web_message` mode, as a cooperative's popup. */
const CONNECT_PATH = '/id/connect';

/** The route a cooperative's page frames (`/id/embed?coopname=…`). */
const EMBED_PATH = '/id/embed';

export interface WebAppOptions {
  /** Where browsers fetch the hashed assets (a CDN), when not from this server. */
  assetBaseUrl?: string | undefined;
  /** The origins that may frame the embed route for a cooperative (none when unknown). */
  embedAncestors(coopname: string): Promise<string[]>;
}

/** Files of the build served as they are; their precompressed copies only by content coding. */
const PRECOMPRESSED = /\.(br|gz)$/;

/**
 * Serves the built web app: hashed assets cached for a year, index.html never cached and
 * returned for every client-side route. Assets go out Brotli- or gzip-encoded from the copies
 * the build made (no compression per request). Without a build, only the API is served. The
 * embed route may be framed by the cooperative's registered origins only; every other page by
 * none.
 */
export async function registerWebApp(
  fastify: FastifyInstance,
  distDir: string,
  options: WebAppOptions,
): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    fastify.log.warn({ distDir }, 'web app not built: serving the API only (run npm run build)');
    return;
  }
  const page = loadIndexPage(distDir, options.assetBaseUrl);
  const assetOrigins = page.assetOrigin ? [page.assetOrigin] : [];
  await fastify.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    preCompressed: true,
    allowedPath: (pathName: string) => !PRECOMPRESSED.test(pathName),
    setHeaders: (res: FastifyReply, file: string) => {
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      res.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      // A CDN that pulls the assets from here hands these headers on: pages on this origin load
      // them as CORS module scripts (and the worker's script by fetch) from the CDN's.
      if (hashed && page.assetOrigin) {
        res.header('Access-Control-Allow-Origin', '*');
        res.header('Cross-Origin-Resource-Policy', 'cross-origin');
      }
      // The widget is loaded by cooperatives' pages, from their own origins.
      if (path.basename(file).replace(PRECOMPRESSED, '') === WIDGET_FILE)
        res.header('Cross-Origin-Resource-Policy', 'cross-origin');
    },
  });
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (SERVER_PATHS.test(request.url)) throw new AppError('NOT_FOUND', 404);
    const url = new URL(request.url, 'http://localhost');
    let frameAncestors: string[] = [];
    if (url.pathname === EMBED_PATH) {
      const coopname = url.searchParams.get('coopname') ?? '';
      if (/^[a-z1-5.]{1,12}$/.test(coopname))
        frameAncestors = await options.embedAncestors(coopname);
      // helmet writes X-Frame-Options on the raw response; frame-ancestors rules framing here.
      reply.raw.removeHeader('x-frame-options');
    }
    reply.header(
      'content-security-policy',
      pageCsp({ scriptHashes: page.scriptHashes, frameAncestors, assetOrigins }),
    );
    if (url.pathname === CONNECT_PATH && url.searchParams.get('response_mode') === 'web_message') {
      // Popup mode: the cooperative's window that opened this page must stay its opener (the
      // ticket goes there by postMessage, to the registered origin only); same-origin would cut it.
      reply.raw.removeHeader('cross-origin-opener-policy');
      reply.header('cross-origin-opener-policy', 'unsafe-none');
    }
    return reply
      .header('Cache-Control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page.html);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
}

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer } from '../support/app-server.js';
import type { AppServer } from '../support/app-server.js';
import { setupBrowser } from '../support/browser.js';
import { signInToMember } from '../support/member-sign-in.js';

// The web app with its hashed assets on a CDN (ASSET_BASE_URL): another origin, under a path of
// its own, sending them with CORS as a CDN does. The app must load, sign a member in (the OPAQUE
// worker's script is fetched from the CDN with its integrity) and run with no CSP, Trusted Types
// or network problem, while the app's own server sends no asset at all.

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A stand-in CDN: the build's assets under `/cardcoop/`, with CORS, recording every path. */
async function startCdn(): Promise<{ url: string; paths: string[]; server: Server }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://cdn').pathname;
    paths.push(pathname);
    const match = /^\/cardcoop\/(assets\/[\w.-]+)$/.exec(pathname);
    if (!match?.[1]) return void response.writeHead(404).end();
    readFile(path.join(WEB_DIST, match[1])).then(
      (bytes) =>
        response
          .writeHead(200, {
            'content-type': TYPES[path.extname(match[1]!)] ?? 'application/octet-stream',
            'access-control-allow-origin': '*',
            'cache-control': 'public, max-age=31536000, immutable',
          })
          .end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no CDN address');
  return { url: `http://127.0.0.1:${address.port}/cardcoop`, paths, server };
}

describe('the web app with its assets on a CDN', () => {
  let cdn: Awaited<ReturnType<typeof startCdn>>;
  let server: AppServer;
  beforeAll(async () => {
    cdn = await startCdn();
    server = await startAppServer({ env: { ASSET_BASE_URL: cdn.url } });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => cdn?.server.close(resolve));
  });
  const browser = setupBrowser({ baseURL: () => server.url });

  it('loads every asset from the CDN and signs a member in through the OPAQUE worker', async () => {
    const { page } = browser;
    const fromApp: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === server.url && url.pathname.startsWith('/assets/'))
        fromApp.push(url.pathname);
    });
    await server.registerMember('cdn@example.test', 'correct horse battery staple 42');
    await signInToMember(page, 'cdn@example.test', 'correct horse battery staple 42');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    browser.expectNoProblems();
    expect(fromApp).toEqual([]);
    expect(cdn.paths.some((p) => /\/assets\/index-[\w-]+\.js$/.test(p))).toBe(true);
    expect(cdn.paths.some((p) => /\/assets\/[\w-]+\.css$/.test(p))).toBe(true);
    expect(cdn.paths.some((p) => /\/assets\/opaque\.worker-[\w-]+\.js$/.test(p))).toBe(true);
  });
});

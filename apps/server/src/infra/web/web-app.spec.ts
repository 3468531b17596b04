import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './web-app.js';

// The web app's files as browsers and CDNs get them: hashed assets immutable and sent from the
// build's Brotli/gzip copies by content coding, everything else revalidated, index.html never
// cached, and with ASSET_BASE_URL the page pointing at the CDN with a policy that allows it.

const IMPORT_MAP = '{"imports":{},"integrity":{"/assets/app-abc123.js":"sha384-x"}}';
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const INDEX = `<!doctype html><html><head><script type="importmap">${IMPORT_MAP}</script>
<script type="module" crossorigin src="/assets/app-abc123.js" integrity="sha384-x"></script>
<link rel="stylesheet" crossorigin href="/assets/app-abc123.css"></head><body></body></html>`;
const SCRIPT = `export const app = "${'card.coop '.repeat(400)}";\n`;

function fakeDist(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'cardcoop-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(
    path.join(dist, 'csp-hashes.json'),
    JSON.stringify({ scriptSrc: [sha256(IMPORT_MAP)] }),
  );
  const script = path.join(dist, 'assets', 'app-abc123.js');
  writeFileSync(script, SCRIPT);
  writeFileSync(`${script}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${script}.gz`, gzipSync(SCRIPT));
  writeFileSync(path.join(dist, 'assets', 'app-abc123.css'), 'body{margin:0}');
  writeFileSync(path.join(dist, 'widget.js'), 'void 0;');
  writeFileSync(path.join(dist, 'widget.js.br'), brotliCompressSync('void 0;'));
  return dist;
}

async function webApp(dist: string, assetBaseUrl?: string): Promise<FastifyInstance> {
  const fastify = Fastify();
  await registerWebApp(fastify, dist, { assetBaseUrl, embedAncestors: async () => [] });
  await fastify.ready();
  return fastify;
}

describe('the web app files', () => {
  let dist: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = fakeDist();
    app = await webApp(dist);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends a hashed asset Brotli-encoded from its build copy, immutable, varying by encoding', async () => {
    const response = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(response.headers['content-type'])).toMatch(/javascript/);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy to a client without Brotli, and the file itself to one without either', async () => {
    const gzip = await get('/assets/app-abc123.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends a file without copies as it is, and refuses the copies by their own names', async () => {
    const css = await get('/assets/app-abc123.css', 'br');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body).toBe('body{margin:0}');
    expect((await get('/assets/app-abc123.js.br')).statusCode).toBe(404);
    expect((await get('/assets/app-abc123.js.gz')).statusCode).toBe(404);
  });

  it('revalidates files with stable names (the widget, encoded or not) and keeps the widget loadable cross-origin', async () => {
    const widget = await get('/widget.js', 'br');
    expect(widget.headers['content-encoding']).toBe('br');
    expect(widget.headers['cache-control']).toBe('no-cache');
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('never lets the page be cached and allows its import map by hash, assets from here only', async () => {
    const page = await get('/member/card');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('src="/assets/app-abc123.js"');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`'${sha256(IMPORT_MAP)}'`);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    expect(
      (await get('/assets/app-abc123.js')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});

describe('the web app with an asset base URL (a CDN)', () => {
  const CDN = 'https://cdn.example/cardcoop';
  let dist: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dist = fakeDist();
    app = await webApp(dist, CDN);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('points every asset of the page at the CDN, the import map included, and allows exactly that map', async () => {
    const page = await app.inject({ url: '/' });
    expect(page.body).toContain(`src="${CDN}/assets/app-abc123.js"`);
    expect(page.body).toContain(`href="${CDN}/assets/app-abc123.css"`);
    expect(page.body).not.toMatch(/["']\/assets\//);
    const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(page.body)?.[1] ?? '';
    expect(JSON.parse(importMap).integrity).toEqual({
      [`${CDN}/assets/app-abc123.js`]: 'sha384-x',
    });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain(`'${sha256(importMap)}'`);
    expect(csp).not.toContain(`'${sha256(IMPORT_MAP)}'`);
    for (const directive of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src'])
      expect(csp).toMatch(new RegExp(`${directive} [^;]*https://cdn\\.example(;| )`));
    expect(csp).toMatch(/worker-src 'self' blob:(;|$)/);
  });

  it('serves the assets to a CDN pulling from here with CORS for module scripts', async () => {
    const asset = await app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.headers['access-control-allow-origin']).toBe('*');
    expect(asset.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });
});

describe('the real build (npm run build)', () => {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

  it.runIf(existsSync(path.join(dist, 'index.html')))(
    'has a Brotli and a gzip copy of every script and stylesheet of 1 KiB or more, each the same bytes',
    () => {
      const assets = readdirSync(path.join(dist, 'assets')).filter((name) =>
        /\.(js|css)$/.test(name),
      );
      let checked = 0;
      for (const name of assets) {
        const file = path.join(dist, 'assets', name);
        const bytes = readFileSync(file);
        if (bytes.length < 1024) continue;
        expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(bytes), name).toBe(true);
        expect(gunzipSync(readFileSync(`${file}.gz`)).equals(bytes), name).toBe(true);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(20);
    },
  );
});

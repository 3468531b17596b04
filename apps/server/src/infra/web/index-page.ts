import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** index.html as the server sends it, and what its Content Security Policy must allow. */
export interface IndexPage {
  html: Buffer;
  /** `sha256-…` of its inline scripts (only the import map, which carries every chunk's SRI). */
  scriptHashes: string[];
  /** The origin the hashed assets come from when it is not the site's own (a CDN). */
  assetOrigin: string | undefined;
}

const IMPORT_MAP = /<script type="importmap">([\s\S]*?)<\/script>/;

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/**
 * Hashes of the build's inline scripts (`csp-hashes.json`, written by the web build: its import
 * map with the integrity of every chunk); none for a build without one.
 */
function inlineScriptHashes(distDir: string): string[] {
  const file = path.join(distDir, 'csp-hashes.json');
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { scriptSrc?: unknown };
  const hashes = Array.isArray(parsed.scriptSrc) ? parsed.scriptSrc : [];
  return hashes.filter(
    (hash): hash is string => typeof hash === 'string' && /^sha256-[\w+/=]{44}$/.test(hash),
  );
}

/**
 * Reads the built index.html once. With an asset base URL (`ASSET_BASE_URL`, a CDN) every
 * `/assets/…` name in it — script and stylesheet tags, module preloads, the import map's
 * integrity keys — points there instead; the chunks name each other relatively, so they follow.
 * The bytes of the assets do not change, so their integrity values still hold; the import map's
 * own hash is recomputed, as the policy allows it by hash.
 */
export function loadIndexPage(distDir: string, assetBaseUrl: string | undefined): IndexPage {
  const built = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const hashes = inlineScriptHashes(distDir);
  if (!assetBaseUrl)
    return { html: Buffer.from(built), scriptHashes: hashes, assetOrigin: undefined };
  const html = built.replace(/(["'])\/assets\//g, `$1${assetBaseUrl}/assets/`);
  const before = IMPORT_MAP.exec(built)?.[1];
  const after = IMPORT_MAP.exec(html)?.[1];
  const scriptHashes =
    before === undefined || after === undefined
      ? hashes
      : hashes.map((hash) => (hash === sha256(before) ? sha256(after) : hash));
  return { html: Buffer.from(html), scriptHashes, assetOrigin: new URL(assetBaseUrl).origin };
}

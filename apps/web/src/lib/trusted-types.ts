// The CSP enforces Trusted Types (`require-trusted-types-for 'script'; trusted-types default`).
// Mantine renders its CSS variables, breakpoint classes and AppShell media queries as <style>
// elements through dangerouslySetInnerHTML, and AppShell cannot opt out, so a string reaches an
// innerHTML sink. The `default` policy lets through only HTML with no `<`: such a string parses
// to text alone and cannot create elements or attributes. Script sinks get no callback, so every
// attempt to use them is still blocked and reported. Script URLs (the OPAQUE Web Worker) pass only
// when they name one of our own built chunks (in the folder this module came from: the site's
// /assets/ or the CDN's, ASSET_BASE_URL), the service worker (`/sw.js`, a fixed file of ours on
// the site), or a blob this code made of a chunk it fetched with its integrity (`allowWorkerScript`).

interface TrustedTypePolicyFactory {
  createPolicy(
    name: string,
    rules: {
      createHTML?: (input: string) => string;
      createScriptURL?: (input: string) => string;
    },
  ): unknown;
}

/** The built chunks' folder: where this module itself was loaded from. */
const ASSETS_FOLDER = new URL(/* @vite-ignore */ './', import.meta.url).href;

/** Our own bundle: `<assets folder>/<name>-<hash>.js` in a build, Vite's module URLs in development. */
function ownScript(url: URL): boolean {
  if (import.meta.env.DEV)
    return (
      url.origin === window.location.origin && /^\/(src|@fs|node_modules)\//.test(url.pathname)
    );
  const name = url.href.startsWith(ASSETS_FOLDER) ? url.href.slice(ASSETS_FOLDER.length) : '';
  return /^[\w.-]+\.js$/.test(name);
}

/** The service worker, served from public/ at the root scope (lib/service-worker.ts). */
export const SERVICE_WORKER_URL = '/sw.js';

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactory }).trustedTypes;

/** Blob URLs of worker scripts checked against their integrity (lib/opaque/worker-opaque.ts). */
const verifiedBlobs = new Set<string>();

/** Lets this blob URL, made of a verified script, start a worker; returns it. */
export function allowWorkerScript(blobUrl: string): string {
  verifiedBlobs.add(blobUrl);
  return blobUrl;
}

factory?.createPolicy('default', {
  createHTML(input) {
    if (input.includes('<')) throw new TypeError('Trusted Types: markup is not allowed here');
    return input;
  },
  createScriptURL(input) {
    if (verifiedBlobs.has(input)) return input;
    const url = new URL(input, window.location.href);
    const serviceWorker =
      url.origin === window.location.origin && url.pathname === SERVICE_WORKER_URL;
    if (!serviceWorker && !ownScript(url)) {
      throw new TypeError('Trusted Types: only our own scripts may load here');
    }
    return input;
  },
});

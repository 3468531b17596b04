// The CSP enforces Trusted Types (`require-trusted-types-for 'script'; trusted-types default`).
// Mantine renders its CSS variables, breakpoint classes and AppShell media queries as <style>
// elements through dangerouslySetInnerHTML, and AppShell cannot opt out, so a string reaches an
// innerHTML sink. The `default` policy lets through only HTML with no `<`: such a string parses
// to text alone and cannot create elements or attributes. Script sinks get no callback, so every
// attempt to use them is still blocked and reported. Script URLs (the OPAQUE Web Worker) pass only
// when they name one of our own built chunks, the service worker (`/sw.js`, a fixed file of ours),
// or a blob this code made of a chunk it fetched with its integrity (`allowWorkerScript`).

interface TrustedTypePolicyFactory {
  createPolicy(
    name: string,
    rules: {
      createHTML?: (input: string) => string;
      createScriptURL?: (input: string) => string;
    },
  ): unknown;
}

/** Our own bundle: `/assets/<name>-<hash>.js` in a build, Vite's module URLs in development. */
const OWN_SCRIPT = import.meta.env.DEV ? /^\/(src|@fs|node_modules)\// : /^\/assets\/[\w.-]+\.js$/;

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
    const own = OWN_SCRIPT.test(url.pathname) || url.pathname === SERVICE_WORKER_URL;
    if (url.origin !== window.location.origin || !own) {
      throw new TypeError('Trusted Types: only our own scripts may load here');
    }
    return input;
  },
});

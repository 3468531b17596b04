import { SERVICE_WORKER_URL } from './trusted-types';

/**
 * Registers the service worker (public/sw.js: web push and the offline shell) once the page has
 * loaded, so it never competes with the first render. Registering asks for no permission: the
 * notification permission is asked only by the member's own click in the notification settings.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    // A browser that refuses (private mode, a policy) runs the app without offline and push.
    navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }).catch(() => undefined);
  });
}

/** The app's registration, registering it if needed; undefined where there can be none. */
export async function serviceWorkerRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  const existing = await navigator.serviceWorker.getRegistration('/');
  return existing ?? (await navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }));
}

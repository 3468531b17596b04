import { createClient } from '@cardcoop/sdk';
import { currentLanguage } from './i18n';

/**
 * The SDK client of the web app: same origin as the page (CSP `connect-src 'self'`), refresh
 * token in the server's HttpOnly `__Host-` cookie, never in page memory or storage.
 */
export const cardcoop = createClient({
  baseUrl: window.location.origin,
  language: currentLanguage(),
  refreshTokenCookie: true,
});

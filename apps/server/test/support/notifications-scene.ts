import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { PUSH_SERVICE_CA_FILE } from './push-service.js';
import { registerRaw } from './raw-member.js';
import type { TestApp } from './test-app.js';

/** Server settings that let web push reach the stub push service (startPushService). */
export const PUSH_SERVICE_ENV = {
  PUSH_SERVICE_HOSTS: '127.0.0.1',
  PUSH_CA_FILE: PUSH_SERVICE_CA_FILE,
} as const;

/** Creates an open cooperative that takes members back at `https://{coopname}.example`. */
export async function createCooperative(server: TestApp, coopname: string, displayName: string) {
  await server.app.get(CooperativesService).create({
    coopname,
    displayName,
    redirectUris: [`https://${coopname}.example/callback`],
    origins: [`https://${coopname}.example`],
  });
}

/** The member behind an access token (its `sub`). */
export const userIdOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

/** Registers a member and gives its access token and id. */
export async function tokenMember(server: TestApp, email: string, password: string) {
  const { tokens } = await registerRaw(server.url, email, password);
  return { email, token: tokens.access_token, userId: userIdOf(tokens.access_token) };
}

/** Requests to `/api/v1/notifications{path}` as the member of `token`, a JSON `body` if any. */
export const notificationsApi =
  (baseUrl: () => string) =>
  (path: string, token: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${baseUrl()}/api/v1/notifications${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

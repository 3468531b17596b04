import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtVerify } from 'jose';
import {
  notificationPreferencesSchema,
  pushDeviceListSchema,
  pushMessageSchema,
} from '@cardcoop/contracts';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { generateSecrets } from '../../src/infra/secrets/secrets.js';
import { NotificationService } from '../../src/modules/notifications/notification.service.js';
import {
  createCooperative,
  notificationsApi,
  PUSH_SERVICE_ENV,
  tokenMember,
} from '../support/notifications-scene.js';
import { browserKeys, startPushService, vapidVerificationKey } from '../support/push-service.js';
import type { BrowserKeys, PushServiceStub } from '../support/push-service.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const SUBJECT = 'mailto:ops@card.coop';
let server: TestApp;
let pushService: PushServiceStub;
let notifications: NotificationService;

beforeAll(async () => {
  pushService = await startPushService();
  server = await startTestApp({
    env: {
      VAPID_SUBJECT: SUBJECT,
      ...PUSH_SERVICE_ENV,
    },
  });
  notifications = server.app.get(NotificationService);
  await createCooperative(server, 'voskhod', 'ПК Восход');
});
afterAll(async () => {
  await server.close();
  await pushService.close();
});

const api = notificationsApi(() => server.url);

let members = 0;
/** A member with one browser subscribed to the stub push service. */
async function subscribedMember() {
  members += 1;
  const { token, userId } = await tokenMember(server, `push.${members}@coop.example`, 'push pass');
  const browser = browserKeys();
  const endpoint = `${pushService.origin}/push/${members}-${userId}`;
  const subscribed = await api('/push/subscriptions', token, {
    method: 'POST',
    body: { endpoint, keys: { p256dh: browser.p256dh, auth: browser.auth }, label: 'Chrome' },
  });
  expect(subscribed.status).toBe(204);
  return { token, userId, browser, endpoint };
}

/** Runs the queued jobs; returns the requests the push service got meanwhile for `endpoint`. */
async function pushedTo(endpoint: string) {
  const before = pushService.requests.length;
  await server.app.get(JobQueue).drain();
  const path = new URL(endpoint).pathname;
  return pushService.requests.slice(before).filter((request) => request.path === path);
}

const devices = async (token: string) =>
  pushDeviceListSchema.parse(await (await api('/push/subscriptions', token)).json()).devices;

const decrypted = (browser: BrowserKeys, body: Buffer) =>
  pushMessageSchema.parse(JSON.parse(browser.decrypt(body)));

describe('web push', () => {
  it('serves the VAPID public key browsers subscribe with', async () => {
    const { token } = await subscribedMember();
    const response = await api('/push/key', token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ public_key: server.secrets.vapid!.publicKey });
  });

  it('a push service gets the notice encrypted per RFC 8291, signed with VAPID, with a TTL', async () => {
    const { userId, browser, endpoint, token } = await subscribedMember();
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'voskhod' });
    const [request, ...more] = await pushedTo(endpoint);
    expect(more).toEqual([]);
    expect(request!.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(request!.headers.ttl)).toBeGreaterThan(0);
    expect(request!.headers.urgency).toBe('normal');
    expect(decrypted(browser, request!.body)).toEqual({
      type: 'grant.revoked',
      title: 'CARD.COOP',
      body: 'Доступ кооператива «ПК Восход» к вашим данным отозван.',
      url: '/member/notifications',
    });

    const [, jwt, key] = /^vapid t=([\w.-]+), k=([\w-]+)$/.exec(
      request!.headers.authorization ?? '',
    )!;
    expect(key).toBe(server.secrets.vapid!.publicKey);
    const { payload, protectedHeader } = await jwtVerify(
      jwt!,
      vapidVerificationKey(server.secrets.vapid!.publicKey),
      { audience: pushService.origin, subject: SUBJECT },
    );
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.exp! - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);

    const [device] = await devices(token);
    expect(device).toMatchObject({ label: 'Chrome' });
    expect(device!.last_success_at).not.toBeNull();
  });

  it('pushes security notices with high urgency, in the member’s language', async () => {
    const { userId, browser, endpoint } = await subscribedMember();
    await notifications.notify(
      userId,
      'security.password_changed',
      { by: 'password' },
      {
        locale: 'en',
      },
    );
    const [request] = await pushedTo(endpoint);
    expect(request!.headers.urgency).toBe('high');
    expect(decrypted(browser, request!.body)).toMatchObject({
      type: 'security.password_changed',
      title: 'CARD.COOP security',
      body: 'Your password was changed.',
    });
  });

  it('sends nothing when the member switched push off for the type', async () => {
    const { userId, endpoint, token } = await subscribedMember();
    const preferences = notificationPreferencesSchema.parse(
      await (await api('/preferences', token)).json(),
    );
    preferences.channels['grant.revoked'].push = false;
    expect((await api('/preferences', token, { method: 'PUT', body: preferences })).status).toBe(
      200,
    );
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'voskhod' });
    expect(await pushedTo(endpoint)).toEqual([]);
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    expect(await pushedTo(endpoint)).toHaveLength(1);
  });

  it('forgets a subscription the push service says is gone (410)', async () => {
    const { userId, endpoint, token } = await subscribedMember();
    pushService.status = 410;
    try {
      await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
      expect(await pushedTo(endpoint)).toHaveLength(1);
    } finally {
      pushService.status = 201;
    }
    expect(await devices(token)).toEqual([]);
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    expect(await pushedTo(endpoint)).toEqual([]);
  });

  it('keeps the subscription when the push service fails, and retries the push later', async () => {
    const { userId, endpoint, token, browser } = await subscribedMember();
    pushService.status = 503;
    try {
      await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
      expect(await pushedTo(endpoint)).toHaveLength(1);
    } finally {
      pushService.status = 201;
    }
    expect((await devices(token))[0]!.last_success_at).toBeNull();
    const database = server.app.get<Database>(DATABASE).primary;
    const waiting = async () =>
      (
        (await database.execute(
          sql`select id, attempts, last_error as "lastError", run_at > now() as later
              from jobs where kind = 'push' and failed_at is null`,
        )) as unknown as {
          rows: { id: number; attempts: number; lastError: string; later: boolean }[];
        }
      ).rows;
    const [job, ...others] = await waiting();
    expect(others).toEqual([]);
    expect(job).toMatchObject({
      attempts: 1,
      lastError: 'the push service answered 503',
      later: true,
    });
    expect(server.logs()).not.toContain(new URL(endpoint).pathname);

    // Its backoff over, the job runs again and the push goes through.
    await database.execute(sql`update jobs set run_at = now() where id = ${job!.id}`);
    const [retried] = await pushedTo(endpoint);
    expect(decrypted(browser, retried!.body).type).toBe('grant.shared');
    expect(await waiting()).toEqual([]);
    expect((await devices(token))[0]!.last_success_at).not.toBeNull();
  });

  it('unsubscribes by the endpoint in the body; again is no error', async () => {
    const { userId, endpoint, token } = await subscribedMember();
    for (let i = 0; i < 2; i += 1)
      expect(
        (await api('/push/subscriptions', token, { method: 'DELETE', body: { endpoint } })).status,
      ).toBe(204);
    expect(await devices(token)).toEqual([]);
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    expect(await pushedTo(endpoint)).toEqual([]);
  });

  it('keeps a member’s 20 newest browsers', async () => {
    const { token, endpoint } = await subscribedMember();
    for (let i = 0; i < 20; i += 1) {
      const keys = browserKeys();
      const response = await api('/push/subscriptions', token, {
        method: 'POST',
        body: { endpoint: `${endpoint}-${i}`, keys: { p256dh: keys.p256dh, auth: keys.auth } },
      });
      expect(response.status).toBe(204);
    }
    const kept = await devices(token);
    expect(kept).toHaveLength(20);
    // The first one (labelled "Chrome") went.
    expect(kept.every((device) => device.label === null)).toBe(true);
  });

  it('refuses endpoints that are not https or not on a known push service', async () => {
    const { token } = await subscribedMember();
    const keys = browserKeys();
    const subscribe = (endpoint: string, auth = keys.auth) =>
      api('/push/subscriptions', token, {
        method: 'POST',
        body: { endpoint, keys: { p256dh: keys.p256dh, auth } },
      });
    const refused = async (response: Response) => {
      expect(response.status).toBe(422);
      const body = (await response.json()) as { code: string; details: { path: string }[] };
      expect(body.code).toBe('VALIDATION_FAILED');
      return body.details.map((detail) => detail.path);
    };
    expect(await refused(await subscribe('http://127.0.0.1/push/x'))).toEqual(['endpoint']);
    expect(await refused(await subscribe('https://evil.example/push/x'))).toEqual(['endpoint']);
    expect(await refused(await subscribe(`${pushService.origin}/x`, 'short'))).toEqual([
      'keys.auth',
    ]);
  });
});

describe('web push without VAPID keys', () => {
  it('serves no key and refuses subscriptions (503)', async () => {
    const { vapid: _none, ...secrets } = await generateSecrets();
    const keyless = await startTestApp({ secrets, env: { PUSH_SERVICE_HOSTS: '127.0.0.1' } });
    try {
      const { tokens } = await registerRaw(keyless.url, 'push.off@coop.example', 'push pass');
      const call = (path: string, body?: unknown) =>
        fetch(`${keyless.url}/api/v1/notifications/push${path}`, {
          method: body ? 'POST' : 'GET',
          headers: {
            authorization: `Bearer ${tokens.access_token}`,
            'content-type': 'application/json',
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
      expect(await (await call('/key')).json()).toEqual({ public_key: null });
      const keys = browserKeys();
      const response = await call('/subscriptions', {
        endpoint: 'https://127.0.0.1/push/off',
        keys: { p256dh: keys.p256dh, auth: keys.auth },
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await keyless.close();
    }
  });
});

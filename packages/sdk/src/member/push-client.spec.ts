import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base64UrlEncode } from '../crypto/encoding.js';
import { errorCode, registeredMember, startServer } from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { createMemberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

let server: TestApp;
let fixture: Fixture;
let member: MemberClient;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  member = createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
    userKey: fixture.registered.userKey,
  });
});
afterEach(() => member.session.close());

/** What a browser's `PushSubscription.toJSON()` gives (never pushed to: no notice is sent). */
async function browserSubscription(endpoint: string) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const p256dh = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    endpoint,
    expirationTime: null,
    keys: {
      p256dh: base64UrlEncode(p256dh),
      auth: base64UrlEncode(crypto.getRandomValues(new Uint8Array(16))),
    },
  };
}

const random = () => base64UrlEncode(crypto.getRandomValues(new Uint8Array(8)));

describe('member.notifications.push', () => {
  it('gives the VAPID key, subscribes, lists and unsubscribes this browser', async () => {
    expect(await member.notifications.push.key()).toBe(server.secrets.vapid!.publicKey);
    const endpoint = `https://fcm.googleapis.com/fcm/send/sdk-${random()}`;
    await member.notifications.push.subscribe({
      ...(await browserSubscription(endpoint)),
      label: 'Тест',
    });
    await member.notifications.push.subscribe({
      ...(await browserSubscription(endpoint)),
      label: 'Тест',
    });
    expect(await member.notifications.push.devices()).toEqual([
      expect.objectContaining({ label: 'Тест', last_success_at: null }),
    ]);
    await member.notifications.push.unsubscribe(endpoint);
    await member.notifications.push.unsubscribe(endpoint);
    expect(await member.notifications.push.devices()).toEqual([]);
  });

  it('reports an endpoint that is no push service as VALIDATION_FAILED', async () => {
    expect(
      await errorCode(
        member.notifications.push.subscribe(await browserSubscription('https://evil.example/push')),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});

import { describe, expect, it } from 'vitest';
import { base64UrlEncode } from '../crypto/encoding.js';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';

const scene = memberEachTest();

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
    expect(await scene.member.notifications.push.key()).toBe(scene.server.secrets.vapid!.publicKey);
    const endpoint = `https://fcm.googleapis.com/fcm/send/sdk-${random()}`;
    await scene.member.notifications.push.subscribe({
      ...(await browserSubscription(endpoint)),
      label: 'Тест',
    });
    await scene.member.notifications.push.subscribe({
      ...(await browserSubscription(endpoint)),
      label: 'Тест',
    });
    expect(await scene.member.notifications.push.devices()).toEqual([
      expect.objectContaining({ label: 'Тест', last_success_at: null }),
    ]);
    await scene.member.notifications.push.unsubscribe(endpoint);
    await scene.member.notifications.push.unsubscribe(endpoint);
    expect(await scene.member.notifications.push.devices()).toEqual([]);
  });

  it('reports an endpoint that is no push service as VALIDATION_FAILED', async () => {
    expect(
      await errorCode(
        scene.member.notifications.push.subscribe(
          await browserSubscription('https://evil.example/push'),
        ),
      ),
    ).toBe('VALIDATION_FAILED');
  });
});

import { describe, expect, it } from 'vitest';
import { pushSubscriptionInputSchema, pushUnsubscribeSchema } from './push.js';

// An uncompressed P-256 point (0x04 first: "B") and a 16-byte secret, base64url.
const keys = { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) };
const endpoint = 'https://fcm.googleapis.com/fcm/send/abc:def';
const issuesOf = (input: unknown) =>
  pushSubscriptionInputSchema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('push subscription contracts', () => {
  it('accepts a browser’s PushSubscription.toJSON(), padded keys too, and drops other fields', () => {
    expect(
      pushSubscriptionInputSchema.parse({
        endpoint,
        expirationTime: null,
        keys,
        label: ' Chrome ',
      }),
    ).toEqual({ endpoint, keys, label: 'Chrome' });
    expect(
      issuesOf({ endpoint, keys: { p256dh: `${keys.p256dh}=`, auth: `${keys.auth}==` } }),
    ).toEqual([]);
  });

  it('wants an https endpoint without credentials', () => {
    expect(issuesOf({ endpoint: 'http://fcm.googleapis.com/x', keys })).toEqual(['endpoint']);
    expect(issuesOf({ endpoint: 'https://u:p@fcm.googleapis.com/x', keys })).toEqual(['endpoint']);
    expect(issuesOf({ endpoint: `https://a.example/${'x'.repeat(2048)}`, keys })).toEqual([
      'endpoint',
    ]);
    expect(pushUnsubscribeSchema.safeParse({ endpoint: 'javascript:alert(1)' }).success).toBe(
      false,
    );
  });

  it('wants a 65-byte uncompressed key and a 16-byte auth secret', () => {
    expect(issuesOf({ endpoint, keys: { ...keys, p256dh: `A${'A'.repeat(86)}` } })).toEqual([
      'keys.p256dh',
    ]);
    expect(issuesOf({ endpoint, keys: { ...keys, p256dh: 'B'.repeat(43) } })).toEqual([
      'keys.p256dh',
    ]);
    expect(issuesOf({ endpoint, keys: { ...keys, auth: 'A'.repeat(21) } })).toEqual(['keys.auth']);
    expect(issuesOf({ endpoint, keys: { ...keys, auth: 'A'.repeat(22) + '===' } })).toEqual([
      'keys.auth',
    ]);
  });
});

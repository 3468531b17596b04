import { Checksum256, PrivateKey } from '@wharfkit/antelope';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, verifyWebhookK1, WebhookVerificationError } from './index.js';

const newSecret = () =>
  `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;

const secret = newSecret();
const body = JSON.stringify({
  type: 'grant.created',
  timestamp: '2026-12-05T10:00:00.000Z',
  data: { username: 'annavoskhodz', grant_id: '0b6f…', fields: ['first_name'] },
});
const id = 'evt_test1';
const at = new Date('2026-12-05T10:00:00Z');
const now = Math.floor(at.getTime() / 1000);

/** Headers as the server sends them (signed by the reference implementation). */
function signed(signWith = secret, timestamp = at) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(signWith).sign(id, timestamp, body),
  };
}

describe('verifyWebhook (Standard Webhooks)', () => {
  it('accepts what the standardwebhooks package signs, from Node headers or fetch Headers', () => {
    expect(verifyWebhook({ secret, headers: signed(), body, now })).toEqual(JSON.parse(body));
    const headers = new Headers(signed());
    expect(verifyWebhook({ secret, headers, body: new TextEncoder().encode(body), now })).toEqual(
      JSON.parse(body),
    );
    // The reference implementation agrees on fresh headers.
    const fresh = signed(secret, new Date());
    expect(() => new Webhook(secret).verify(body, fresh)).not.toThrow();
    expect(verifyWebhook({ secret, headers: fresh, body })).toMatchObject({
      type: 'grant.created',
    });
  });

  it('refuses a wrong secret, a changed body, id or timestamp, and missing headers', () => {
    const other = newSecret();
    const cases = [
      { secret: other, headers: signed(), body },
      { secret, headers: signed(), body: body.replace('first_name', 'last_name') },
      { secret, headers: { ...signed(), 'webhook-id': 'evt_other' }, body },
      { secret, headers: { ...signed(), 'webhook-timestamp': String(now + 1) }, body },
      { secret, headers: { 'webhook-id': id, 'webhook-timestamp': String(now) }, body },
      { secret, headers: { ...signed(), 'webhook-signature': 'v1,AAAA' }, body },
      {
        secret,
        headers: {
          ...signed(),
          'webhook-signature': signed()['webhook-signature'].replace('v1', 'v2'),
        },
        body,
      },
    ];
    for (const input of cases)
      expect(() => verifyWebhook({ ...input, now })).toThrow(WebhookVerificationError);
  });

  it('accepts any one matching signature among several (a secret rotation), space-separated', () => {
    const old = newSecret();
    const headers = signed();
    headers['webhook-signature'] =
      `${signed(old)['webhook-signature']} ${headers['webhook-signature']}`;
    expect(verifyWebhook({ secret, headers, body, now })).toMatchObject({ type: 'grant.created' });
    expect(verifyWebhook({ secret: old, headers, body, now })).toMatchObject({
      type: 'grant.created',
    });
  });

  it('refuses a timestamp more than the tolerance (5 min by default) away, either way', () => {
    expect(() => verifyWebhook({ secret, headers: signed(), body, now: now + 301 })).toThrow(
      /tolerance/,
    );
    expect(() => verifyWebhook({ secret, headers: signed(), body, now: now - 301 })).toThrow(
      /tolerance/,
    );
    expect(verifyWebhook({ secret, headers: signed(), body, now: now + 299 })).toBeTruthy();
    expect(() =>
      verifyWebhook({ secret, headers: signed(), body, now: now + 60, toleranceSeconds: 30 }),
    ).toThrow(/tolerance/);
  });
});

describe('verifyWebhookK1 (MONO)', () => {
  const key = PrivateKey.generate('K1');
  const publicKey = key.toPublic().toString();
  function k1Headers(signer = key, content = `${id}.${now}.${body}`) {
    const digest = Checksum256.hash(new TextEncoder().encode(content));
    return {
      ...signed(),
      'x-cardcoop-k1-signature': JSON.stringify({
        payload: digest.hexString,
        public_key: signer.toPublic().toString(),
        signature: signer.signDigest(digest).toString(),
      }),
    };
  }

  it('accepts the platform key’s signature of SHA-256(id.timestamp.body)', () => {
    expect(verifyWebhookK1({ headers: k1Headers(), body, publicKey })).toBe(true);
  });

  it('refuses another key, another body, a digest of something else, and garbage', () => {
    const other = PrivateKey.generate('K1');
    expect(verifyWebhookK1({ headers: k1Headers(other), body, publicKey })).toBe(false);
    expect(verifyWebhookK1({ headers: k1Headers(), body: `${body} `, publicKey })).toBe(false);
    expect(verifyWebhookK1({ headers: k1Headers(key, body), body, publicKey })).toBe(false);
    expect(
      verifyWebhookK1({
        headers: { ...signed(), 'x-cardcoop-k1-signature': '{not json' },
        body,
        publicKey,
      }),
    ).toBe(false);
    expect(verifyWebhookK1({ headers: signed(), body, publicKey })).toBe(false);
  });
});

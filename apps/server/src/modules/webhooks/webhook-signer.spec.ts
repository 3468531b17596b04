import { randomBytes } from 'node:crypto';
import { Checksum256, PrivateKey, PublicKey, Signature } from '@wharfkit/antelope';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config.schema.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';
import { newWebhookSecret, WebhookSigner } from './webhook-signer.js';

const secretsWith = (...keys: string[]) =>
  ({
    masterKeys: keys.map((kid) => ({ kid, key: new Uint8Array(randomBytes(32)) })),
  }) as unknown as ServerSecrets;

describe('WebhookSigner', () => {
  it('signs with the configured K1 key, over the same id.timestamp.body as the HMAC', () => {
    const key = PrivateKey.generate('K1');
    const config = parseConfig({ NODE_ENV: 'test', WEBHOOK_K1_PRIVATE_KEY: key.toString() });
    const signer = new WebhookSigner(config, secretsWith('m1'));
    expect(signer.publicKey).toBe(key.toPublic().toString());
    const secret = newWebhookSecret();
    const at = new Date();
    const body = '{"type":"webhook.test"}';
    const headers = signer.sign(secret, 'evt_1', at, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'webhook.test' });
    const k1 = JSON.parse(headers['x-cardcoop-k1-signature']) as Record<string, string>;
    const digest = Checksum256.hash(
      new TextEncoder().encode(`evt_1.${headers['webhook-timestamp']}.${body}`),
    );
    expect(k1.payload).toBe(digest.hexString);
    expect(
      Signature.from(k1.signature!)
        .recoverDigest(digest)
        .equals(PublicKey.from(key.toPublic().toString())),
    ).toBe(true);
  });

  it('without a configured key, derives one from the oldest master key: stable across nodes', () => {
    const config = parseConfig({ NODE_ENV: 'test' });
    const secrets = secretsWith('m2', 'm1');
    const rotated = { masterKeys: [{ kid: 'm3', key: new Uint8Array(32) }, ...secrets.masterKeys] };
    const a = new WebhookSigner(config, secrets).publicKey;
    expect(new WebhookSigner(config, secrets).publicKey).toBe(a);
    expect(new WebhookSigner(config, rotated as ServerSecrets).publicKey).toBe(a);
    expect(new WebhookSigner(config, secretsWith('m1')).publicKey).not.toBe(a);
  });

  it('refuses a malformed key in the configuration', () => {
    expect(() => parseConfig({ NODE_ENV: 'test', WEBHOOK_K1_PRIVATE_KEY: 'PVT_R1_abc' })).toThrow(
      /WEBHOOK_K1_PRIVATE_KEY/,
    );
  });
});

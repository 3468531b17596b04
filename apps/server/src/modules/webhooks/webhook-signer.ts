import { hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Bytes, Checksum256, KeyType, PrivateKey } from '@wharfkit/antelope';
import { Webhook } from 'standardwebhooks';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';

/** The headers of one delivery attempt. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'x-cardcoop-k1-signature': string;
}

/** A new endpoint secret in the Standard Webhooks format: `whsec_` + base64(32 random bytes). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Signs deliveries: `webhook-signature` is Standard Webhooks' `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` with the endpoint's secret; `x-cardcoop-k1-signature` (for MONO) is
 * the JSON `{payload, public_key, signature}` where `payload` is the hex SHA-256 of the same
 * `id.timestamp.body` and `signature` the platform's K1 signature of that digest.
 */
@Injectable()
export class WebhookSigner {
  private readonly key: PrivateKey;

  constructor(@Inject(CONFIG) config: Config, @Inject(SERVER_SECRETS) secrets: ServerSecrets) {
    this.key = config.webhooks.k1PrivateKey
      ? PrivateKey.from(config.webhooks.k1PrivateKey)
      : derivedKey(secrets);
    if (this.key.type !== KeyType.K1) throw new Error('WEBHOOK_K1_PRIVATE_KEY: not a K1 key');
  }

  /** `PUB_K1_…`, published at `/.well-known/webhook-public-key`. */
  get publicKey(): string {
    return this.key.toPublic().toString();
  }

  sign(secret: string, id: string, at: Date, body: string): WebhookHeaders {
    const timestamp = Math.floor(at.getTime() / 1000);
    const digest = Checksum256.hash(Bytes.from(`${id}.${timestamp}.${body}`, 'utf8'));
    const k1 = {
      payload: digest.hexString,
      public_key: this.publicKey,
      signature: this.key.signDigest(digest).toString(),
    };
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
      'x-cardcoop-k1-signature': JSON.stringify(k1),
    };
  }
}

/**
 * Without WEBHOOK_K1_PRIVATE_KEY the key is derived from the oldest master key, so every node
 * (which share the master keys) signs with the same key, across restarts, until that master key
 * is retired; production should pin its own key.
 */
function derivedKey(secrets: ServerSecrets): PrivateKey {
  const master = secrets.masterKeys.at(-1)!;
  const raw = new Uint8Array(
    hkdfSync('sha256', master.key, new Uint8Array(), 'cardcoop/v1/webhook-k1', 32),
  );
  return new PrivateKey(KeyType.K1, Bytes.from(raw));
}

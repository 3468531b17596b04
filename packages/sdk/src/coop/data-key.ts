import {
  antelopeNameSchema,
  dataKeyCertificatePayloadSchema,
  dataKeyCertificateSchema,
} from '@cardcoop/contracts';
import type { DataKeyCertificate } from '@cardcoop/contracts';
import { dataKeyFingerprint, X25519_KEY_BYTES } from '../crypto/data-key-fingerprint.js';
import { base64UrlEncode } from '../crypto/encoding.js';
import { signObject } from '../crypto/k1-signature.js';
import { shareSuite } from '../crypto/share-envelope.js';
import { coopRequest } from './client-credentials.js';
import type { CoopCredentials } from './client-credentials.js';

/** A cooperative's new HPKE data key pair. */
export interface DataKeyPair {
  /** Key id: goes into the certificate and every share envelope sealed to this key. */
  kid: string;
  /** Raw X25519 public key (32 bytes), base64url: certify it and publish the certificate. */
  publicKey: string;
  /**
   * Raw X25519 private key (32 bytes), base64url. It opens every share sealed to this key: keep
   * it in the cooperative's own secret store (KMS, vault, sealed env). It must never be sent to
   * card.coop, logged, or put in a browser; card.coop only ever needs the certificate.
   */
  privateKey: string;
}

export interface GenerateDataKeyInput {
  /** The cooperative's account name; used for the default `kid`. */
  coopname: string;
  /** 1–64 characters; defaults to `<coopname>-<YYYYMMDD>-<first 8 hex of the fingerprint>`. */
  kid?: string;
}

/**
 * Generates the cooperative's data key: an X25519 key pair for HPKE (RFC 9180,
 * DHKEM(X25519, HKDF-SHA256)) that members seal their shared data to. Runs on the cooperative's
 * side only (Node or its back office); then {@link certifyDataKey} the public half.
 *
 * @throws TypeError for an invalid `coopname` or `kid`.
 * @example
 * ```ts
 * const key = await generateDataKey({ coopname: 'voskhod' });
 * await secrets.put(`cardcoop/${key.kid}`, key.privateKey); // never to card.coop
 * ```
 */
export async function generateDataKey(input: GenerateDataKeyInput): Promise<DataKeyPair> {
  const coopname = checkCoopname(input.coopname);
  if (input.kid !== undefined) checkKid(input.kid);
  const { kem } = shareSuite();
  const pair = await kem.generateKeyPair();
  const publicKey = raw32(await kem.serializePublicKey(pair.publicKey));
  const privateKey = raw32(await kem.serializePrivateKey(pair.privateKey));
  const kid = input.kid ?? defaultKid(coopname, publicKey);
  return { kid, publicKey, privateKey };
}

export interface CertifyDataKeyInput {
  coopname: string;
  kid: string;
  /** The data key's raw X25519 public key, base64url (from {@link generateDataKey}). */
  publicKey: string;
  /** The cooperative's K1 account private key (WIF); used locally to sign, never sent. */
  accountPrivateKeyWif: string;
  /** Defaults to now. */
  createdAt?: Date;
}

/**
 * Certifies a data key: signs `{coopname, kid, public_key, created_at}` with the cooperative's
 * K1 account key (MONO's signed-object convention, see `signObject`). Members verify the
 * certificate, against the account key on chain when one is configured, before sealing to the
 * key.
 *
 * @throws TypeError for an invalid `coopname`/`kid`, a public key that is not 32 raw bytes in
 *   base64url, or a private key that is not K1.
 * @example
 * ```ts
 * const certificate = certifyDataKey({
 *   coopname: 'voskhod',
 *   kid: key.kid,
 *   publicKey: key.publicKey,
 *   accountPrivateKeyWif: process.env.COOP_ACCOUNT_WIF!,
 * });
 * ```
 */
export function certifyDataKey(input: CertifyDataKeyInput): DataKeyCertificate {
  const coopname = checkCoopname(input.coopname);
  const kid = checkKid(input.kid);
  dataKeyFingerprint(input.publicKey); // refuses anything but 32 raw bytes
  const payload = {
    coopname,
    kid,
    public_key: input.publicKey,
    created_at: (input.createdAt ?? new Date()).toISOString(),
  };
  const parsed = dataKeyCertificateSchema.safeParse(
    signObject(payload, input.accountPrivateKeyWif),
  );
  if (!parsed.success) throw new TypeError('The certificate does not match the contract.');
  return parsed.data;
}

/**
 * Publishes (or rotates to) the certified data key: members seal their shares to it from now
 * on. Only the certificate is sent; the private half stays with the cooperative.
 *
 * @throws TypeError when `certificate` breaks the contract (checked before sending);
 *   CardCoopError `VALIDATION_FAILED` from the server (a signature that does not verify, another
 *   cooperative's name), `UNAUTHORIZED` for wrong credentials.
 * @example
 * ```ts
 * await publishDataKey(credentials, certificate); // from certifyDataKey
 * ```
 */
export async function publishDataKey(
  credentials: CoopCredentials,
  certificate: DataKeyCertificate,
): Promise<void> {
  const checked = dataKeyCertificateSchema.safeParse(certificate);
  if (!checked.success) throw new TypeError(`Invalid certificate: ${checked.error.message}`);
  await coopRequest(credentials, '/api/v1/coop/data-key', { method: 'PUT', body: checked.data });
}

export { dataKeyFingerprint } from '../crypto/data-key-fingerprint.js';
export type { DataKeyFingerprint } from '../crypto/data-key-fingerprint.js';

function checkCoopname(coopname: string): string {
  if (!antelopeNameSchema.safeParse(coopname).success) {
    throw new TypeError('coopname must be an Antelope account name.');
  }
  return coopname;
}

function checkKid(kid: string): string {
  if (!dataKeyCertificatePayloadSchema.shape.kid.safeParse(kid).success) {
    throw new TypeError('kid must be 1 to 64 characters.');
  }
  return kid;
}

/** Protocol v1 pins both halves of the key to their 32 raw bytes. */
function raw32(serialized: ArrayBuffer): string {
  const bytes = new Uint8Array(serialized);
  if (bytes.length !== X25519_KEY_BYTES) throw new Error('Unexpected X25519 key encoding.');
  return base64UrlEncode(bytes);
}

function defaultKid(coopname: string, publicKey: string): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return `${coopname}-${day}-${dataKeyFingerprint(publicKey).hex.slice(0, 8)}`;
}

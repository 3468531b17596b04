import { PublicKey } from '@wharfkit/antelope';
import { dataKeyCertificatePayloadSchema } from '@cardcoop/contracts';
import type { PreparedShare } from '@cardcoop/contracts';
import { dataKeyFingerprint } from '../crypto/data-key-fingerprint.js';
import type { DataKeyFingerprint } from '../crypto/data-key-fingerprint.js';
import { verifySignedObject } from '../crypto/k1-signature.js';
import { CardCoopError } from '../errors.js';

/** A cooperative data key the member may seal to, and what the consent screen shows. */
export interface VerifiedCooperativeKey {
  /** Raw X25519 public key, base64url (32 bytes): the HPKE recipient key. */
  publicKey: string;
  /** The key id to put in the share envelope and its AAD. */
  kid: string;
  /** Recomputed from `publicKey`; show `fingerprint.display` on the consent screen. */
  fingerprint: DataKeyFingerprint;
}

export interface VerifyCooperativeKeyOptions {
  /**
   * The cooperative's account public key from the chain (`PUB_K1_…` or legacy `EOS…`). When
   * given, the certificate must be signed by exactly this key; without it, the certificate is
   * only checked to be self-consistent (signed by the key it names).
   */
  expectedAccountKey?: string;
}

/**
 * Checks the cooperative's data key before the member seals anything to it: the certificate's K1
 * signature (SHA-256 of JCS(payload), MONO's convention), that it is for `prepared.coopname`,
 * that the fingerprint the server showed is the one recomputed from the key, and, when given,
 * that the signer is the cooperative's account key on chain.
 *
 * @throws CardCoopError `UNTRUSTED_COOPERATIVE_KEY` when any check fails.
 * @example
 * ```ts
 * const key = verifyCooperativeKey(prepared, { expectedAccountKey: chainKey });
 * showConsent(prepared.display_name, key.fingerprint.display);
 * ```
 */
export function verifyCooperativeKey(
  prepared: PreparedShare,
  options: VerifyCooperativeKeyOptions = {},
): VerifiedCooperativeKey {
  const { certificate, fingerprint: shown } = prepared.data_key;
  const parsed = dataKeyCertificatePayloadSchema.safeParse(certificate.payload);
  if (!parsed.success) throw untrusted('The certificate payload is malformed.');
  const payload = parsed.data;
  if (!verifySignedObject(certificate)) {
    throw untrusted('The data key certificate signature does not verify.');
  }
  if (payload.coopname !== prepared.coopname) {
    throw untrusted('The data key is certified for another cooperative.');
  }
  let fingerprint: DataKeyFingerprint;
  try {
    fingerprint = dataKeyFingerprint(payload.public_key);
  } catch (cause) {
    throw untrusted('The certified data key is not an X25519 key.', cause);
  }
  if (shown.replace(/\s+/g, '').toLowerCase() !== fingerprint.hex) {
    throw untrusted('The shown fingerprint is not that of the certified key.');
  }
  const { expectedAccountKey } = options;
  if (expectedAccountKey !== undefined && !sameKey(certificate.public_key, expectedAccountKey)) {
    throw untrusted("The certificate is not signed by the cooperative's account key.");
  }
  return { publicKey: payload.public_key, kid: payload.kid, fingerprint };
}

function sameKey(a: string, b: string): boolean {
  try {
    return PublicKey.from(a).equals(PublicKey.from(b));
  } catch {
    return false;
  }
}

function untrusted(message: string, cause?: unknown): CardCoopError {
  return new CardCoopError('UNTRUSTED_COOPERATIVE_KEY', message, { status: 0, cause });
}

import { Checksum256, KeyType, PrivateKey, PublicKey, Signature } from '@wharfkit/antelope';
import { utf8Encode } from './encoding.js';
import { canonicalize } from './jcs.js';

/**
 * A K1-signed object, MONO's convention for its attestations (protocol.md, "Encodings"):
 * `signature` is the secp256k1 signature of SHA-256 over the UTF-8 bytes of the RFC 8785 (JCS)
 * canonical JSON of `payload`, made by the key `public_key`. Used for the member's share
 * plaintext and the cooperative's data-key certificate.
 *
 * @example
 * ```ts
 * const signed: SignedObject<{ coopname: string }> = {
 *   payload: { coopname: 'voskhod' },
 *   public_key: 'PUB_K1_…',
 *   signature: 'SIG_K1_…',
 * };
 * ```
 */
export interface SignedObject<T> {
  payload: T;
  /** The signer's K1 public key, `PUB_K1_…`. */
  public_key: string;
  /** `SIG_K1_…` over SHA-256(UTF-8(JCS(payload))). */
  signature: string;
}

/**
 * The digest a {@link SignedObject}'s signature covers: SHA-256 of UTF-8(JCS(payload)).
 *
 * @throws TypeError when `payload` is not representable in JCS.
 * @example
 * ```ts
 * signedObjectDigest({ a: 1 }).hexString; // SHA-256 of '{"a":1}'
 * ```
 */
export function signedObjectDigest(payload: unknown): Checksum256 {
  return Checksum256.hash(utf8Encode(canonicalize(payload)));
}

/**
 * Signs `payload` with a K1 private key in MONO's attestation convention:
 * `PrivateKey.from(wif).signDigest(SHA-256(UTF-8(JCS(payload))))`. The signature is canonical
 * (as Antelope chains require) and `public_key` is the key's `PUB_K1_…` form.
 *
 * @throws TypeError when the key is not a K1 private key (WIF `5…` or `PVT_K1_…`), or `payload`
 *   is not representable in JCS.
 * @example
 * ```ts
 * const signed = signObject({ coopname: 'voskhod', kid: 'k1' }, wif);
 * verifySignedObject(signed); // true
 * ```
 */
export function signObject<T>(payload: T, privateKeyWif: string): SignedObject<T> {
  let key: PrivateKey;
  try {
    key = PrivateKey.from(privateKeyWif);
  } catch {
    throw new TypeError('Not a private key.');
  }
  if (key.type !== KeyType.K1) throw new TypeError('Signed objects need a K1 private key.');
  const signature = key.signDigest(signedObjectDigest(payload));
  return { payload, public_key: key.toPublic().toString(), signature: signature.toString() };
}

/**
 * Whether `signed` is a {@link SignedObject} whose K1 signature over SHA-256(UTF-8(JCS(payload)))
 * verifies against its `public_key` — checked with `Signature.verifyDigest`, and the key recovered
 * from the signature must be `public_key` too, as a chain would recover it. When
 * `expectedPublicKey` is given (`PUB_K1_…` or legacy `EOS…`), `public_key` must be that key.
 *
 * Never throws: malformed input (not an object, non-K1 keys or signatures, bad checksums, a
 * payload JCS cannot represent, an unparsable expected key) is `false`.
 *
 * @example
 * ```ts
 * if (!verifySignedObject(certificate, chainAccountKey)) throw new Error('forged');
 * ```
 */
export function verifySignedObject(signed: unknown, expectedPublicKey?: string): boolean {
  try {
    if (typeof signed !== 'object' || signed === null || !('payload' in signed)) return false;
    const {
      payload,
      public_key: publicKeyText,
      signature: signatureText,
    } = signed as Record<string, unknown>;
    if (typeof publicKeyText !== 'string' || typeof signatureText !== 'string') return false;
    const publicKey = PublicKey.from(publicKeyText);
    const signature = Signature.from(signatureText);
    if (publicKey.type !== KeyType.K1 || signature.type !== KeyType.K1) return false;
    if (expectedPublicKey !== undefined && !publicKey.equals(PublicKey.from(expectedPublicKey))) {
      return false;
    }
    const digest = signedObjectDigest(payload);
    return (
      signature.verifyDigest(digest, publicKey) && signature.recoverDigest(digest).equals(publicKey)
    );
  } catch {
    return false;
  }
}

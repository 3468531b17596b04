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
  const key = k1PrivateKey(privateKeyWif);
  const signature = key.signDigest(signedObjectDigest(payload));
  return { payload, public_key: key.toPublic().toString(), signature: signature.toString() };
}

function k1PrivateKey(privateKeyWif: string): PrivateKey {
  let key: PrivateKey;
  try {
    key = PrivateKey.from(privateKeyWif);
  } catch {
    throw new TypeError('Not a private key.');
  }
  if (key.type !== KeyType.K1) throw new TypeError('Signing needs a K1 private key.');
  return key;
}

/**
 * Whether `signatureText` is a K1 signature of `digest` by `publicKeyText` (checked with
 * `verifyDigest`, and the key recovered from the signature must be that key too, as a chain
 * would recover it), and `publicKeyText` is `expectedPublicKey` when one is given. Throws on
 * malformed keys or signatures; callers turn that into `false`.
 */
function verifiesK1(
  digest: Checksum256,
  publicKeyText: unknown,
  signatureText: unknown,
  expectedPublicKey: string | undefined,
): boolean {
  if (typeof publicKeyText !== 'string' || typeof signatureText !== 'string') return false;
  const publicKey = PublicKey.from(publicKeyText);
  const signature = Signature.from(signatureText);
  if (publicKey.type !== KeyType.K1 || signature.type !== KeyType.K1) return false;
  if (expectedPublicKey !== undefined && !publicKey.equals(PublicKey.from(expectedPublicKey))) {
    return false;
  }
  return (
    signature.verifyDigest(digest, publicKey) && signature.recoverDigest(digest).equals(publicKey)
  );
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
    const { payload, public_key, signature } = signed as Record<string, unknown>;
    return verifiesK1(signedObjectDigest(payload), public_key, signature, expectedPublicKey);
  } catch {
    return false;
  }
}

/**
 * A signed document in MONO's shape: `hash` is the SHA-256 (hex) of the document's bytes and
 * `signature` the K1 signature of that digest by `public_key`. `meta` travels with it unsigned,
 * as in MONO: put anything that must be signed into the document itself.
 *
 * @example
 * ```ts
 * const signed: SignedDocument<{ title: string }> = {
 *   hash: 'e3b0c442…', public_key: 'PUB_K1_…', signature: 'SIG_K1_…', meta: { title: 'Заявление' },
 * };
 * ```
 */
export interface SignedDocument<M = Record<string, unknown>> {
  /** SHA-256 of the document's bytes, 64 lowercase hex digits. */
  hash: string;
  /** The signer's K1 public key, `PUB_K1_…`. */
  public_key: string;
  /** `SIG_K1_…` over the 32 bytes of `hash`. */
  signature: string;
  meta: M;
}

const documentDigest = (document: Uint8Array | string) =>
  Checksum256.hash(typeof document === 'string' ? utf8Encode(document) : document);

/**
 * Signs a document (its bytes, or a string taken as UTF-8) with a K1 private key, in MONO's
 * `{hash, public_key, signature, meta}` shape; anyone can check it with `@wharfkit/antelope`
 * (`Signature.from(signature).verifyDigest(Checksum256.from(hash), PublicKey.from(public_key))`)
 * or {@link verifySignedDocument}.
 *
 * @throws TypeError when the key is not a K1 private key.
 * @example
 * ```ts
 * const statement = 'Прошу принять меня в пайщики ПК «Восход».';
 * const signed = signDocument(statement, { title: 'Заявление о вступлении' }, wif);
 * verifySignedDocument(signed, { document: statement }); // true
 * ```
 */
export function signDocument<M>(
  document: Uint8Array | string,
  meta: M,
  privateKeyWif: string,
): SignedDocument<M> {
  const key = k1PrivateKey(privateKeyWif);
  const digest = documentDigest(document);
  return {
    hash: digest.hexString,
    public_key: key.toPublic().toString(),
    signature: key.signDigest(digest).toString(),
    meta,
  };
}

/**
 * Whether `signed` is a {@link SignedDocument} whose signature over `hash` verifies against its
 * `public_key` (and the key recovered from it); with `document`, `hash` must be that document's
 * SHA-256; with `expectedPublicKey` (e.g. the member's key from their account or the chain), the
 * signer must be that key. Never throws: malformed input is `false`.
 *
 * @example
 * ```ts
 * if (!verifySignedDocument(signed, { document: pdfBytes, expectedPublicKey: account.publicKey })) {
 *   throw new Error('not signed by this member');
 * }
 * ```
 */
export function verifySignedDocument(
  signed: unknown,
  options: { document?: Uint8Array | string; expectedPublicKey?: string } = {},
): boolean {
  try {
    if (typeof signed !== 'object' || signed === null || !('meta' in signed)) return false;
    const { hash, public_key, signature } = signed as Record<string, unknown>;
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return false;
    const digest = Checksum256.from(hash);
    if (options.document !== undefined && !documentDigest(options.document).equals(digest)) {
      return false;
    }
    return verifiesK1(digest, public_key, signature, options.expectedPublicKey);
  } catch {
    return false;
  }
}

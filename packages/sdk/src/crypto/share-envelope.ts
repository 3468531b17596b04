import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import type { ShareEnvelope } from '@cardcoop/contracts';
import { base64UrlDecode, base64UrlEncode, utf8Encode } from './encoding.js';
import { canonicalize } from './jcs.js';
import { decryptionFailed } from './envelope.js';

/** The `suite` of every protocol v1 share envelope. */
export const SHARE_SUITE = 'X25519-HKDF-SHA256-AES256GCM' as const;

/** HPKE `info` of protocol v1 shares (UTF-8 encoded). */
export const SHARE_INFO = 'cardcoop/v1/share';

/**
 * The sharing suite of protocol v1 (RFC 9180 base mode): DHKEM(X25519, HKDF-SHA256),
 * HKDF-SHA256, AES-256-GCM. X25519 comes from `@hpke/dhkem-x25519` (pure JS), so it works where
 * WebCrypto has no X25519.
 */
export function shareSuite(): CipherSuite {
  return new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
}

/**
 * What a share envelope is bound to. `grantId` is `${username}@${coopname}`: the server keeps
 * one grant per (username, coopname) and issues no id before the share, so this pair is the
 * grant's stable identifier (see {@link shareGrantId}).
 */
export interface ShareContext {
  coopname: string;
  username: string;
  kid: string;
}

/**
 * The stable grant identifier bound into a share's AAD: `${username}@${coopname}`.
 *
 * @example
 * ```ts
 * shareGrantId({ username: 'abcdefghijkl', coopname: 'voskhod' }); // 'abcdefghijkl@voskhod'
 * ```
 */
export function shareGrantId(context: { username: string; coopname: string }): string {
  return `${context.username}@${context.coopname}`;
}

/**
 * AAD of a share envelope: UTF-8 of JCS `{coopname, username, grant_id, kid}`.
 *
 * @example
 * ```ts
 * const aad = shareAad({ coopname: 'voskhod', username: 'abcdefghijkl', kid: 'k1' });
 * ```
 */
export function shareAad(context: ShareContext): Uint8Array<ArrayBuffer> {
  return utf8Encode(
    canonicalize({
      coopname: context.coopname,
      username: context.username,
      grant_id: shareGrantId(context),
      kid: context.kid,
    }),
  );
}

/** Internal: HPKE base-mode seal of `plaintext` to a raw X25519 public key (base64url). */
export async function sealShare(
  plaintext: Uint8Array,
  recipientPublicKey: string,
  context: ShareContext,
): Promise<ShareEnvelope> {
  const suite = shareSuite();
  const publicKey = await suite.kem.deserializePublicKey(base64UrlDecode(recipientPublicKey));
  const { enc, ct } = await suite.seal(
    { recipientPublicKey: publicKey, info: utf8Encode(SHARE_INFO) },
    plaintext,
    shareAad(context),
  );
  return {
    v: 1,
    suite: SHARE_SUITE,
    kid: context.kid,
    enc: base64UrlEncode(new Uint8Array(enc)),
    ct: base64UrlEncode(new Uint8Array(ct)),
  };
}

/**
 * Internal: opens a share envelope with the raw X25519 private key (base64url).
 *
 * @throws CardCoopError `DECRYPTION_FAILED` for a wrong key, a changed `enc`/`ct`/`kid` or a
 * context (coopname, username) other than the sealed one.
 */
export async function openShare(
  envelope: ShareEnvelope,
  privateKey: string,
  context: Omit<ShareContext, 'kid'>,
  publicKey?: string,
): Promise<Uint8Array> {
  try {
    if (envelope.v !== 1 || envelope.suite !== SHARE_SUITE) throw new Error('Unknown suite.');
    const suite = shareSuite();
    const secret = await suite.kem.deserializePrivateKey(base64UrlDecode(privateKey));
    const recipientKey =
      publicKey === undefined
        ? secret
        : {
            privateKey: secret,
            publicKey: await suite.kem.deserializePublicKey(base64UrlDecode(publicKey)),
          };
    const plaintext = await suite.open(
      { recipientKey, enc: base64UrlDecode(envelope.enc), info: utf8Encode(SHARE_INFO) },
      base64UrlDecode(envelope.ct),
      shareAad({ ...context, kid: envelope.kid }),
    );
    return new Uint8Array(plaintext);
  } catch (cause) {
    throw decryptionFailed('The share could not be opened with this key and context.', cause);
  }
}

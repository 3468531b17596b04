import type { ShareEnvelope } from '@cardcoop/contracts';
import { utf8Encode } from './encoding.js';
import { canonicalize } from './jcs.js';
import { signObject } from './k1-signature.js';
import { sealShare } from './share-envelope.js';

/** Input of {@link sealSignedShare}. */
export interface SealSignedShareInput {
  /** What the member signs: `{coopname, username, fields, signed_at}`. */
  payload: {
    coopname: string;
    username: string;
    fields: Record<string, unknown>;
    signed_at: string;
  };
  /** The K1 key of the member's account in the cooperative (WIF or `PVT_K1_…`). */
  privateKeyWif: string;
  /** The cooperative's verified X25519 data key (base64url) and its id. */
  recipient: { publicKey: string; kid: string };
}

/**
 * A share as a member's device makes it (protocol v1): the payload signed with the account's K1
 * key (`signObject`), the signed object's JCS sealed with HPKE to the cooperative's data key,
 * bound to `{coopname, username, kid}`. {@link openSharedData} opens it.
 *
 * @example
 * ```ts
 * const envelope = await sealSignedShare({
 *   payload: { coopname: 'voskhod', username, fields: { first_name: 'Тест' }, signed_at },
 *   privateKeyWif: accountKey.toWif(),
 *   recipient: { publicKey: dataKey.publicKey, kid: 'k1' },
 * });
 * ```
 */
export function sealSignedShare(input: SealSignedShareInput): Promise<ShareEnvelope> {
  const { payload, recipient } = input;
  return sealShare(
    utf8Encode(canonicalize(signObject(payload, input.privateKeyWif))),
    recipient.publicKey,
    { coopname: payload.coopname, username: payload.username, kid: recipient.kid },
  );
}

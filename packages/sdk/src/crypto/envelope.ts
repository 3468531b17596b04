import { symmetricEnvelopeSchema } from '@cardcoop/contracts';
import type { SymmetricEnvelope } from '@cardcoop/contracts';
import { CardCoopError } from '../errors.js';
import { base64UrlDecode, base64UrlEncode, utf8Encode } from './encoding.js';
import { canonicalize } from './jcs.js';
import type { JsonValue } from './jcs.js';
import { randomBytes } from './random.js';

/**
 * Where a ciphertext belongs. All of it is bound into the AAD, so an envelope opens only for the
 * same purpose, user and record it was sealed for.
 *
 * @example
 * ```ts
 * const context: EnvelopeContext = {
 *   purpose: 'card',
 *   user_id: userId,
 *   record_id: 'card',
 *   meta: { version: 2, schema: CARD_SCHEMA_ID, kind: 'individual' },
 * };
 * ```
 */
export interface EnvelopeContext {
  /** What the plaintext is: `card`, `user_key` or `coop_account_key` (docs/protocol.md §6). */
  purpose: string;
  /** The owner's immutable account id. */
  user_id: string;
  /**
   * The record the envelope is stored in: `card`, `user_key/kek`, `user_key/recovery` or
   * `account/<coopname>/<username>` (docs/protocol.md §6).
   */
  record_id: string;
  /**
   * Authenticated, unencrypted metadata (e.g. `{version, schema, kind}` of a card). Absent and
   * `null` are the same: the AAD always carries a `meta` member, `null` when there is none.
   */
  meta?: JsonValue;
}

type EnvelopeHeader = Pick<SymmetricEnvelope, 'v' | 'alg' | 'kid'>;

const IV_BYTES = 12;

/**
 * The additional authenticated data of a symmetric envelope: UTF-8 of the RFC 8785 canonical JSON
 * of `{purpose, user_id, record_id, v, alg, kid, meta}`, `meta` being `null` when absent.
 */
export function envelopeAad(
  context: EnvelopeContext,
  header: EnvelopeHeader,
): Uint8Array<ArrayBuffer> {
  for (const field of ['purpose', 'user_id', 'record_id'] as const) {
    if (typeof context[field] !== 'string' || context[field] === '') {
      throw new TypeError(`Envelope context needs a non-empty ${field}.`);
    }
  }
  return utf8Encode(
    canonicalize({
      purpose: context.purpose,
      user_id: context.user_id,
      record_id: context.record_id,
      v: header.v,
      alg: header.alg,
      kid: header.kid,
      meta: context.meta ?? null,
    }),
  );
}

/**
 * Input of {@link sealEnvelope}.
 *
 * @example
 * ```ts
 * const input: SealInput = { key: userKey.key, kid: userKey.version, plaintext, context };
 * ```
 */
export interface SealInput {
  /** An AES-256-GCM key with `encrypt` usage (the user key, a KEK, a recovery wrap key). */
  key: CryptoKey;
  plaintext: Uint8Array;
  context: EnvelopeContext;
  /** The key_version of `key`, written in the header and bound into the AAD. */
  kid: string;
}

/**
 * Encrypts under AES-256-GCM with a fresh random 96-bit IV into
 * `{"v":1,"alg":"A256GCM","kid","iv","ct"}` (`ct` = ciphertext ‖ 128-bit tag, base64url).
 *
 * @example
 * ```ts
 * const envelope = await sealEnvelope({
 *   key: userKey.key,
 *   kid: userKey.version,
 *   plaintext: utf8Encode(JSON.stringify(card)),
 *   context: {
 *     purpose: 'card',
 *     user_id: userId,
 *     record_id: 'card',
 *     meta: { version: 2, schema: CARD_SCHEMA_ID, kind: card.kind },
 *   },
 * });
 * ```
 */
export async function sealEnvelope({
  key,
  plaintext,
  context,
  kid,
}: SealInput): Promise<SymmetricEnvelope> {
  const header: EnvelopeHeader = { v: 1, alg: 'A256GCM', kid };
  if (!symmetricEnvelopeSchema.shape.kid.safeParse(kid).success) {
    throw new TypeError('kid must be a string of 1 to 64 characters.');
  }
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: envelopeAad(context, header), tagLength: 128 },
    key,
    new Uint8Array(plaintext),
  );
  return { ...header, iv: base64UrlEncode(iv), ct: base64UrlEncode(new Uint8Array(ciphertext)) };
}

/**
 * Input of {@link openEnvelope}.
 *
 * @example
 * ```ts
 * const input: OpenInput = { key: userKey.key, envelope: stored, context };
 * ```
 */
export interface OpenInput {
  key: CryptoKey;
  /** As received; it is validated against the contract's `symmetricEnvelopeSchema` first. */
  envelope: unknown;
  /** The context the envelope must have been sealed for. */
  context: EnvelopeContext;
}

/**
 * Verifies and decrypts an envelope made by {@link sealEnvelope}.
 *
 * @throws CardCoopError `DECRYPTION_FAILED` when the envelope is malformed, the key is wrong, or
 * the envelope was moved to another user or record, or its header or `meta` was changed.
 * @example
 * ```ts
 * const bytes = await openEnvelope({
 *   key: userKey.key,
 *   envelope: stored.card,
 *   context: { purpose: 'card', user_id: userId, record_id: 'card', meta: stored.meta },
 * });
 * const card = JSON.parse(utf8Decode(bytes));
 * ```
 */
export async function openEnvelope({
  key,
  envelope,
  context,
}: OpenInput): Promise<Uint8Array<ArrayBuffer>> {
  const parsed = symmetricEnvelopeSchema.safeParse(envelope);
  if (!parsed.success) throw decryptionFailed('The envelope is malformed.', parsed.error);
  const { v, alg, kid, iv, ct } = parsed.data;
  const additionalData = envelopeAad(context, { v, alg, kid });
  try {
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: base64UrlDecode(iv), additionalData, tagLength: 128 },
      key,
      base64UrlDecode(ct),
    );
    return new Uint8Array(plaintext);
  } catch (cause) {
    throw decryptionFailed('The envelope could not be opened with this key and context.', cause);
  }
}

export function decryptionFailed(message: string, cause?: unknown): CardCoopError {
  return new CardCoopError('DECRYPTION_FAILED', message, { status: 0, cause });
}

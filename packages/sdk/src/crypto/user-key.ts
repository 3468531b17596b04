import { symmetricEnvelopeSchema } from '@cardcoop/contracts';
import type { SymmetricEnvelope } from '@cardcoop/contracts';
import { decryptionFailed, openEnvelope, sealEnvelope } from './envelope.js';
import type { EnvelopeContext } from './envelope.js';
import { deriveRecoveryWrapKey } from './keys.js';
import { randomBytes } from './random.js';

const USER_KEY_BYTES = 32;

/**
 * The member's data key, held in memory only. `key` encrypts and decrypts every envelope of the
 * member; it is non-extractable. The raw bytes stay inside the SDK, reachable only by the SDK's
 * own wrap functions (a new password, a new Recovery Kit, "trust this device"), and the object
 * serializes to a placeholder, so it cannot leak into a log or storage by accident.
 *
 * @example
 * ```ts
 * const { userKey } = outcome.session;
 * JSON.stringify(userKey); // '"[UserKey v1]"'
 * await sealEnvelope({ key: userKey.key, kid: userKey.version, plaintext, context });
 * ```
 */
export interface UserKey {
  /** Non-extractable AES-256-GCM key with `encrypt` and `decrypt` usages. */
  readonly key: CryptoKey;
  /** The key_version; written as `kid` in every envelope made with this key. */
  readonly version: string;
}

const rawBytes = new WeakMap<UserKey, Uint8Array<ArrayBuffer>>();
/** The account a user key was unwrapped (or made) for, when the SDK knows it. */
const owners = new WeakMap<UserKey, string>();

/**
 * Makes a user key from its 32 raw bytes (the SDK keeps its own copy).
 *
 * @example
 * ```ts
 * const userKey = await importUserKey(bytes, '1');
 * await sealEnvelope({ key: userKey.key, kid: userKey.version, plaintext, context });
 * ```
 */
export async function importUserKey(raw: Uint8Array, version = '1'): Promise<UserKey> {
  if (!(raw instanceof Uint8Array) || raw.length !== USER_KEY_BYTES) {
    throw new TypeError(`A user key is ${USER_KEY_BYTES} bytes.`);
  }
  const bytes = new Uint8Array(raw);
  const key = await globalThis.crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const userKey = Object.freeze({ key, version, toJSON: () => `[UserKey v${version}]` });
  rawBytes.set(userKey, bytes);
  return userKey;
}

/**
 * A new random user key (32 bytes from the CSPRNG), made once per account at registration.
 *
 * @example
 * ```ts
 * const userKey = await generateUserKey();
 * const wrapped = await wrapUserKey(kek, userKey, userId);
 * ```
 */
export function generateUserKey(version = '1'): Promise<UserKey> {
  return importUserKey(randomBytes(USER_KEY_BYTES), version);
}

/** The raw bytes of a user key made by this SDK. Internal: never exported from the package. */
export function userKeyBytes(userKey: UserKey): Uint8Array<ArrayBuffer> {
  const bytes = rawBytes.get(userKey);
  if (!bytes) throw new TypeError('Not a user key made by importUserKey or generateUserKey.');
  return bytes;
}

/** Internal: records which account a user key belongs to (set on unwrap and at registration). */
export function bindUserKeyOwner(userKey: UserKey, userId: string): void {
  owners.set(userKey, userId);
}

/** Internal: the account a user key belongs to, if this SDK unwrapped or made it for one. */
export function userKeyOwner(userKey: UserKey): string | undefined {
  return owners.get(userKey);
}

/** Whether two user keys hold the same bytes (used to test-unwrap before committing). */
export function sameUserKey(a: UserKey, b: UserKey): boolean {
  const x = userKeyBytes(a);
  const y = userKeyBytes(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]) && a.version === b.version;
}

const byKek = (userId: string): EnvelopeContext => ({
  purpose: 'user_key',
  user_id: userId,
  record_id: 'user_key/kek',
});
const byRecovery = (userId: string): EnvelopeContext => ({
  purpose: 'user_key',
  user_id: userId,
  record_id: 'user_key/recovery',
});

/**
 * Seals the user key under the password-derived KEK (`wrapped_user_key` on the wire). The
 * envelope's `kid` is the version of the user key inside it.
 *
 * @example
 * ```ts
 * const wrapped = await wrapUserKey(await deriveKek(exportKey), userKey, userId);
 * ```
 */
export function wrapUserKey(
  kek: CryptoKey,
  userKey: UserKey,
  userId: string,
): Promise<SymmetricEnvelope> {
  return seal(kek, userKey, byKek(userId));
}

/**
 * Opens `wrapped_user_key` with the KEK.
 *
 * @throws CardCoopError `DECRYPTION_FAILED` when the KEK or the user id does not match.
 * @example
 * ```ts
 * const userKey = await unwrapUserKey(kek, loginResult.wrapped_user_key, loginResult.user_id);
 * ```
 */
export function unwrapUserKey(kek: CryptoKey, envelope: unknown, userId: string): Promise<UserKey> {
  return open(kek, envelope, byKek(userId));
}

/**
 * Seals the user key for the Recovery Kit, under `HKDF(recoverySecret, "cardcoop/v1/recovery")`.
 *
 * @example
 * ```ts
 * const { secret } = await generateRecoveryKey();
 * const wrapped = await wrapUserKeyForRecovery(secret, userKey, userId);
 * ```
 */
export async function wrapUserKeyForRecovery(
  recoverySecret: Uint8Array,
  userKey: UserKey,
  userId: string,
): Promise<SymmetricEnvelope> {
  return seal(await deriveRecoveryWrapKey(recoverySecret), userKey, byRecovery(userId));
}

/**
 * Opens the recovery copy of the user key with the secret of a Recovery Kit.
 *
 * @throws CardCoopError `DECRYPTION_FAILED` when the recovery key or the user id does not match.
 * @example
 * ```ts
 * const secret = await parseRecoveryKey(typedByMember);
 * const userKey = await unwrapUserKeyWithRecovery(secret, recovery.wrapped_user_key, userId);
 * ```
 */
export async function unwrapUserKeyWithRecovery(
  recoverySecret: Uint8Array,
  envelope: unknown,
  userId: string,
): Promise<UserKey> {
  return open(await deriveRecoveryWrapKey(recoverySecret), envelope, byRecovery(userId));
}

function seal(key: CryptoKey, userKey: UserKey, context: EnvelopeContext) {
  return sealEnvelope({ key, plaintext: userKeyBytes(userKey), context, kid: userKey.version });
}

async function open(key: CryptoKey, envelope: unknown, context: EnvelopeContext) {
  const raw = await openEnvelope({ key, envelope, context });
  try {
    if (raw.length !== USER_KEY_BYTES) throw decryptionFailed('The wrapped user key is malformed.');
    // openEnvelope validated the envelope, and its kid is authenticated by the AAD.
    const userKey = await importUserKey(raw, symmetricEnvelopeSchema.parse(envelope).kid);
    bindUserKeyOwner(userKey, context.user_id);
    return userKey;
  } finally {
    raw.fill(0);
  }
}

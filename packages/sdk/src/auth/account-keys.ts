import type { SymmetricEnvelope } from '@cardcoop/contracts';
import { decryptionFailed } from '../crypto/envelope.js';
import { deriveKek } from '../crypto/keys.js';
import { generateRecoveryKey, parseRecoveryKey, recoveryAuthHash } from '../crypto/recovery-kit.js';
import {
  bindUserKeyOwner,
  generateUserKey,
  sameUserKey,
  unwrapUserKey,
  unwrapUserKeyWithRecovery,
  wrapUserKey,
  wrapUserKeyForRecovery,
} from '../crypto/user-key.js';
import type { UserKey } from '../crypto/user-key.js';

/** The recovery half of an account's keys: the printed key and what the server stores. */
export interface RecoveryMaterial {
  /** Formatted for the printable kit; shown once, never sent. */
  recoveryKey: string;
  wrappedUserKey: SymmetricEnvelope;
  authHash: string;
}

/**
 * Wraps the user key under the KEK of a fresh OPAQUE export key, then test-unwraps it with a KEK
 * derived anew, so a wrap that would not open at the next login is never committed.
 */
export async function wrapForPassword(
  exportKey: string,
  userKey: UserKey,
  userId: string,
): Promise<SymmetricEnvelope> {
  const wrapped = await wrapUserKey(await deriveKek(exportKey), userKey, userId);
  const check = await unwrapUserKey(await deriveKek(exportKey), wrapped, userId);
  assertSame(userKey, check);
  return wrapped;
}

/**
 * A new recovery key and the recovery wrap of the user key; the test-unwrap starts from the
 * printed text, so the kit the member keeps is proven to open the wrap.
 */
export async function createRecoveryMaterial(
  userKey: UserKey,
  userId: string,
): Promise<RecoveryMaterial> {
  const { secret, text } = await generateRecoveryKey();
  const wrappedUserKey = await wrapUserKeyForRecovery(secret, userKey, userId);
  const authHash = await recoveryAuthHash(secret);
  const reread = await parseRecoveryKey(text);
  assertSame(userKey, await unwrapUserKeyWithRecovery(reread, wrappedUserKey, userId));
  if ((await recoveryAuthHash(reread)) !== authHash) throw selfCheckFailed();
  return { recoveryKey: text, wrappedUserKey, authHash };
}

/** Everything a new account needs from the client, made from the registration's export key. */
export async function createAccountKeys(exportKey: string, userId: string) {
  const userKey = await generateUserKey();
  bindUserKeyOwner(userKey, userId);
  return {
    userKey,
    wrappedUserKey: await wrapForPassword(exportKey, userKey, userId),
    recovery: await createRecoveryMaterial(userKey, userId),
  };
}

function assertSame(expected: UserKey, actual: UserKey): void {
  if (!sameUserKey(expected, actual)) throw selfCheckFailed();
}

function selfCheckFailed() {
  return decryptionFailed('Self-check failed: the new key wrap does not open; nothing was sent.');
}

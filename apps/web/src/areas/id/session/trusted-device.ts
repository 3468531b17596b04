import { unwrapUserKey, wrapUserKey } from '@cardcoop/sdk';
import type { UserKey } from '@cardcoop/sdk';

/**
 * "Trust this device" (protocol.md, "Tokens"): the user key sealed under a NON-EXTRACTABLE
 * AES-GCM device key, both in IndexedDB (never localStorage). Script on this origin can use
 * the device key but never read it, so the stored copy opens only in this browser profile.
 */
interface TrustedCopy {
  userId: string;
  deviceKey: CryptoKey;
  wrappedUserKey: unknown;
}

const DATABASE = 'cardcoop-device';
const STORE = 'trusted';
const RECORD = 'member';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

/** One operation on the device's store, in a transaction of its own. */
export async function transact<T>(
  mode: IDBTransactionMode,
  operation: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = operation(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB aborted'));
    });
  } finally {
    database.close();
  }
}

/** Keeps this member's user key on this device, replacing any earlier copy. */
export async function trustDevice(userId: string, userKey: UserKey): Promise<void> {
  const deviceKey = await globalThis.crypto.subtle.generateKey(
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const wrappedUserKey = await wrapUserKey(deviceKey, userKey, userId);
  const copy: TrustedCopy = { userId, deviceKey, wrappedUserKey };
  await transact('readwrite', (store) => store.put(copy, RECORD));
}

/** The user key kept on this device for this member; any other or unopenable copy is wiped. */
export async function trustedUserKey(userId: string): Promise<UserKey | undefined> {
  const copy = await transact<TrustedCopy | undefined>('readonly', (store) => store.get(RECORD));
  if (!copy) return undefined;
  try {
    if (copy.userId === userId)
      return await unwrapUserKey(copy.deviceKey, copy.wrappedUserKey, userId);
  } catch {
    // A rotated user key or a damaged copy: the password opens the card instead.
  }
  await forgetDevice();
  return undefined;
}

/** Wipes the kept user key (sign-out, "forget this device", a session ended elsewhere). */
export async function forgetDevice(): Promise<void> {
  await transact('readwrite', (store) => store.delete(RECORD));
}

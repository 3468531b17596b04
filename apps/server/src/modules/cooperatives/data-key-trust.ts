import { PublicKey } from '@wharfkit/antelope';
import type { DataKeyCertificate } from '@cardcoop/contracts';
import { verifySignedObject } from '@cardcoop/sdk';

/**
 * Whether members may seal data to this certificate's key: it is about `coopname`, its K1
 * signature (SHA-256 of the JCS payload, MONO's convention) verifies, and — when the registry
 * knows the account's keys (a chain is configured) — the signer is one of the `owner`/`active`
 * keys of the cooperative's account. `accountKeys` undefined: no registry of keys to check.
 */
export function isTrustedDataKey(
  coopname: string,
  certificate: DataKeyCertificate,
  accountKeys: string[] | undefined,
): boolean {
  if (certificate.payload.coopname !== coopname || !verifySignedObject(certificate)) return false;
  if (accountKeys === undefined) return true;
  const signer = PublicKey.from(certificate.public_key);
  return accountKeys.some((key) => PublicKey.from(key).equals(signer));
}

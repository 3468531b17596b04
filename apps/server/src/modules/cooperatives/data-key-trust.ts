import { PublicKey } from '@wharfkit/antelope';
import type { DataKeyCertificate } from '@cardcoop/contracts';
import { verifySignedObject } from '@cardcoop/sdk';
import { BoundedMap } from '../../common/bounded-map.js';

/**
 * Certificates whose signature verified. The check is pure (the same bytes always give the same
 * answer) and costs ~2 ms of secp256k1 in JavaScript, while every share re-checks the same few
 * certificates; only successes are kept, so a forged certificate is checked each time.
 */
const verified = new BoundedMap<string, true>(1000);

function signatureVerifies(certificate: DataKeyCertificate): boolean {
  const key = JSON.stringify([certificate.payload, certificate.public_key, certificate.signature]);
  if (verified.get(key)) return true;
  if (!verifySignedObject(certificate)) return false;
  verified.set(key, true);
  return true;
}

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
  if (certificate.payload.coopname !== coopname || !signatureVerifies(certificate)) return false;
  if (accountKeys === undefined) return true;
  const signer = PublicKey.from(certificate.public_key);
  return accountKeys.some((key) => PublicKey.from(key).equals(signer));
}

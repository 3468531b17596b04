import { createHash } from 'node:crypto';

/** Domain separation; `clientSecretVersionSql` (cooperatives.repository.ts) computes the same. */
export const CLIENT_SECRET_VERSION_CONTEXT = 'cardcoop/v1/coop-token:';

/**
 * A short tag of a cooperative's current client secret: 64 bits of SHA-256 over its stored hash.
 * Cooperative tokens carry it (claim `csv`), so that rotating the secret ends them on every node
 * at their next request. Not a credential: nothing about the secret can be learnt from it.
 */
export const clientSecretVersion = (clientSecretHash: string): string =>
  createHash('sha256')
    .update(CLIENT_SECRET_VERSION_CONTEXT + clientSecretHash)
    .digest('hex')
    .slice(0, 16);

/**
 * Whether a token of secret version `version` is still good for this cooperative: issued under
 * its current client secret, or under the previous one until the rotation's grace period ends.
 * `acceptedSecretVersionSql` (cooperatives.repository.ts) is the same rule in SQL.
 */
export function acceptsSecretVersion(
  cooperative: {
    clientSecretHash: string;
    previousClientSecretHash: string | null;
    previousClientSecretValidUntil: Date | null;
  },
  version: string,
  now: number,
): boolean {
  if (clientSecretVersion(cooperative.clientSecretHash) === version) return true;
  const previous = cooperative.previousClientSecretHash;
  const until = cooperative.previousClientSecretValidUntil?.getTime() ?? 0;
  return previous !== null && until > now && clientSecretVersion(previous) === version;
}

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

import { opaquePublicKeySchema } from '@cardcoop/contracts';
import type { OpaquePublicKey } from '@cardcoop/contracts';
import type { HttpClient } from '../http.js';
import { parseResponse } from './common.js';

/** Where the server publishes its OPAQUE public key (outside `/api/v1`, like the JWKS). */
export const OPAQUE_PUBLIC_KEY_PATH = '/.well-known/opaque-public-key';

/**
 * Fetches the server's published OPAQUE public key (`GET /.well-known/opaque-public-key`): the
 * 32-byte ristretto255 key of its OPAQUE setup, base64url, and the setup's version. Every
 * registration and login with that server reports the same key as `serverStaticPublicKey`.
 *
 * Fetching the key from the server it authenticates proves nothing by itself: pin it. Ship the
 * value with the app or its configuration, or keep the first value seen (trust on first use),
 * and pass it as `expectedServerPublicKey` to `login`, `completeRegistration`, `unlock`,
 * `changePassword` and the other OPAQUE flows; they stop with `SERVER_KEY_MISMATCH` before
 * anything derived from the password is sent when the server answers with another key. A new
 * `setup_version` with a new key means the operator rolled a new setup: accept it only through
 * the same channel the pinned key came from (docs/protocol.md §3.2).
 *
 * @throws CardCoopError `INVALID_RESPONSE` when the answer is not a key of the expected shape;
 *   transport and server errors as any request.
 * @example
 * ```ts
 * const client = createClient({ baseUrl: 'https://id.card.coop' });
 * const pinned = (await settings.get('cardcoop.opaqueKey')) ??
 *   (await client.auth.serverPublicKey()).opaque_public_key; // first use: keep it
 * await settings.set('cardcoop.opaqueKey', pinned);
 * const outcome = await client.auth.login({ email, password, expectedServerPublicKey: pinned });
 * ```
 */
export async function serverPublicKey(http: HttpClient): Promise<OpaquePublicKey> {
  return parseResponse(
    opaquePublicKeySchema,
    await http.request(OPAQUE_PUBLIC_KEY_PATH),
    'well-known/opaque-public-key',
  );
}

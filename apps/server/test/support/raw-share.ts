import { createHash, randomBytes } from 'node:crypto';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/**
 * The body of `POST /api/v1/access/share-data` as a member's device sends it: the cooperative's
 * PKCE challenge for a new `verifier` (returned, for the cooperative's ticket exchange) and a
 * stand-in HPKE envelope of the right shape for its key `k1` (the server never opens it),
 * sharing `first_name`.
 */
export function shareDataBody(coopname: string, redirectUri: string, state = 'state-1234567') {
  const verifier = b64(randomBytes(32));
  const body = {
    coopname,
    response_mode: 'query',
    redirect_uri: redirectUri,
    state,
    code_challenge: b64(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    envelope: {
      v: 1,
      suite: 'X25519-HKDF-SHA256-AES256GCM',
      kid: 'k1',
      enc: b64(randomBytes(32)),
      ct: b64(Buffer.from('sealed card fields'.padEnd(40, '.'))),
    },
    fields: ['first_name'],
  };
  return { body, verifier };
}

// Access tokens minted by the benchmark itself with the server's JWT key, with exactly the
// header and claims the server's TokenService signs (apps/server/src/modules/tokens/
// token.service.ts): member tokens as a login issues them (sessions.service.ts), cooperative
// tokens as exchange-ticket issues them (access/sharing.service.ts).
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';

const TYP = 'at+jwt';
/** The server's ACCESS_TOKEN_SECONDS and COOP_TOKEN_SECONDS. */
export const MEMBER_TOKEN_SECONDS = 600;
export const COOP_TOKEN_SECONDS = 900;

/**
 * `issuer` must be the server's PUBLIC_URL. The lifetime only sets `exp` (the server checks no
 * maximum): it must cover the whole run, so a long run gets longer-lived tokens than real ones.
 */
export async function createMinter(privateJwk, issuer) {
  const { kid } = privateJwk;
  const privateKey = await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA');
  const { d: _private, ...publicJwk } = privateJwk;
  const sign = (claims, subject, audience, seconds) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: TYP })
      .setIssuer(issuer)
      .setSubject(subject)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .setJti(randomUUID())
      .sign(privateKey);
  return {
    /** What a verifier needs: the public JWK (with kid and alg) and the issuer. */
    verification: { jwk: { ...publicJwk, alg: 'EdDSA' }, issuer },
    member: ({ userId, sessionId, amr }, seconds = MEMBER_TOKEN_SECONDS) =>
      sign({ sid: sessionId, scope: 'member', amr }, userId, 'member', seconds),
    coop: (
      { coopname, grantId, username, generation, secretVersion },
      seconds = COOP_TOKEN_SECONDS,
    ) =>
      sign(
        {
          sid: grantId,
          scope: `grant:${username}`,
          amr: ['client_secret', 'pkce'],
          gen: generation,
          // The version of the cooperative's client secret (client-secret-version.ts).
          csv: secretVersion,
        },
        coopname,
        'coop',
        seconds,
      ),
  };
}

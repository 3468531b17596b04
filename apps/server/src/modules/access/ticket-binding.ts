import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors/app-error.js';

/** Tickets are kept as base64url SHA-256 hashes; PKCE S256 is the same digest of the verifier. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export const invalidGrant = () => new AppError('INVALID_GRANT', 400);
export const invalidToken = () =>
  new AppError('INVALID_TOKEN', 401, {
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  });

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether an exchange presents what its ticket is bound to: the exact redirect URI, the PKCE
 * verifier of the challenge (both compared in constant time), before the ticket's expiry.
 */
export function ticketBound(
  ticket: { redirectUri: string; codeChallenge: string; expiresAt: Date },
  input: { redirect_uri: string; code_verifier: string },
  now: number,
): boolean {
  return (
    sameText(ticket.redirectUri, input.redirect_uri) &&
    sameText(ticket.codeChallenge, sha256(input.code_verifier)) &&
    ticket.expiresAt.getTime() > now
  );
}

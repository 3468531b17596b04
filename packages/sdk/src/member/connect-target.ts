import { connectTargetSchema } from '@cardcoop/contracts';
import type { ConnectTarget } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { CardCoopError } from '../errors.js';
import { withQuery } from '../http.js';
import type { HttpClient } from '../http.js';

/** A cooperative's connect request (`/id/connect?…`), as the member's app received it. */
export interface ConnectTargetInput {
  coopname: string;
  /** The return address (`query`), or the cooperative page's origin (`web_message`). */
  redirectUri: string;
  /** Defaults to `query`. */
  responseMode?: 'query' | 'web_message';
  /** `none`: quick entry, no consent screen when a live grant covers every requested field. */
  prompt?: 'none';
}

/**
 * Checks a connect request against the registry before the member signs in (public): who asks,
 * the fields it wants, and that the return address is registered for the mode. The answer must
 * be about exactly this request.
 *
 * @throws CardCoopError `UNREGISTERED_CALLBACK` for an address the cooperative did not register,
 *   `NOT_FOUND` for an unknown or suspended cooperative, `INVALID_RESPONSE` for an answer about
 *   another request.
 * @example
 * ```ts
 * const target = await connectTarget(http, { coopname: 'voskhod', redirectUri: 'https://voskhod.example/cb' });
 * showConsent(target.display_name, target.requested_fields);
 * ```
 */
export async function connectTarget(
  http: HttpClient,
  { coopname, redirectUri, responseMode = 'query', prompt }: ConnectTargetInput,
): Promise<ConnectTarget> {
  const target = parseResponse(
    connectTargetSchema,
    await http.request(
      withQuery(`/api/v1/access/connect/${encodeURIComponent(coopname)}`, {
        redirect_uri: redirectUri,
        response_mode: responseMode,
        prompt,
      }),
    ),
    'access/connect',
  );
  if (
    target.coopname !== coopname ||
    target.redirect_uri !== redirectUri ||
    target.response_mode !== responseMode
  ) {
    throw new CardCoopError('INVALID_RESPONSE', 'Unexpected answer from access/connect.', {
      status: 200,
    });
  }
  return target;
}

import { utf8Encode } from '../crypto/encoding.js';
import { HttpClient } from '../http.js';
import type { RequestOptions } from '../http.js';

/**
 * How a cooperative's server calls the cooperative API: its client credentials. Keep the secret
 * on the server; never send it to a browser.
 *
 * @example
 * ```ts
 * const credentials: CoopCredentials = {
 *   baseUrl: 'https://id.card.coop',
 *   coopname: 'voskhod',
 *   clientSecret: process.env.CARDCOOP_CLIENT_SECRET!,
 * };
 * ```
 */
export interface CoopCredentials {
  /** Origin of the card.coop server. */
  baseUrl: string;
  /** The cooperative's client id. */
  coopname: string;
  clientSecret: string;
  fetch?: typeof globalThis.fetch;
}

/** One cooperative API request, authenticated with HTTP Basic `coopname:clientSecret`. */
export function coopRequest<T>(
  credentials: CoopCredentials,
  path: string,
  options: Omit<RequestOptions, 'headers'> = {},
): Promise<T> {
  const http = new HttpClient(
    credentials.fetch === undefined
      ? { baseUrl: credentials.baseUrl }
      : { baseUrl: credentials.baseUrl, fetch: credentials.fetch },
  );
  let binary = '';
  for (const byte of utf8Encode(`${credentials.coopname}:${credentials.clientSecret}`)) {
    binary += String.fromCharCode(byte);
  }
  return http.request<T>(path, { ...options, headers: { authorization: `Basic ${btoa(binary)}` } });
}

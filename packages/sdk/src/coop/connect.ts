import { antelopeNameSchema } from '@cardcoop/contracts';
import type { StartedShare } from './sharing.js';

/** The card.coop page a member is sent to in the redirect flow. */
const CONNECT_PATH = '/id/connect';

/** Input of {@link connectUrl}. */
export interface ConnectUrlInput {
  /** Origin of the card.coop server, e.g. `https://id.card.coop` (a path prefix is kept). */
  baseUrl: string;
  /** The cooperative's client id (its Antelope account name). */
  coopname: string;
  /** From {@link startShare}: its `redirectUri`, `state` and `codeChallenge` go into the URL. */
  started: StartedShare;
}

/**
 * The address to send the member to (a 302 from the cooperative's server) in the redirect flow:
 * `${baseUrl}/id/connect?coopname=…&redirect_uri=…&state=…&code_challenge=…&code_challenge_method=S256`.
 * There the member sees the cooperative and the requested fields, consents, and is sent back to
 * `redirect_uri?ticket=…&state=…`. With `started.prompt` (`startShare({ …, prompt: 'none' })`,
 * quick entry, ADR 018) `&prompt=none` is added: a member whose live grant covers the requested
 * fields comes straight back with a fresh ticket. Only public values go into the URL: the PKCE verifier stays with
 * the cooperative.
 *
 * @throws TypeError when `baseUrl` is not an http(s) URL without query or fragment, `coopname`
 *   is not an Antelope account name, or `started.redirectUri` is not an http(s) URL.
 * @example
 * ```ts
 * const started = await startShare({ redirectUri: 'https://voskhod.example/cardcoop/callback' });
 * session.cardcoop = started; // state + codeVerifier stay on the cooperative's server
 * reply.redirect(connectUrl({ baseUrl: 'https://id.card.coop', coopname: 'voskhod', started }));
 * ```
 */
export function connectUrl({ baseUrl, coopname, started }: ConnectUrlInput): string {
  const url = httpUrl(baseUrl, 'baseUrl');
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError('baseUrl must not carry a query or a fragment.');
  }
  if (!antelopeNameSchema.safeParse(coopname).success) {
    throw new TypeError('coopname must be an Antelope account name.');
  }
  httpUrl(started.redirectUri, 'started.redirectUri');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${CONNECT_PATH}`;
  url.search = new URLSearchParams({
    coopname,
    redirect_uri: started.redirectUri,
    state: started.state,
    code_challenge: started.codeChallenge,
    code_challenge_method: 'S256',
    ...(started.prompt ? { prompt: started.prompt } : {}),
  }).toString();
  return url.toString();
}

function httpUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} must be an absolute http(s) URL.`);
  }
  return url;
}

/**
 * A cooperative's request to receive the member's data, as it arrives in the address of
 * `/id/connect` (redirect and popup) or `/id/embed` (iframe). Only its shape is checked here;
 * whether the cooperative registered the return address is the server's answer
 * (`GET /access/connect/{coopname}`), asked before the member signs in.
 */
export interface ConnectRequest {
  coopname: string;
  /** The return address (`query`), or the cooperative page's origin (`web_message`). */
  redirectUri: string;
  responseMode: 'query' | 'web_message';
  state: string;
  /** PKCE S256 challenge. */
  codeChallenge: string;
  /**
   * `none`: quick entry (ADR 018) — no consent screen when a live grant already covers every
   * requested field the card holds. Never honoured in an iframe.
   */
  prompt?: 'none';
}

/** The parameter that is missing or malformed. */
export type ConnectParam =
  | 'coopname'
  | 'redirect_uri'
  | 'origin'
  | 'state'
  | 'code_challenge'
  | 'code_challenge_method'
  | 'response_mode'
  | 'prompt';

export type ParsedConnectRequest =
  { ok: true; request: ConnectRequest } | { ok: false; invalid: ConnectParam[] };

// The server's rules (contracts: antelopeNameSchema, shareDataSchema), checked before anything
// is asked, so a broken link is refused at once and names what is wrong.
const ANTELOPE_NAME = /(^[a-z1-5.]{1,11}[a-z1-5]$)|(^[a-z1-5.]{12}[a-j1-5]$)/;
const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const STATE = { min: 8, max: 512 };
const MAX_URL = 2000;

function httpUrl(value: string | null): URL | undefined {
  if (!value || value.length > MAX_URL) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** An origin exactly, as registered: scheme, host and port, no path or trailing slash. */
function isOrigin(value: string | null): value is string {
  return httpUrl(value)?.origin === value;
}

/**
 * Reads a connect request from the page address. `connect`: `redirect_uri` (a redirect URI, or an
 * origin with `response_mode=web_message`, the popup); `embed`: `origin`, always `web_message`.
 *
 * @example
 * ```ts
 * const parsed = parseConnectRequest(new URLSearchParams(location.search), 'connect');
 * if (!parsed.ok) showRefusal(parsed.invalid);
 * ```
 */
export function parseConnectRequest(
  params: URLSearchParams,
  entry: 'connect' | 'embed',
): ParsedConnectRequest {
  const invalid: ConnectParam[] = [];
  const coopname = params.get('coopname') ?? '';
  if (!ANTELOPE_NAME.test(coopname)) invalid.push('coopname');

  const mode = entry === 'embed' ? 'web_message' : (params.get('response_mode') ?? 'query');
  if (mode !== 'query' && mode !== 'web_message') invalid.push('response_mode');
  const responseMode = mode === 'web_message' ? 'web_message' : 'query';

  const target = entry === 'embed' ? 'origin' : 'redirect_uri';
  const redirectUri = params.get(target);
  const validTarget =
    responseMode === 'web_message' ? isOrigin(redirectUri) : httpUrl(redirectUri) !== undefined;
  if (!validTarget) invalid.push(target);

  const state = params.get('state') ?? '';
  if (state.length < STATE.min || state.length > STATE.max) invalid.push('state');
  const codeChallenge = params.get('code_challenge') ?? '';
  if (!CODE_CHALLENGE.test(codeChallenge)) invalid.push('code_challenge');
  // The widget's iframe may leave the method out; S256 is the only one there is.
  const method = params.get('code_challenge_method');
  if (method !== 'S256' && !(entry === 'embed' && method === null)) {
    invalid.push('code_challenge_method');
  }

  const prompt = params.get('prompt');
  if (prompt !== null && prompt !== 'none') invalid.push('prompt');

  if (invalid.length > 0 || redirectUri === null) return { ok: false, invalid };
  return {
    ok: true,
    request: {
      coopname,
      redirectUri,
      responseMode,
      state,
      codeChallenge,
      ...(prompt === 'none' ? { prompt } : {}),
    },
  };
}

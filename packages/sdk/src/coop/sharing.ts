import { coopTokenSchema, encryptedDataSchema } from '@cardcoop/contracts';
import type { CoopToken, EncryptedData, ShareEnvelope } from '@cardcoop/contracts';
import { PublicKey } from '@wharfkit/antelope';
import { parseResponse } from '../auth/common.js';
import { base64UrlEncode, utf8Decode, utf8Encode } from '../crypto/encoding.js';
import { verifySignedObject } from '../crypto/k1-signature.js';
import { randomBytes } from '../crypto/random.js';
import { openShare } from '../crypto/share-envelope.js';
import { CardCoopError } from '../errors.js';
import { HttpClient } from '../http.js';

const ACCESS_PATH = '/api/v1/access';

/**
 * What a cooperative keeps between sending the member to card.coop and receiving the ticket.
 * Keep `codeVerifier` server-side (or in the cooperative's session), never in the URL.
 */
export interface StartedShare {
  redirectUri: string;
  /** 32 random bytes, base64url: compare it with the `state` the redirect brings back. */
  state: string;
  /** PKCE verifier: 32 random bytes, base64url (43 characters). */
  codeVerifier: string;
  /** PKCE S256 challenge: base64url(SHA-256(codeVerifier)); send it with the share request. */
  codeChallenge: string;
  /**
   * `none`: quick entry (ADR 018) — the member is not asked again when a live grant covers every
   * requested field; they see the consent screen otherwise. {@link connectUrl} carries it.
   */
  prompt?: 'none';
}

/**
 * Starts a share request (OAuth 2 style): a fresh `state` and a PKCE S256 pair.
 *
 * @example
 * ```ts
 * const started = await startShare({ redirectUri: 'https://voskhod.example/cardcoop/callback' });
 * session.cardcoop = started; // state + codeVerifier stay on the cooperative's server
 * ```
 */
export async function startShare(input: {
  redirectUri: string;
  prompt?: 'none';
}): Promise<StartedShare> {
  const codeVerifier = base64UrlEncode(randomBytes(32));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', utf8Encode(codeVerifier));
  return {
    redirectUri: input.redirectUri,
    state: base64UrlEncode(randomBytes(32)),
    codeVerifier,
    codeChallenge: base64UrlEncode(new Uint8Array(digest)),
    ...(input.prompt ? { prompt: input.prompt } : {}),
  };
}

/** Input of {@link exchangeTicket}. */
export interface ExchangeTicketInput {
  /** Origin of the card.coop server. */
  baseUrl: string;
  /** The cooperative's client id. */
  coopname: string;
  /** The cooperative's client secret (HTTP Basic); never send it to a browser. */
  clientSecret: string;
  ticket: string;
  /** The exact redirect URI the share was started with. */
  redirectUri: string;
  codeVerifier: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * Redeems a single-use ticket for a cooperative access token scoped to one (username, coopname).
 *
 * @throws CardCoopError `INVALID_GRANT` for a spent, expired or foreign ticket, a wrong
 * redirect URI or verifier; `UNAUTHORIZED` for wrong client credentials.
 * @example
 * ```ts
 * const token = await exchangeTicket({
 *   baseUrl: 'https://id.card.coop',
 *   coopname: 'voskhod',
 *   clientSecret: process.env.CARDCOOP_CLIENT_SECRET!,
 *   ticket,
 *   redirectUri: started.redirectUri,
 *   codeVerifier: started.codeVerifier,
 * });
 * ```
 */
export async function exchangeTicket(input: ExchangeTicketInput): Promise<CoopToken> {
  const http = new HttpClient(httpOptions(input));
  const credentials = standardBase64(utf8Encode(`${input.coopname}:${input.clientSecret}`));
  const token = parseResponse(
    coopTokenSchema,
    await http.request(`${ACCESS_PATH}/exchange-ticket`, {
      method: 'POST',
      headers: { authorization: `Basic ${credentials}` },
      body: {
        ticket: input.ticket,
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
      },
    }),
    'access/exchange-ticket',
  );
  if (token.coopname !== input.coopname) {
    throw new CardCoopError('INVALID_RESPONSE', 'The token is for another cooperative.', {
      status: 200,
    });
  }
  return token;
}

/** Input of {@link fetchSharedData}. */
export interface FetchSharedDataInput {
  baseUrl: string;
  /** `access_token` of the {@link exchangeTicket} answer. */
  token: string;
  username: string;
  coopname: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * Fetches the member's sealed share; open it with {@link openSharedData}.
 *
 * @throws CardCoopError `FORBIDDEN` after the member revoked the grant; `INVALID_RESPONSE` when
 * the answer is for another (username, coopname).
 * @example
 * ```ts
 * const data = await fetchSharedData({ baseUrl, token: token.access_token, username, coopname });
 * ```
 */
export async function fetchSharedData(input: FetchSharedDataInput): Promise<EncryptedData> {
  const http = new HttpClient(httpOptions(input));
  const path = `${ACCESS_PATH}/get-encrypted-data/${encodeURIComponent(input.username)}/${encodeURIComponent(input.coopname)}`;
  const data = parseResponse(
    encryptedDataSchema,
    await http.request(path, { headers: { authorization: `Bearer ${input.token}` } }),
    'access/get-encrypted-data',
  );
  if (data.username !== input.username || data.coopname !== input.coopname) {
    throw new CardCoopError('INVALID_RESPONSE', 'The share is for another grant.', {
      status: 200,
    });
  }
  return data;
}

/** Input of {@link openSharedData}. */
export interface OpenSharedDataInput {
  envelope: ShareEnvelope;
  /** The data key's raw X25519 private key, base64url (from `generateDataKey`). */
  dataPrivateKey: string;
  /** Its public half, base64url; optional (derived from the private key otherwise). */
  dataPublicKey?: string;
  coopname: string;
  username: string;
  /**
   * The member's K1 account key in this cooperative (`PUB_K1_…`), from the chain or from the
   * registration. When given, the share must be signed by exactly this key; without it, the
   * signature is only checked to be self-consistent — compare `memberPublicKey` yourself.
   */
  expectedMemberKey?: string;
}

/** The opened, verified share. */
export interface SharedData {
  /** Exactly the fields the member consented to. */
  fields: Record<string, unknown>;
  /** ISO 8601, as signed by the member. */
  signedAt: string;
  /** The K1 key that signed the share, `PUB_K1_…`. */
  memberPublicKey: string;
}

/**
 * Opens a share: HPKE base mode with `info` `cardcoop/v1/share` and AAD = JCS
 * `{coopname, username, grant_id: ${username}@${coopname}, kid}`, then checks the member's K1
 * signature over the payload (against `expectedMemberKey` when given) and that the payload
 * names this cooperative and member.
 *
 * @throws CardCoopError `DECRYPTION_FAILED` when the envelope does not open (wrong key, changed
 * `enc`/`ct`/`kid`, another coopname or username); `UNTRUSTED_MEMBER_SIGNATURE` when the
 * plaintext is not a valid signed share, the signature does not verify or is by another key, or
 * the payload is for another cooperative or member.
 * @example
 * ```ts
 * const { fields } = await openSharedData({
 *   envelope: data.envelope,
 *   dataPrivateKey: await secrets.get(`cardcoop/${data.envelope.kid}`),
 *   coopname: 'voskhod',
 *   username: data.username,
 *   expectedMemberKey: chainAccountKey,
 * });
 * ```
 */
export async function openSharedData(input: OpenSharedDataInput): Promise<SharedData> {
  const { coopname, username } = input;
  const plaintext = await openShare(
    input.envelope,
    input.dataPrivateKey,
    { coopname, username },
    input.dataPublicKey,
  );
  let signed: unknown;
  try {
    signed = JSON.parse(utf8Decode(plaintext));
  } catch (cause) {
    throw untrustedMember('The share is not JSON.', cause);
  }
  if (!verifySignedObject(signed, input.expectedMemberKey)) {
    throw untrustedMember(
      input.expectedMemberKey === undefined
        ? 'The member signature does not verify.'
        : "The share is not signed by the member's account key.",
    );
  }
  const { payload, public_key: memberKey } = signed as { payload: unknown; public_key: string };
  if (!isSharePayload(payload)) throw untrustedMember('The signed share is malformed.');
  if (payload.coopname !== coopname || payload.username !== username) {
    throw untrustedMember('The signed share is for another cooperative or member.');
  }
  return {
    fields: payload.fields,
    signedAt: payload.signed_at,
    memberPublicKey: PublicKey.from(memberKey).toString(),
  };
}

function isSharePayload(value: unknown): value is {
  coopname: string;
  username: string;
  fields: Record<string, unknown>;
  signed_at: string;
} {
  if (typeof value !== 'object' || value === null) return false;
  const { coopname, username, fields, signed_at: signedAt } = value as Record<string, unknown>;
  return (
    typeof coopname === 'string' &&
    typeof username === 'string' &&
    typeof signedAt === 'string' &&
    typeof fields === 'object' &&
    fields !== null &&
    !Array.isArray(fields)
  );
}

function untrustedMember(message: string, cause?: unknown): CardCoopError {
  return new CardCoopError('UNTRUSTED_MEMBER_SIGNATURE', message, { status: 0, cause });
}

function httpOptions(input: { baseUrl: string; fetch?: typeof globalThis.fetch }) {
  return input.fetch === undefined
    ? { baseUrl: input.baseUrl }
    : { baseUrl: input.baseUrl, fetch: input.fetch };
}

function standardBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

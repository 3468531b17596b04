import { Bytes, Checksum256, KeyType, PublicKey, Signature } from '@wharfkit/antelope';
import type { WebhookPayload } from '@cardcoop/contracts';

/** Thrown by {@link verifyWebhook}: the request is not a genuine, fresh card.coop delivery. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/** Request headers as Node (`req.headers`), fetch (`Headers`) or a plain object give them. */
export type WebhookHeaders =
  Headers | Record<string, string | string[] | undefined> | { get(name: string): string | null };

export interface VerifyWebhookInput {
  /** The endpoint's signing secret, `whsec_…` (shown once when the endpoint was made). */
  secret: string;
  headers: WebhookHeaders;
  /** The raw request body, exactly as received (not re-serialized JSON). */
  body: string | Uint8Array;
  /** How far `webhook-timestamp` may be from now; 5 minutes by default. */
  toleranceSeconds?: number;
  /** Seconds since the epoch to check against (tests); the clock by default. */
  now?: number;
}

const encoder = new TextEncoder();
const toText = (body: string | Uint8Array) =>
  typeof body === 'string' ? body : new TextDecoder().decode(body);

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value =
    record[name] ??
    Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1] ??
    undefined;
  return Array.isArray(value) ? value.join(' ') : value;
}

const sha256 = (bytes: Uint8Array): Uint8Array => Checksum256.hash(Bytes.from(bytes)).array;

/** HMAC-SHA256 (RFC 2104) over SHA-256 from `@wharfkit/antelope`: works in Node and browsers. */
function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i += 1) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/** Compares without an early exit, so the time taken tells nothing about where they differ. */
function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let i = 0; i < left.length; i += 1) difference |= left[i]! ^ right[i]!;
  return difference === 0;
}

/**
 * Verifies a card.coop webhook delivery (Standard Webhooks): `webhook-signature` must hold a
 * `v1,<base64 HMAC-SHA256>` of `${webhook-id}.${webhook-timestamp}.${body}` under the
 * endpoint's secret (the header may list several, space-separated, during a rotation), compared
 * in constant time, and `webhook-timestamp` must be within `toleranceSeconds` (5 min) of now.
 * Dedupe on `webhook-id`: retries and redeliveries of one event carry the same id.
 *
 * @throws WebhookVerificationError when a header is missing, the signature does not match, or
 *   the timestamp is too old or too new.
 * @example
 * ```ts
 * import { verifyWebhook } from '@cardcoop/sdk/coop';
 * app.post('/hooks/cardcoop', express.text({ type: '*\/*' }), (req, res) => {
 *   const event = verifyWebhook({ secret: process.env.CARDCOOP_WEBHOOK_SECRET!, headers: req.headers, body: req.body });
 *   if (!alreadySeen(req.headers['webhook-id'])) handle(event);
 *   res.sendStatus(204);
 * });
 * ```
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookPayload {
  const id = header(input.headers, 'webhook-id');
  const timestamp = header(input.headers, 'webhook-timestamp');
  const signatures = header(input.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing headers');
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('Invalid timestamp');
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? 300;
  if (Math.abs(now - seconds) > tolerance)
    throw new WebhookVerificationError('Timestamp out of tolerance');
  if (!input.secret.startsWith('whsec_')) throw new WebhookVerificationError('Invalid secret');
  let key: Uint8Array;
  try {
    key = fromBase64(input.secret.slice('whsec_'.length));
  } catch {
    throw new WebhookVerificationError('Invalid secret');
  }
  const body = toText(input.body);
  const expected = toBase64(hmacSha256(key, encoder.encode(`${id}.${timestamp}.${body}`)));
  let matched = false;
  for (const candidate of signatures.split(' ')) {
    const [version, signature] = candidate.split(',');
    if (version === 'v1' && signature !== undefined && constantTimeEqual(signature, expected))
      matched = true;
  }
  if (!matched) throw new WebhookVerificationError('No matching signature');
  try {
    return JSON.parse(body) as WebhookPayload;
  } catch {
    throw new WebhookVerificationError('Body is not JSON');
  }
}

export interface VerifyWebhookK1Input {
  headers: WebhookHeaders;
  body: string | Uint8Array;
  /** The platform's key from `GET /.well-known/webhook-public-key` (`PUB_K1_…`), pinned. */
  publicKey: string;
}

/**
 * Verifies `x-cardcoop-k1-signature` (for MONO): a signed object `{payload, public_key,
 * signature}` whose `payload` is the hex SHA-256 of `${webhook-id}.${webhook-timestamp}.${body}`
 * and whose K1 `signature` of that digest recovers to `publicKey`. Check the timestamp and dedupe
 * on `webhook-id` as with {@link verifyWebhook}. Never throws: anything malformed is `false`.
 *
 * @example
 * ```ts
 * const ok = verifyWebhookK1({ headers: req.headers, body: rawBody, publicKey: pinnedKey });
 * ```
 */
export function verifyWebhookK1(input: VerifyWebhookK1Input): boolean {
  try {
    const id = header(input.headers, 'webhook-id');
    const timestamp = header(input.headers, 'webhook-timestamp');
    const signed = header(input.headers, 'x-cardcoop-k1-signature');
    if (!id || !timestamp || !signed) return false;
    const object = JSON.parse(signed) as Record<string, unknown>;
    const digest = Checksum256.hash(
      Bytes.from(encoder.encode(`${id}.${timestamp}.${toText(input.body)}`)),
    );
    if (object.payload !== digest.hexString || typeof object.signature !== 'string') return false;
    const expected = PublicKey.from(input.publicKey);
    if (
      typeof object.public_key !== 'string' ||
      !PublicKey.from(object.public_key).equals(expected)
    )
      return false;
    const signature = Signature.from(object.signature);
    return (
      signature.type === KeyType.K1 &&
      signature.verifyDigest(digest, expected) &&
      signature.recoverDigest(digest).equals(expected)
    );
  } catch {
    return false;
  }
}

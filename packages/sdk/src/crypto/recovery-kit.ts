import { CardCoopError } from '../errors.js';
import { base64UrlEncode } from './encoding.js';
import { assertRecoverySecret, HKDF_INFO, hkdfSha256, RECOVERY_SECRET_BYTES } from './keys.js';
import { randomBytes, randomIndex } from './random.js';

/** Crockford's base32: no I, L, O, U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECKSUM_BITS = 12;
/** 128 secret bits + 12 checksum bits = 140 bits = 28 characters = 7 groups of 4. */
const LENGTH = (RECOVERY_SECRET_BYTES * 8 + CHECKSUM_BITS) / 5;
const GROUP = 4;

/**
 * A new recovery key: 128 random bits and a 12-bit checksum (the first 12 bits of SHA-256 of the
 * secret), in Crockford base32, grouped by 4 (`XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`). `text` goes
 * on the printable Recovery Kit and is shown once; `secret` derives the recovery keys.
 *
 * @example
 * ```ts
 * const { text, secret } = await generateRecoveryKey();
 * const authHash = await recoveryAuthHash(secret);
 * ```
 */
export async function generateRecoveryKey(): Promise<{
  secret: Uint8Array<ArrayBuffer>;
  text: string;
}> {
  const secret = randomBytes(RECOVERY_SECRET_BYTES);
  return { secret, text: await formatRecoveryKey(secret) };
}

/**
 * The printable form of a 16-byte recovery secret.
 *
 * @example
 * ```ts
 * await formatRecoveryKey(secret); // '7M2Q-…' (34 characters)
 * ```
 */
export async function formatRecoveryKey(secret: Uint8Array): Promise<string> {
  assertRecoverySecret(secret);
  const checksum = await checksumOf(secret);
  const bits = [...bitsOf(secret), ...bitsOf(checksum).slice(0, CHECKSUM_BITS)];
  let chars = '';
  for (let i = 0; i < LENGTH; i++) chars += ALPHABET.charAt(toNumber(bits.slice(i * 5, i * 5 + 5)));
  return groupsOf(chars).join('-');
}

/**
 * Reads a recovery key as a member typed it: case, spaces and dashes do not matter, and the
 * look-alikes O → 0 and I, L → 1 are accepted.
 *
 * @throws CardCoopError `INVALID_RECOVERY_KEY` when the text is not a recovery key or its
 * checksum does not match (a typo).
 * @example
 * ```ts
 * const secret = await parseRecoveryKey('7m2q 4…'); // Uint8Array(16)
 * ```
 */
export async function parseRecoveryKey(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const chars = normalize(text);
  if (chars.length !== LENGTH || [...chars].some((c) => !ALPHABET.includes(c))) {
    throw invalidRecoveryKey(`A recovery key has ${LENGTH} characters of ${ALPHABET}.`);
  }
  const bits = [...chars].flatMap((c) => bitsOf(new Uint8Array([ALPHABET.indexOf(c)])).slice(3));
  const secret = new Uint8Array(RECOVERY_SECRET_BYTES);
  for (let i = 0; i < secret.length; i++) secret[i] = toNumber(bits.slice(i * 8, i * 8 + 8));
  const expected = bitsOf(await checksumOf(secret)).slice(0, CHECKSUM_BITS);
  if (!expected.every((bit, i) => bit === bits[RECOVERY_SECRET_BYTES * 8 + i])) {
    throw invalidRecoveryKey('The recovery key has a typo (checksum mismatch).');
  }
  return secret;
}

/**
 * The proof of possession of a recovery key sent to `POST /auth/recovery/verify`:
 * base64url(HKDF-SHA256(secret, salt empty, info "cardcoop/v1/recovery-auth", 32 bytes)),
 * 43 characters. The server keeps only its SHA-256 ({@link recoveryAuthHash}).
 *
 * @example
 * ```ts
 * const secret = await parseRecoveryKey(typedByMember);
 * const body = { email, code, recovery_proof: await recoveryProof(secret), registration_request };
 * ```
 */
export async function recoveryProof(secret: Uint8Array): Promise<string> {
  return base64UrlEncode(await recoveryProofBytes(secret));
}

/**
 * What the server keeps to check possession of the recovery key: the SHA-256 of the
 * {@link recoveryProof} bytes, base64url(SHA-256(HKDF(secret, "cardcoop/v1/recovery-auth", 32))),
 * 43 characters.
 *
 * @example
 * ```ts
 * const body = { recovery: { wrapped_user_key, auth_hash: await recoveryAuthHash(secret) } };
 * ```
 */
export async function recoveryAuthHash(secret: Uint8Array): Promise<string> {
  const proof = await recoveryProofBytes(secret);
  return base64UrlEncode(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', proof)));
}

async function recoveryProofBytes(secret: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  assertRecoverySecret(secret);
  return hkdfSha256(secret, HKDF_INFO.recoveryAuth, 32);
}

/**
 * One group of the recovery key the member retypes before going on (protocol.md).
 *
 * @example
 * ```ts
 * label.textContent = `Group ${challenge.groupIndex + 1} of ${challenge.groupCount}`;
 * next.disabled = !challenge.matches(input.value);
 * ```
 */
export interface ConfirmationChallenge {
  /** Zero-based position of the group to retype. */
  readonly groupIndex: number;
  /** How many groups the key has ("group 3 of 7"). */
  readonly groupCount: number;
  /** Whether `input` is that group; same tolerance as {@link parseRecoveryKey}. */
  matches(input: string): boolean;
}

/**
 * Picks a random group of a recovery key for the member to retype from the printed kit.
 *
 * @example
 * ```ts
 * const challenge = confirmationChallenge(recoveryKit.recoveryKey);
 * // "Type group {challenge.groupIndex + 1} of {challenge.groupCount}"
 * if (!challenge.matches(input)) showError();
 * ```
 */
export function confirmationChallenge(recoveryKey: string): ConfirmationChallenge {
  const groups = groupsOf(normalize(recoveryKey));
  const groupIndex = randomIndex(groups.length);
  const expected = groups[groupIndex];
  return {
    groupIndex,
    groupCount: groups.length,
    matches: (input) => normalize(input) === expected,
  };
}

function normalize(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

function groupsOf(chars: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups;
}

async function checksumOf(secret: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(secret)));
}

/** Big-endian bits of bytes. */
function bitsOf(bytes: Uint8Array): number[] {
  return [...bytes].flatMap((byte) => Array.from({ length: 8 }, (_, i) => (byte >> (7 - i)) & 1));
}

function toNumber(bits: number[]): number {
  return bits.reduce((n, bit) => (n << 1) | bit, 0);
}

function invalidRecoveryKey(message: string): CardCoopError {
  return new CardCoopError('INVALID_RECOVERY_KEY', message, { status: 0 });
}

import { randomBytes } from 'node:crypto';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { MasterKey } from '../secrets/secrets.js';
import { fromBase64Url, toBase64Url, utf8 } from './encoding.js';

/** Each purpose has keys of its own, so one leaked derived key exposes one kind of data. */
export type SealPurpose = 'email' | 'ip' | 'totp' | 'job' | 'refresh' | 'push' | 'webhook';
export type LookupPurpose = 'email' | 'ip' | 'device' | 'push';

const FORMAT = 'x1';

export class SealError extends Error {}

/**
 * Server-side protection of what the server must know (e-mail, IP, TOTP secret):
 * XChaCha20-Poly1305 with 192-bit random nonces under per-purpose keys derived by HKDF from
 * versioned master keys, and HMAC lookups for equality search. The sealed form names its key
 * (`x1.<kid>.<nonce|ciphertext>`), so keys rotate by re-encrypting in the background.
 */
export class ServerCrypto {
  private readonly derived = new Map<string, Uint8Array>();
  private readonly byKid: Map<string, MasterKey>;

  constructor(private readonly masterKeys: MasterKey[]) {
    if (masterKeys.length === 0) throw new Error('at least one master key is required');
    this.byKid = new Map(masterKeys.map((key) => [key.kid, key]));
  }

  private key(kid: string, info: string): Uint8Array {
    const cacheKey = `${kid}/${info}`;
    let key = this.derived.get(cacheKey);
    if (!key) {
      const master = this.byKid.get(kid);
      if (!master) throw new SealError(`unknown key ${kid}`);
      key = hkdf(
        sha256,
        master.key,
        new Uint8Array(),
        utf8.encode(`cardcoop/v1/server/${info}`),
        32,
      );
      this.derived.set(cacheKey, key);
    }
    return key;
  }

  private get current(): MasterKey {
    return this.masterKeys[0]!;
  }

  /** `aad` binds the ciphertext to its place (e.g. the user id), so it cannot be moved. */
  seal(purpose: SealPurpose, plaintext: string | Uint8Array, aad: string): string {
    const { kid } = this.current;
    const nonce = new Uint8Array(randomBytes(24));
    const data = typeof plaintext === 'string' ? utf8.encode(plaintext) : plaintext;
    const sealed = xchacha20poly1305(
      this.key(kid, `seal/${purpose}`),
      nonce,
      utf8.encode(aad),
    ).encrypt(data);
    const out = new Uint8Array(nonce.length + sealed.length);
    out.set(nonce);
    out.set(sealed, nonce.length);
    return `${FORMAT}.${kid}.${toBase64Url(out)}`;
  }

  openBytes(purpose: SealPurpose, sealed: string, aad: string): Uint8Array {
    const [format, kid, body] = sealed.split('.');
    if (format !== FORMAT || !kid || !body) throw new SealError('malformed sealed value');
    const bytes = fromBase64Url(body);
    try {
      return xchacha20poly1305(
        this.key(kid, `seal/${purpose}`),
        bytes.subarray(0, 24),
        utf8.encode(aad),
      ).decrypt(bytes.subarray(24));
    } catch (cause) {
      throw new SealError('sealed value does not open with this key and context', { cause });
    }
  }

  open(purpose: SealPurpose, sealed: string, aad: string): string {
    return utf8.decode(this.openBytes(purpose, sealed, aad));
  }

  /** Whether a sealed value uses an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.kid;
  }

  /** The lookup value under the current key: store this. */
  lookup(purpose: LookupPurpose, value: string): string {
    return this.lookupWith(this.current.kid, purpose, value);
  }

  /** The lookup value under every key still known: search with these. */
  lookups(purpose: LookupPurpose, value: string): string[] {
    return this.masterKeys.map(({ kid }) => this.lookupWith(kid, purpose, value));
  }

  private lookupWith(kid: string, purpose: LookupPurpose, value: string): string {
    return `${kid}.${toBase64Url(hmac(sha256, this.key(kid, `lookup/${purpose}`), utf8.encode(value)))}`;
  }
}

/** NFKC, trimmed, lower-case: the one spelling of an address used for lookup and uniqueness. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

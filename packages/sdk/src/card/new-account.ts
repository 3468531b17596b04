import { accountChallengeSchema, accountProofPayload } from '@cardcoop/contracts';
import type { NewAccount } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { sealEnvelope } from '../crypto/envelope.js';
import type { EnvelopeContext } from '../crypto/envelope.js';
import { utf8Encode } from '../crypto/encoding.js';
import { randomIndex } from '../crypto/random.js';
import type { UserKey } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { MemberSessionManager } from '../session/manager.js';

/**
 * Attempts at a new account (`createAccount`, or a share that opens the account) before a taken
 * username is given up on.
 */
export const ACCOUNT_ATTEMPTS = 3;

const USERNAME_LENGTH = 12;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A random Antelope username as MONO makes them: 12 letters `a-z` from the CSPRNG, uniform.
 *
 * @example
 * ```ts
 * generateUsername(); // 'qhxbmzrtkwea'
 * ```
 */
export function generateUsername(): string {
  let name = '';
  for (let i = 0; i < USERNAME_LENGTH; i++) name += ALPHABET[randomIndex(ALPHABET.length)];
  return name;
}

/** Where an account's private key is sealed under the user key: bound to its owner and name. */
export function accountContext(
  userId: string,
  coopname: string,
  username: string,
): EnvelopeContext {
  return {
    purpose: 'coop_account_key',
    user_id: userId,
    record_id: `account/${coopname}/${username}`,
  };
}

/** Internal: one try at a new account, made on this device. */
export interface NewAccountDraft {
  /** What `add-account` (with `coopname`) and a share's `new_account` carry. */
  account: NewAccount;
  /** The private key (WIF), to sign with now; it leaves the device only sealed. */
  privateKey: string;
}

/**
 * Internal: makes a K1 key pair here and, for each of {@link ACCOUNT_ATTEMPTS} random usernames,
 * seals the private key under the user key, proves holding it (a K1 signature over a server
 * challenge bound to the member, the cooperative and the username) and hands the draft to
 * `send`, which writes it. `USERNAME_TAKEN` — in the server's database, or on chain under
 * another key — is retried with a new name; any other error, or the last attempt's, is final.
 */
export async function withNewAccount<T>(
  session: MemberSessionManager,
  owner: { userKey: UserKey; userId: string },
  coopname: string,
  send: (draft: NewAccountDraft) => Promise<T>,
): Promise<T> {
  // The Antelope library (K1 keys, ~80 KB gzipped) loads when an account is first made, so a web
  // app's first page does not carry it.
  const [{ PrivateKey }, { signObject }] = await Promise.all([
    import('@wharfkit/antelope'),
    import('../crypto/k1-signature.js'),
  ]);
  const key = PrivateKey.generate('K1');
  const privateKey = key.toWif();
  const publicKey = key.toPublic().toString();
  let lastError: unknown;
  for (let attempt = 0; attempt < ACCOUNT_ATTEMPTS; attempt++) {
    const username = generateUsername();
    const encrypted = await sealEnvelope({
      key: owner.userKey.key,
      kid: owner.userKey.version,
      plaintext: utf8Encode(privateKey),
      context: accountContext(owner.userId, coopname, username),
    });
    try {
      // Proof of holding the key, which a server with a chain asks for when the username exists
      // there (it then also has to be that account's key: else USERNAME_TAKEN).
      const { challenge } = parseResponse(
        accountChallengeSchema,
        await session.request('/api/v1/card/account-challenge', {
          method: 'POST',
          body: { coopname, username },
        }),
        'card/account-challenge',
      );
      const { signature } = signObject(
        accountProofPayload({ challenge, coopname, username }),
        privateKey,
      );
      return await send({
        account: {
          username,
          public_key: publicKey,
          encrypted_private_key: encrypted,
          proof: { challenge, signature },
        },
        privateKey,
      });
    } catch (error) {
      // Only a taken username is worth another name; ACCOUNT_EXISTS and the rest are final.
      if (!(error instanceof CardCoopError && error.code === 'USERNAME_TAKEN')) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

import {
  antelopeNameSchema,
  CARD_SCHEMA_ID,
  cardAccountListSchema,
  cardAccountSchema,
  cardIssuedSchema,
  cardRevisionSchema,
  storedCardSchema,
} from '@cardcoop/contracts';
import type {
  CardAccount,
  CardData,
  CardMeta,
  MembershipStatus,
  SymmetricEnvelope,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { decryptionFailed, openEnvelope, sealEnvelope } from '../crypto/envelope.js';
import type { EnvelopeContext } from '../crypto/envelope.js';
import { utf8Decode, utf8Encode } from '../crypto/encoding.js';
import type { SignedDocument } from '../crypto/k1-signature.js';
import type { UserKey } from '../crypto/user-key.js';
import { userKeyOwner } from '../crypto/user-key.js';
import { CardCoopError } from '../errors.js';
import type { Language } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { CARD_FORMAT_VERSION, isStoredValueIssue, migrateCard } from './card-migrations.js';
import { accountContext, withNewAccount } from './new-account.js';
import type { NewAccountDraft } from './new-account.js';
import { assertSchemaMatches, validateCard } from './validate.js';
import type { CardValidationIssue } from './validate.js';

const CARD_PATH = '/api/v1/card';

export { CARD_FORMAT_VERSION, CARD_MIGRATIONS } from './card-migrations.js';
export type { CardMigration } from './card-migrations.js';

/**
 * Where a device remembers the highest card revision it has seen, per user id, so that a server
 * serving an older card (a rollback) is noticed. Methods may return promises; a browser app can
 * keep it in IndexedDB. The SDK only ever raises the stored number.
 *
 * @example
 * ```ts
 * const store: RevisionStore = {
 *   get: (userId) => db.get('card-revisions', userId),
 *   set: (userId, revision) => db.put('card-revisions', revision, userId),
 * };
 * const member = client.member(outcome.session, { revisionStore: store });
 * ```
 */
export interface RevisionStore {
  get(userId: string): number | undefined | Promise<number | undefined>;
  set(userId: string, revision: number): void | Promise<void>;
}

/**
 * The default {@link RevisionStore}: in memory, for the life of the page or process.
 *
 * @example
 * ```ts
 * const revisions = new MemoryRevisionStore();
 * const member = client.member(outcome.session, { revisionStore: revisions });
 * ```
 */
export class MemoryRevisionStore implements RevisionStore {
  readonly #revisions = new Map<string, number>();

  get(userId: string): number | undefined {
    return this.#revisions.get(userId);
  }

  set(userId: string, revision: number): void {
    this.#revisions.set(userId, revision);
  }
}

/**
 * Options of the card API of a member client.
 *
 * @example
 * ```ts
 * const options: CardClientOptions = { userKey: session.userKey, language: 'en' };
 * ```
 */
export interface CardClientOptions {
  /** The member's user key (from login, registration or recovery); without it the card API
   * answers `UNAUTHORIZED` ("locked": ask for the password). */
  userKey?: UserKey;
  /** Where the highest seen revision is kept; a {@link MemoryRevisionStore} by default. */
  revisionStore?: RevisionStore;
  /** Language of validation messages; `ru` by default. */
  language?: Language;
}

/**
 * A decrypted, migrated and validated card.
 *
 * @example
 * ```ts
 * const { data, revision } = await member.card.get();
 * await member.card.update({ ...data, phone: '+79990000000' }, revision);
 * ```
 */
export interface CardRecord {
  data: CardData;
  revision: number;
  cardId: string;
  /** ISO 8601, as the server stored it. */
  updatedAt: string;
  /** The stored `meta.version` when the card was migrated on read; save to keep the upgrade. */
  migratedFrom?: number;
}

/**
 * The outcome of a card write.
 *
 * @example
 * ```ts
 * const { revision } = await member.card.issue(card);
 * ```
 */
export interface CardWriteResult {
  cardId: string;
  revision: number;
}

/**
 * The member's account in a cooperative. The private key is not held by this object: it stays
 * in its envelope until {@link CoopAccount.privateKey} opens it, and JSON shows no key.
 *
 * @example
 * ```ts
 * const [account] = await member.card.listAccounts();
 * const wif = await account.privateKey(); // sign with it, then drop it; never log it
 * ```
 */
export interface CoopAccount {
  readonly id: string;
  readonly coopname: string;
  readonly displayName: string;
  /** 12 letters a-z: the member's Antelope account name in this cooperative. */
  readonly username: string;
  /** `PUB_K1_…`. */
  readonly publicKey: string;
  readonly membership: MembershipStatus;
  readonly createdAt: string;
  /** When the member closed it (ISO 8601), null while it is open. */
  readonly closedAt: string | null;
  /**
   * The cooperative's quick entry page (ADR 018): "Open" leads there, and the cooperative's
   * site asks for a fresh ticket with `prompt=none`. Null: it offers none.
   */
  readonly entryUrl: string | null;
  /**
   * Opens the sealed private key: the WIF (`5…`) of the K1 key of {@link CoopAccount.publicKey}.
   *
   * @throws CardCoopError `DECRYPTION_FAILED` when the envelope does not open for this account,
   * or holds a key that is not the one of `publicKey`.
   */
  privateKey(): Promise<string>;
  /**
   * Signs a document with this account's key in MONO's `{hash, public_key, signature, meta}`
   * shape (see `signDocument`); the key is opened for the signature and not kept.
   *
   * @throws CardCoopError `DECRYPTION_FAILED` as {@link CoopAccount.privateKey}.
   * @example
   * ```ts
   * const signed = await account.signDocument(statementPdfBytes, { title: 'Заявление' });
   * ```
   */
  signDocument<M>(document: Uint8Array | string, meta: M): Promise<SignedDocument<M>>;
}

/**
 * The member's card and cooperative accounts, end-to-end encrypted under the user key. Reached
 * as `member.card`.
 *
 * @example
 * ```ts
 * const member = client.member(outcome.session);
 * await member.card.issue({ kind: 'individual', first_name: 'Анна', ... });
 * const { data, revision } = await member.card.get();
 * try {
 *   await member.card.update({ ...data, phone: '+79991234567' }, revision);
 * } catch (error) {
 *   if (error instanceof CardCoopError && error.code === 'CONFLICT') {
 *     // another device saved first: re-read, merge, try again
 *   }
 * }
 * const account = await member.card.createAccount('voskhod');
 * ```
 */
export interface CardClient {
  /**
   * Validates, checks the server's schema `$id`, seals and issues the member's card.
   *
   * @throws CardCoopError `VALIDATION_FAILED` (with `details.issues`, nothing sent);
   * `SCHEMA_MISMATCH` (nothing written); `CONFLICT` when the member already has a card.
   */
  issue(data: CardData): Promise<CardWriteResult>;
  /**
   * Reads, verifies (the plain `meta` must be the one sealed in), migrates and validates the
   * card.
   *
   * @throws CardCoopError `NOT_FOUND` when there is none; `DECRYPTION_FAILED` when the envelope
   * or its `meta` was changed; `STALE_CARD` when the server returns an older revision than this
   * device has seen; `SCHEMA_MISMATCH` for a card written by a newer app; `VALIDATION_FAILED`.
   */
  get(): Promise<CardRecord>;
  /**
   * Validates, seals (with the current format version) and saves the card over
   * `expectedRevision`.
   *
   * @throws CardCoopError `CONFLICT` when `expectedRevision` is stale (re-read, merge, retry;
   * also raised without a request when this device has already seen a newer revision);
   * `VALIDATION_FAILED`; `SCHEMA_MISMATCH`; `NOT_FOUND`.
   */
  update(data: CardData, expectedRevision: number): Promise<CardWriteResult>;
  /**
   * Opens an account in a cooperative: a random 12-letter username and a new K1 key pair made
   * here; the private key goes to the server only sealed under the user key, with a signature
   * over a server challenge proving the key is held here (`POST /card/account-challenge`). A
   * taken username — in the server's database, or on chain under another key — is retried with a
   * new one (3 attempts in all).
   *
   * @throws CardCoopError `VALIDATION_FAILED` for a bad coopname (nothing sent); `NOT_FOUND`
   * for an unknown cooperative; `ACCOUNT_EXISTS` when the member already has an open account
   * there; `USERNAME_TAKEN` when every attempt hit a taken name.
   */
  createAccount(coopname: string): Promise<CoopAccount>;
  /**
   * Closes the member's open account in a cooperative: the server revokes its grant (the
   * cooperative's tokens stop at once; it learns of the closing through its API) and never
   * gives the username again. The member may later open a new account there (a new username).
   *
   * @example
   * ```ts
   * await member.card.closeAccount('voskhod');
   * ```
   * @throws CardCoopError `VALIDATION_FAILED` for a bad coopname (nothing sent); `NOT_FOUND`
   * when the member has no open account there.
   */
  closeAccount(coopname: string): Promise<void>;
  /** The member's accounts, open ones first, then closed ones (`closedAt`); with membership. */
  listAccounts(): Promise<CoopAccount[]>;
}

export { ACCOUNT_ATTEMPTS, generateUsername } from './new-account.js';

/**
 * Internal: what the access API needs of the card API besides {@link CardClient} — a new
 * account made on this device and written by the request that `send` makes (the share that
 * opens it), with `createAccount`'s retries (see `withNewAccount`).
 */
export interface CardClientInternals {
  withNewAccount<T>(coopname: string, send: (draft: NewAccountDraft) => Promise<T>): Promise<T>;
}

/** Internal: the card API over a member session. */
export function createCardClient(
  session: MemberSessionManager,
  options: CardClientOptions = {},
): CardClient & CardClientInternals {
  const store = options.revisionStore ?? new MemoryRevisionStore();
  const language = options.language ?? 'ru';
  const seen = new Map<string, number>();
  let schemaChecked: Promise<void> | undefined;

  const unlocked = async (): Promise<{ userKey: UserKey; userId: string }> => {
    const current = await session.current();
    if (!current) throw new CardCoopError('UNAUTHORIZED', 'Signed out.', { status: 0 });
    const { userKey } = options;
    if (!userKey) {
      throw new CardCoopError('UNAUTHORIZED', 'Locked: the user key is needed for the card.', {
        status: 0,
      });
    }
    const owner = userKeyOwner(userKey);
    if (owner !== undefined && owner !== current.user_id) {
      throw new CardCoopError('FORBIDDEN', 'The user key belongs to another account.', {
        status: 0,
      });
    }
    return { userKey, userId: current.user_id };
  };

  const highWater = async (userId: string): Promise<number> =>
    Math.max(seen.get(userId) ?? 0, (await store.get(userId)) ?? 0);

  /** Records a revision the server answered with; refuses one older than already seen. */
  const witness = async (userId: string, revision: number): Promise<void> => {
    const highest = await highWater(userId);
    if (revision < highest) throw staleCard(revision, highest);
    seen.set(userId, revision);
    if (revision > ((await store.get(userId)) ?? 0)) await store.set(userId, revision);
  };

  const checkSchema = (): Promise<void> => {
    schemaChecked ??= (async () => {
      const answer = await session.request<unknown>(`${CARD_PATH}/schema`);
      const id = typeof answer === 'object' && answer !== null ? Reflect.get(answer, '$id') : '';
      if (typeof id !== 'string') {
        throw new CardCoopError('INVALID_RESPONSE', 'Unexpected answer from card/schema.', {
          status: 200,
        });
      }
      assertSchemaMatches(id);
    })();
    // A failed check is not cached: the next write asks again.
    schemaChecked.catch(() => (schemaChecked = undefined));
    return schemaChecked;
  };

  /**
   * Validation, schema check and sealing shared by issue and update; nothing is sent when the
   * data is invalid, and nothing written when the schema differs.
   */
  const prepare = async (data: CardData, expectedRevision?: number) => {
    assertValid(data, language);
    const { userKey, userId } = await unlocked();
    if (expectedRevision !== undefined) {
      const highest = await highWater(userId);
      if (expectedRevision < highest) {
        throw new CardCoopError(
          'CONFLICT',
          `Revision ${expectedRevision} is stale: this device has seen ${highest}. Re-read the card.`,
          { status: 0 },
        );
      }
    }
    await checkSchema();
    const meta: CardMeta = {
      version: CARD_FORMAT_VERSION,
      schema: CARD_SCHEMA_ID,
      kind: data.kind,
    };
    const card: SymmetricEnvelope = await sealEnvelope({
      key: userKey.key,
      kid: userKey.version,
      plaintext: utf8Encode(JSON.stringify(data)),
      context: cardContext(userId, meta),
    });
    return { userId, body: { card, meta } };
  };

  const accountOf = (account: CardAccount, userKey: UserKey, userId: string): CoopAccount => {
    const envelope = account.encrypted_private_key;
    const privateKey = async () => {
      const bytes = await openEnvelope({
        key: userKey.key,
        envelope,
        context: accountContext(userId, account.coopname, account.username),
      });
      const wif = utf8Decode(bytes);
      bytes.fill(0);
      if (!(await keyMatches(wif, account.public_key))) {
        throw decryptionFailed('The sealed private key is not the key of this account.');
      }
      return wif;
    };
    const coopAccount: CoopAccount = {
      id: account.id,
      coopname: account.coopname,
      displayName: account.display_name,
      username: account.username,
      publicKey: account.public_key,
      membership: account.membership,
      createdAt: account.created_at,
      closedAt: account.closed_at,
      entryUrl: account.entry_url,
      privateKey,
      signDocument: async (document, meta) =>
        (await k1()).signDocument(document, meta, await privateKey()),
    };
    return Object.freeze(coopAccount);
  };

  const listAccounts = async (): Promise<CoopAccount[]> => {
    const { userKey, userId } = await unlocked();
    const { accounts } = parseResponse(
      cardAccountListSchema,
      await session.request(`${CARD_PATH}/accounts`),
      'card/accounts',
    );
    return accounts.map((account) => accountOf(account, userKey, userId));
  };

  return {
    async issue(data) {
      const { userId, body } = await prepare(data);
      const issued = parseResponse(
        cardIssuedSchema,
        await session.request(`${CARD_PATH}/issue`, { method: 'POST', body }),
        'card/issue',
      );
      await witness(userId, issued.revision);
      return { cardId: issued.card_id, revision: issued.revision };
    },

    async get() {
      const { userKey, userId } = await unlocked();
      const stored = parseResponse(storedCardSchema, await session.request(CARD_PATH), 'card');
      const highest = await highWater(userId);
      if (stored.revision < highest) throw staleCard(stored.revision, highest);
      const bytes = await openEnvelope({
        key: userKey.key,
        envelope: stored.card,
        context: cardContext(userId, stored.meta),
      });
      const plain = parseJson(utf8Decode(bytes));
      bytes.fill(0);
      const data = migrateCard(plain, stored.meta.version);
      assertValid(data, language, isStoredValueIssue);
      if (data.kind !== stored.meta.kind) throw decryptionFailed('The card is not of its kind.');
      await witness(userId, stored.revision);
      const record: CardRecord = {
        data,
        revision: stored.revision,
        cardId: stored.card_id,
        updatedAt: stored.updated_at,
      };
      if (stored.meta.version !== CARD_FORMAT_VERSION) record.migratedFrom = stored.meta.version;
      return record;
    },

    async update(data, expectedRevision) {
      const { userId, body } = await prepare(data, expectedRevision);
      const saved = parseResponse(
        cardRevisionSchema,
        await session.request(CARD_PATH, {
          method: 'PUT',
          body: { expected_revision: expectedRevision, ...body },
        }),
        'card',
      );
      if (saved.revision <= expectedRevision) {
        throw new CardCoopError('INVALID_RESPONSE', 'The saved revision did not advance.', {
          status: 200,
        });
      }
      await witness(userId, saved.revision);
      return { cardId: saved.card_id, revision: saved.revision };
    },

    async createAccount(coopname) {
      assertCoopname(coopname);
      const owner = await unlocked();
      return withNewAccount(session, owner, coopname, async ({ account: draft }) => {
        const account = parseResponse(
          cardAccountSchema,
          await session.request(`${CARD_PATH}/add-account`, {
            method: 'POST',
            body: { coopname, ...draft },
          }),
          'card/add-account',
        );
        if (
          account.coopname !== coopname ||
          account.username !== draft.username ||
          account.public_key !== draft.public_key
        ) {
          throw new CardCoopError('INVALID_RESPONSE', 'The server stored another account.', {
            status: 201,
          });
        }
        return accountOf(account, owner.userKey, owner.userId);
      });
    },

    async closeAccount(coopname) {
      assertCoopname(coopname);
      await session.request(`${CARD_PATH}/close-account`, {
        method: 'POST',
        body: { coopname },
      });
    },

    listAccounts,

    withNewAccount: async (coopname, send) =>
      withNewAccount(session, await unlocked(), coopname, send),
  };
}

function assertCoopname(coopname: string): void {
  if (!antelopeNameSchema.safeParse(coopname).success) {
    throw new CardCoopError('VALIDATION_FAILED', 'Not a cooperative name.', {
      status: 0,
      issues: [{ path: 'coopname', code: 'invalid_value', message: 'Not an Antelope name.' }],
    });
  }
}

function cardContext(userId: string, meta: CardMeta): EnvelopeContext {
  // Exactly the plain meta: a server that changes it makes the envelope fail to open.
  return {
    purpose: 'card',
    user_id: userId,
    record_id: 'card',
    meta: { version: meta.version, schema: meta.schema, kind: meta.kind },
  };
}

function assertValid(
  data: unknown,
  language: Language,
  tolerated: (issue: CardValidationIssue) => boolean = () => false,
): asserts data is CardData {
  const result = validateCard(data, language);
  if (result.valid) return;
  const errors = result.errors.filter((issue) => !tolerated(issue));
  if (errors.length === 0) return;
  throw new CardCoopError('VALIDATION_FAILED', validationMessage(errors), {
    status: 0,
    issues: errors,
  });
}

function validationMessage(errors: CardValidationIssue[]): string {
  return `The card is not valid: ${errors.map((e) => e.path || '(card)').join(', ')}.`;
}

function parseJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw decryptionFailed('The card plaintext is not JSON.', cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw decryptionFailed('The card plaintext is not an object.');
  }
  return value as Record<string, unknown>;
}

// The Antelope library (K1 keys, ~80 KB gzipped) loads when an account is first used, so a web
// app's first page does not carry it.
const antelope = () => import('@wharfkit/antelope');
const k1 = () => import('../crypto/k1-signature.js');

async function keyMatches(wif: string, publicKey: string): Promise<boolean> {
  const { PrivateKey, PublicKey } = await antelope();
  try {
    return PrivateKey.fromString(wif).toPublic().equals(PublicKey.from(publicKey));
  } catch {
    return false;
  }
}

function staleCard(revision: number, highest: number): CardCoopError {
  return new CardCoopError(
    'STALE_CARD',
    `The server returned card revision ${revision}, but this device has seen ${highest}: rollback refused.`,
    { status: 0 },
  );
}

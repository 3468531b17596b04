import { grantListSchema, preparedShareSchema, ticketIssuedSchema } from '@cardcoop/contracts';
import type { Grant, NewAccount, PreparedShare, TicketIssued } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { CardClient, CardClientInternals } from '../card/card-client.js';
import type { VerifiedCooperativeKey } from '../card/share-key.js';
import { CardCoopError } from '../errors.js';
import type { MemberSessionManager } from '../session/manager.js';

const ACCESS_PATH = '/api/v1/access';

/**
 * What the member signs and seals for a cooperative (protocol.md, "Encodings"): the consented
 * card fields, bound to the cooperative and the member's account there.
 *
 * @example
 * ```ts
 * const payload: SharePayload = {
 *   coopname: 'voskhod',
 *   username: 'abcdefghijkl',
 *   fields: { first_name: 'Иван' },
 *   signed_at: '2026-01-01T00:00:00.000Z',
 * };
 * ```
 */
export interface SharePayload {
  coopname: string;
  username: string;
  fields: Record<string, unknown>;
  /** ISO 8601. */
  signed_at: string;
}

/**
 * A share request checked on this device: the server's answer plus the verified cooperative
 * key (show `key.fingerprint.display` on the consent screen).
 *
 * @example
 * ```ts
 * const { prepared, key } = await member.access.prepare('voskhod');
 * showConsent(prepared.display_name, prepared.requested_fields, key.fingerprint.display);
 * ```
 */
export interface PreparedAccess {
  prepared: PreparedShare;
  key: VerifiedCooperativeKey;
}

/**
 * Input of {@link AccessClient.share}.
 *
 * @example
 * ```ts
 * const input: ShareInput = {
 *   prepared,
 *   fields: ['first_name', 'last_name'],
 *   redirectUri: 'https://voskhod.example/cardcoop/callback',
 *   state,
 *   codeChallenge,
 * };
 * ```
 */
export interface ShareInput {
  /** From {@link AccessClient.prepare} (its `prepared`). */
  prepared: PreparedShare;
  /** The fields the member consented to: a subset of `prepared.requested_fields`. */
  fields: string[];
  /**
   * The cooperative's registered redirect URI (exact match on the server); with
   * `responseMode: 'web_message'`, one of its registered origins instead.
   */
  redirectUri: string;
  /**
   * `query` (default): the ticket goes back by redirect; `web_message`: it is posted to the
   * cooperative's page (iframe or popup) at the origin given as `redirectUri`.
   */
  responseMode?: 'query' | 'web_message';
  /** The cooperative's `state`, returned with the ticket. */
  state: string;
  /** The cooperative's PKCE S256 challenge. */
  codeChallenge: string;
  /**
   * `none`: quick entry (ADR 018) — shared again without the consent screen under a live grant
   * covering these fields; the member's history records it so.
   */
  prompt?: 'none';
  /** The cooperative's account key from the chain, when known (see `verifyCooperativeKey`). */
  expectedAccountKey?: string;
  /** Defaults to now. */
  signedAt?: Date;
}

/**
 * The member's data grants to cooperatives. Reached as `member.access` (sharing is a grant
 * between the member and a cooperative rather than a card edit, so it sits beside `member.card`
 * and uses it to read the card and the account key).
 *
 * @example
 * ```ts
 * const { prepared, key } = await member.access.prepare('voskhod');
 * const ticket = await member.access.share({ prepared, fields, redirectUri, state, codeChallenge });
 * location.assign(`${ticket.redirect_uri}?ticket=${ticket.ticket}&state=${ticket.state}`);
 * ```
 */
export interface AccessClient {
  /**
   * Asks what the cooperative requests — who it is (`legal_name`, `coopname`), why
   * (`consent_purpose`, null: a membership application) and which fields — and checks its data
   * key with `verifyCooperativeKey`. Nothing is created: `prepared.username` is null when the
   * member has no account there yet (a cooperative that admits applicants); {@link share} then
   * opens it.
   *
   * @throws CardCoopError `UNTRUSTED_COOPERATIVE_KEY` when the key does not verify; `NOT_FOUND`
   * for an unknown or suspended cooperative; `NOT_A_MEMBER` when the member is not a confirmed
   * member there and the cooperative does not admit applicants; `COOPERATIVE_NOT_READY` when it
   * has no data key the server trusts.
   */
  prepare(coopname: string, options?: { expectedAccountKey?: string }): Promise<PreparedAccess>;
  /**
   * Reads the card, takes exactly the consented fields (those absent from the card are left
   * out), signs `{coopname, username, fields, signed_at}` with the member's K1 key for that
   * cooperative, seals it with HPKE base mode to the certified data key (`info`
   * `cardcoop/v1/share`, AAD = JCS `{coopname, username, grant_id, kid}` with
   * `grant_id = ${username}@${coopname}`: the server stores one grant per (username, coopname)
   * and issues no id before the share, so that pair is the grant's stable identifier) and sends
   * it with the names of the shared fields (kept with the grant, never the values); the answer
   * carries the single-use ticket for the cooperative.
   *
   * When `prepared.username` is null the account is made here as `createAccount` makes it (a
   * random username, a new K1 key sealed under the user key, a proof of holding it) and sent as
   * `new_account`: the server writes account and grant in one transaction, so refusing before
   * this call leaves nothing behind. A taken username is retried with a new one
   * (`ACCOUNT_ATTEMPTS` in all), the data sealed again for it.
   *
   * @throws CardCoopError `VALIDATION_FAILED` (nothing sent) for a field that was not requested,
   * no field at all, or none of them on the card; `UNTRUSTED_COOPERATIVE_KEY`; `NOT_FOUND` when
   * the member has no open account `prepared.username` there; `UNREGISTERED_CALLBACK` when
   * `redirectUri` is not one the cooperative registered (an exact redirect URI, or an origin for
   * `web_message`); `NOT_A_MEMBER`; `ACCOUNT_EXISTS` when an account was opened there meanwhile
   * (prepare again); `USERNAME_TAKEN` when every attempt hit a taken name; the card's own errors
   * (`DECRYPTION_FAILED`, …).
   */
  share(input: ShareInput): Promise<TicketIssued>;
  /** The member's grants, newest first, revoked ones included (`revoked_at`), with field names. */
  list(): Promise<Grant[]>;
  /** Withdraws a grant: the server deletes the ciphertext and the cooperative's tokens stop. */
  revoke(coopname: string): Promise<void>;
  /**
   * The member declined on the consent screen: the server records `grant.refused` in their
   * history and nothing else (prepare made nothing to undo).
   *
   * @example
   * ```ts
   * await member.access.refuse('voskhod');
   * ```
   * @throws CardCoopError `NOT_FOUND` for an unknown or suspended cooperative.
   */
  refuse(coopname: string): Promise<void>;
}

/** Internal: the access API over a member session and its card API. */
export function createAccessClient(
  session: MemberSessionManager,
  card: CardClient & CardClientInternals,
): AccessClient {
  return {
    prepare: async (coopname, options = {}) => {
      const prepared = parseResponse(
        preparedShareSchema,
        await session.request(`${ACCESS_PATH}/prepare-share-data`, {
          method: 'POST',
          body: { coopname },
        }),
        'access/prepare-share-data',
      );
      const { verifyCooperativeKey } = await import('../card/share-key.js');
      return { prepared, key: verifyCooperativeKey(prepared, options) };
    },
    share: async (input) => {
      const { prepared } = input;
      const requested = new Set(prepared.requested_fields);
      const refused = input.fields.filter((field) => !requested.has(field));
      if (input.fields.length === 0 || refused.length > 0) {
        throw new CardCoopError(
          'VALIDATION_FAILED',
          refused.length > 0
            ? `Not requested by the cooperative: ${refused.join(', ')}.`
            : 'No field to share.',
          { status: 0 },
        );
      }
      // K1 and HPKE load with the first share, not with the app's first page.
      const [{ verifyCooperativeKey }, { sealSignedShare }] = await Promise.all([
        import('../card/share-key.js'),
        import('../crypto/signed-share.js'),
      ]);
      const key = verifyCooperativeKey(
        prepared,
        input.expectedAccountKey === undefined
          ? {}
          : { expectedAccountKey: input.expectedAccountKey },
      );
      const { data } = await card.get();
      const fields: Record<string, unknown> = {};
      for (const field of new Set(input.fields)) {
        if (Object.hasOwn(data, field)) fields[field] = Reflect.get(data, field);
      }
      const shared = Object.keys(fields);
      if (shared.length === 0) {
        throw new CardCoopError('VALIDATION_FAILED', 'None of these fields is on the card.', {
          status: 0,
        });
      }
      const signedAt = (input.signedAt ?? new Date()).toISOString();
      /** Signs and seals the fields as `username`'s and sends them (with the account it opens). */
      const send = async (username: string, privateKey: string, newAccount?: NewAccount) => {
        const payload: SharePayload = {
          coopname: prepared.coopname,
          username,
          fields,
          signed_at: signedAt,
        };
        const envelope = await sealSignedShare({
          payload,
          privateKeyWif: privateKey,
          recipient: { publicKey: key.publicKey, kid: key.kid },
        });
        return parseResponse(
          ticketIssuedSchema,
          await session.request(`${ACCESS_PATH}/share-data`, {
            method: 'POST',
            body: {
              coopname: prepared.coopname,
              response_mode: input.responseMode ?? 'query',
              redirect_uri: input.redirectUri,
              state: input.state,
              code_challenge: input.codeChallenge,
              code_challenge_method: 'S256',
              envelope,
              fields: shared,
              ...(newAccount ? { new_account: newAccount } : {}),
              ...(input.prompt ? { prompt: input.prompt } : {}),
            },
          }),
          'access/share-data',
        );
      };
      if (prepared.username === null) {
        // No account there yet: it is made here and opened by this very share (a taken username
        // is retried with a new one, the data sealed again for it).
        return card.withNewAccount(prepared.coopname, ({ account, privateKey }) =>
          send(account.username, privateKey, account),
        );
      }
      const account = (await card.listAccounts()).find(
        (a) => a.coopname === prepared.coopname && a.username === prepared.username && !a.closedAt,
      );
      if (!account) {
        throw new CardCoopError('NOT_FOUND', 'No such account in this cooperative.', {
          status: 0,
        });
      }
      return send(account.username, await account.privateKey());
    },
    list: async () =>
      parseResponse(grantListSchema, await session.request(`${ACCESS_PATH}/list`), 'access/list')
        .grants,
    refuse: async (coopname) => {
      await session.request(`${ACCESS_PATH}/refuse-share`, {
        method: 'POST',
        body: { coopname },
      });
    },
    revoke: async (coopname) => {
      await session.request(`${ACCESS_PATH}/${encodeURIComponent(coopname)}`, {
        method: 'DELETE',
      });
    },
  };
}

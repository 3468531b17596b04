import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';
import type { DataKeyCertificate, ShareEnvelope, SymmetricEnvelope } from '@cardcoop/contracts';

/**
 * A consumer cooperative registered to receive members' data. `coopname` is its Antelope
 * account; the client secret is kept only as a SHA-256 hash (it is 256 random bits).
 */
export const cooperatives = pgTable('cooperatives', {
  coopname: text('coopname').primaryKey(),
  displayName: text('display_name').notNull(),
  /** The full legal name the consent screen names (152-ФЗ); null: the display name. */
  legalName: text('legal_name'),
  /** The purpose the consent screen states; null: a membership application (the default). */
  consentPurpose: text('consent_purpose'),
  /** The certified X25519 data key: `{kid, public_key, certificate}`; null until the coop sets one. */
  dataKey: jsonb('data_key').$type<{ certificate: DataKeyCertificate }>(),
  /** Card fields the cooperative asks members to share (shown on the consent screen). */
  requestedFields: text('requested_fields')
    .array()
    .notNull()
    .default(['last_name', 'first_name', 'middle_name', 'birthdate', 'phone', 'email']),
  /**
   * Why the cooperative asks for each requested field, shown to members under it on the consent
   * screen (`{field: reason}`); a field without an entry shows no reason.
   */
  fieldReasons: jsonb('field_reasons').$type<Record<string, string>>().notNull().default({}),
  /** A short description and the cooperative's site, shown on the consent screen; null: none. */
  description: text('description'),
  siteUrl: text('site_url'),
  origins: text('origins').array().notNull().default([]),
  redirectUris: text('redirect_uris').array().notNull().default([]),
  /**
   * Where "Open" on a member's account leads (ADR 018): a page on one of `origins` that starts a
   * connect request with `prompt=none`. Null: no quick entry.
   */
  entryUrl: text('entry_url'),
  clientSecretHash: text('client_secret_hash').notNull(),
  /** When the current client secret was issued by a rotation (null: the one made at sign-up). */
  clientSecretRotatedAt: timestamp('client_secret_rotated_at', { withTimezone: true }),
  /**
   * The secret replaced by the last rotation, still accepted (with the tokens issued under it)
   * until `previous_client_secret_valid_until` — the grace period the staff chose.
   */
  previousClientSecretHash: text('previous_client_secret_hash'),
  previousClientSecretValidUntil: timestamp('previous_client_secret_valid_until', {
    withTimezone: true,
  }),
  level: text('level', { enum: ['basic', 'extended'] })
    .notNull()
    .default('basic'),
  status: text('status', { enum: ['active', 'suspended'] })
    .notNull()
    .default('active'),
  /**
   * Who may share with it: `members` — confirmed members only; `open` — also applicants whose
   * account is not confirmed yet (the cooperative admits them after reading their data).
   */
  admission: text('admission', { enum: ['members', 'open'] })
    .notNull()
    .default('members'),
  /**
   * When ownership of the on-chain account was proven (a K1 signature from its `active`/`owner`
   * permission) or the platform admin approved the claim; null: an unverified integration that
   * works only against test redirect URIs (`localhost`).
   */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedVia: text('verified_via', { enum: ['chain', 'admin'] }),
  /** Bumped by every settings change, so two admins never silently overwrite each other. */
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A member's account in one cooperative: on-chain username, public key, encrypted private key.
 * At most one open account per member and cooperative; a closed one stays (its username is
 * never given to anyone again) and the member may open a new one.
 */
export const cardAccounts = pgTable(
  'card_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Null once the member's card.coop account is deleted: the row stays, closed, so the
     * username is never reused and the cooperative still learns it closed. Its private key is
     * then unreadable for good (sealed under a user key that no longer exists anywhere).
     */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    username: text('username').notNull().unique(),
    publicKey: text('public_key').notNull(),
    /** The K1 private key (WIF) in an envelope under the member's user key. */
    encryptedPrivateKey: jsonb('encrypted_private_key').$type<SymmetricEnvelope>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * When the member closed it (null: open). Milliseconds, so the cooperative API's cursor (a
     * JavaScript date) names a row exactly.
     */
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
  },
  (table) => [
    uniqueIndex('card_accounts_user_coop_open')
      .on(table.userId, table.coopname)
      .where(sql`${table.closedAt} is null`),
    index('card_accounts_coop_idx').on(table.coopname),
    // A member's accounts, closed ones included (the accounts list, the member's home).
    index('card_accounts_user_idx').on(table.userId),
    // The cooperative API lists a cooperative's closed accounts in (closed_at, username) order.
    index('card_accounts_closed_idx')
      .on(table.coopname, table.closedAt, table.username)
      .where(sql`${table.closedAt} is not null`),
  ],
);

/**
 * Memberships confirmed by a cooperative itself (the built-in membership provider); the chain
 * provider reads the cooperative's `soviet/participants` table instead.
 */
export const memberships = pgTable(
  'memberships',
  {
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    username: text('username').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('memberships_coop_user').on(table.coopname, table.username)],
);

/**
 * What a member shared with a cooperative: an HPKE envelope only the cooperative can open, one
 * live grant per (username, coopname). `generation` invalidates every cooperative token issued
 * for it when bumped (revocation, a replayed ticket).
 */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    username: text('username').notNull(),
    envelope: jsonb('envelope').$type<ShareEnvelope>(),
    generation: integer('generation').notNull().default(1),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the cooperative last fetched the ciphertext, and how many times in all. */
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
    readCount: integer('read_count').notNull().default(0),
    /** When the member was last told of the cooperative's reads (at most once a day). */
    readNoticedAt: timestamp('read_noticed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The card field names shared (never values); empty for grants made before they were kept. */
    fields: text('fields').array().notNull().default([]),
  },
  // Migration 0003 sets fillfactor 70: room for the read counter's updates on the same page.
  (table) => [
    unique('grants_username_coop').on(table.username, table.coopname),
    // A member's grants (the access page, the member's home).
    index('grants_user_idx').on(table.userId),
    // A cooperative's grants by username (the business panel's members list, live grants).
    index('grants_coop_username_idx').on(table.coopname, table.username),
  ],
);

/**
 * How far the read notices have read the audit log (`ReadNotices`): the id of the last
 * `grant.read` event they took. One row, locked by the sweep that moves it.
 */
export const readNoticeProgress = pgTable(
  'read_notice_progress',
  {
    only: boolean('only').primaryKey().default(true),
    afterEventId: bigint('after_event_id', { mode: 'number' }).notNull(),
  },
  (table) => [check('read_notice_progress_one_row', sql`${table.only}`)],
);

/** Single-use tickets (an OAuth 2 authorization code in all but name); only a hash is kept. */
export const tickets = pgTable('tickets', {
  hash: text('hash').primaryKey(),
  grantId: uuid('grant_id')
    .notNull()
    .references(() => grants.id, { onDelete: 'cascade' }),
  coopname: text('coopname').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  codeChallenge: text('code_challenge').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
});

/**
 * The shares "Test connection" makes (business panel): synthetic test data of the reserved test
 * member, sealed to the cooperative's data key, with the ticket the cooperative's own callback
 * exchanges. Kept apart from `grants` so a test never counts as a member, a consent or a read;
 * a run's row records how far the cooperative's server got (exchanged, read).
 */
export const testShares = pgTable(
  'test_shares',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    ticketHash: text('ticket_hash').notNull().unique(),
    redirectUri: text('redirect_uri').notNull(),
    codeChallenge: text('code_challenge').notNull(),
    envelope: jsonb('envelope').$type<ShareEnvelope>().notNull(),
    /** The test member's one-off K1 key that signed the data. */
    memberPublicKey: text('member_public_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    exchangedAt: timestamp('exchanged_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Set when its ticket was replayed: the token it gave reads nothing any more. */
    burnedAt: timestamp('burned_at', { withTimezone: true }),
  },
  (table) => [index('test_shares_coop_idx').on(table.coopname, table.createdAt)],
);

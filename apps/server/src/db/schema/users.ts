import { bigint, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Ksf, SymmetricEnvelope } from '@cardcoop/contracts';

/**
 * A member of card.coop. The server holds no password, no password-equivalent and no key: only
 * the OPAQUE registration record and the user key wrapped by keys only the member can derive.
 * The e-mail is kept as an HMAC lookup plus a sealed copy.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  emailLookup: text('email_lookup').notNull().unique(),
  emailSealed: text('email_sealed').notNull(),
  opaqueRecord: text('opaque_record').notNull(),
  opaqueSetupVersion: integer('opaque_setup_version').notNull(),
  ksf: jsonb('ksf').$type<Ksf>().notNull(),
  wrappedUserKey: jsonb('wrapped_user_key').$type<SymmetricEnvelope>().notNull(),
  recoveryWrappedUserKey: jsonb('recovery_wrapped_user_key').$type<SymmetricEnvelope>().notNull(),
  recoveryAuthHash: text('recovery_auth_hash').notNull(),
  keyVersion: integer('key_version').notNull().default(1),
  /** Bumped by every credential change: the compare-and-swap guard of password change. */
  credentialsVersion: integer('credentials_version').notNull().default(1),
  /** TOTP secret sealed under its own server key (AAD = user id), once confirmed. */
  totpSecretSealed: text('totp_secret_sealed'),
  /** A secret being set up, until the first code confirms it. */
  totpPendingSealed: text('totp_pending_sealed'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** Replay guard: the last accepted time step; a code is accepted only for a later one. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  totpFailures: integer('totp_failures').notNull().default(0),
  totpLockedUntil: timestamp('totp_locked_until', { withTimezone: true }),
  /** Hash of the link mailed when 2FA was turned on: the owner may undo it until `totpRevertUntil`. */
  totpRevertHash: text('totp_revert_hash'),
  totpRevertUntil: timestamp('totp_revert_until', { withTimezone: true }),
  /**
   * When the member confirmed holding the current Recovery Kit; null while a kit was issued and
   * not confirmed (then every unlock asks to save a new one).
   */
  recoveryKitConfirmedAt: timestamp('recovery_kit_confirmed_at', { withTimezone: true }),
  /** Set while a "lost everything" deletion waits out its 72 hours. */
  deletionDueAt: timestamp('deletion_due_at', { withTimezone: true }),
  /**
   * Set while a platform admin has locked the account: every session was ended and sign-in is
   * refused (after the password is proven, so only the owner learns it) until unlocked.
   */
  lockedAt: timestamp('locked_at', { withTimezone: true }),
  /** Recovery and deletion are refused for 7 days after an e-mail change (revert window). */
  emailChangedAt: timestamp('email_changed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

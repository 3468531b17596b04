import { sql } from 'drizzle-orm';
import {
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';
import { users } from './users.js';

/** Roles a member holds in a cooperative's business panel (ADR 019). */
export const COOPERATIVE_ROLES = ['owner', 'admin', 'viewer'] as const;
export type CooperativeRole = (typeof COOPERATIVE_ROLES)[number];
/** Roles a member holds on the platform itself (`/admin`). */
export const PLATFORM_ROLES = ['operator_reviewer', 'platform_admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/**
 * Who runs a cooperative's integration: card.coop members with a role in it. A cooperative with
 * an owner always keeps one (the last owner cannot leave or be demoted).
 */
export const cooperativeStaff = pgTable(
  'cooperative_staff',
  {
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: COOPERATIVE_ROLES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.coopname, table.userId] }),
    // The cooperatives a member works for (the business panel's picker).
    index('cooperative_staff_user_idx').on(table.userId),
  ],
);

/** Members who work for the platform: the payment-system operator's reviewers, platform admins. */
export const platformStaff = pgTable('platform_staff', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  role: text('role', { enum: PLATFORM_ROLES }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An invitation to a cooperative's staff: a single-use link (only its SHA-256 kept) mailed to an
 * address the server knows only by its HMAC lookup; accepting binds the signed-in member.
 */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    emailLookup: text('email_lookup').notNull(),
    /**
     * The address sealed under the server's e-mail key (AAD `staff-invitation:<coopname>`): what
     * the mail is sent to, and what managers see masked in the pending list.
     */
    emailSealed: text('email_sealed').notNull(),
    role: text('role', { enum: COOPERATIVE_ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('staff_invitations_coop_idx').on(table.coopname, table.createdAt),
    // One open invitation per address and cooperative: inviting again replaces it.
    uniqueIndex('staff_invitations_open_idx')
      .on(table.coopname, table.emailLookup)
      .where(sql`${table.acceptedAt} is null and ${table.revokedAt} is null`),
  ],
);

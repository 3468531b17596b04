import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** A signed-in device. The source of truth for revocation, checked on every request. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deviceName: text('device_name'),
    ipSealed: text('ip_sealed'),
    amr: text('amr').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** The last second factor proven in this session (step-up for secrets and money: ADR 019). */
    steppedUpAt: timestamp('stepped_up_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (table) => [
    index('sessions_user_idx').on(table.userId),
    // When it ended (revoked or expired; `least` skips a null): the retention task's order.
    index('sessions_ended_idx').on(sql`least(${table.revokedAt}, ${table.expiresAt})`),
  ],
);

/**
 * Refresh tokens, stored as SHA-256. Each use spends one and issues the next; a spent token
 * presented again after the grace window revokes its session (token theft).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    hash: text('hash').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    spentAt: timestamp('spent_at', { withTimezone: true }),
    /**
     * The token that replaced this one, sealed, kept through the grace window: a client that
     * lost the answer (or a second tab) gets the same successor again, never a second branch.
     */
    successorSealed: text('successor_sealed'),
  },
  (table) => [index('refresh_tokens_session_idx').on(table.sessionId)],
);

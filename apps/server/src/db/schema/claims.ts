import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';
import { users } from './users.js';

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;

/**
 * A member's request that the platform admin confirm they own a cooperative (the path without a
 * chain). At most one pending per cooperative; a chain proof supersedes a pending one.
 */
export const cooperativeClaims = pgTable(
  'cooperative_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('pending'),
    /** Why it was rejected or superseded; mailed to the claimant. */
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('cooperative_claims_pending')
      .on(table.coopname)
      .where(sql`${table.status} = 'pending'`),
    // The platform admin's queue: one status, oldest first.
    index('cooperative_claims_status_idx').on(table.status, table.requestedAt),
  ],
);

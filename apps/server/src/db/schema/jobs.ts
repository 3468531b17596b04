import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Durable background work (the outbox): written in the transaction of the request that caused
 * it, run after the answer by whichever node claims it first (`FOR UPDATE SKIP LOCKED`).
 * The payload is sealed: mail jobs carry addresses and codes. A job may have a `key`
 * ("meeting:<id>:24h"): at most one job per key waits (or runs) at a time, so nodes scheduling
 * the same reminder make one job, and the key is how it is moved or cancelled.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    key: text('key'),
    payloadSealed: text('payload_sealed').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    /** A claim: another node may take the job over once this has passed (its runner died). */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** Set when the job ran out of attempts; kept for an operator to look at. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('jobs_due_idx')
      .on(table.runAt)
      .where(sql`failed_at is null`),
    uniqueIndex('jobs_pending_key_idx')
      .on(table.key)
      .where(sql`failed_at is null`),
  ],
);

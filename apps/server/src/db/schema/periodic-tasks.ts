import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Named periodic tasks (the deletion sweep, audit checkpoints…): a node claims a due task with
 * `FOR UPDATE SKIP LOCKED`, so each period runs on one node; `next_run_at` outlives restarts and
 * a dead runner's claim (`locked_until`) expires.
 */
export const periodicTasks = pgTable('periodic_tasks', {
  name: text('name').primaryKey(),
  intervalMs: integer('interval_ms').notNull(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  /** Another node may run the task once this has passed (its runner died or is still at it). */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  /** The last run's error; null after a run that succeeded. */
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
  failures: integer('failures').notNull().default(0),
});

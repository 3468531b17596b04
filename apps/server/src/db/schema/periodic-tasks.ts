import { bigint, boolean, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

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

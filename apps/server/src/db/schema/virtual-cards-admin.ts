import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';

/** One difference a reconciliation found: whose balance, ours and the provider's (minor units). */
export interface ReconciliationDifference {
  /** `card`, `master` or `pending` (an operation pending too long). */
  kind: 'card' | 'master' | 'pending';
  card_id: string | null;
  last4: string | null;
  operation_id: string | null;
  currency: string;
  ours: number;
  theirs: number | null;
  delta: number;
}

export interface ReconciliationSummary {
  cards_checked: number;
  pending_operations: number;
  /** `ok`, or the provider could not be asked (`provider_unavailable`). */
  outcome: 'ok' | 'provider_unavailable';
}

/**
 * The operator's reconciliations of the ledger with Aifory (ADR 021): each card's balance, the
 * master account, operations pending too long. Kept as a report: summary and differences.
 */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `job` (hourly) or `admin` (the button; `actor` says who). */
    trigger: text('trigger', { enum: ['job', 'admin'] }).notNull(),
    actor: text('actor'),
    differenceCount: integer('difference_count').notNull(),
    summary: jsonb('summary').$type<ReconciliationSummary>().notNull(),
    differences: jsonb('differences').$type<ReconciliationDifference[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('reconciliation_runs_created_idx').on(table.createdAt)],
);

/** A cooperative's monthly virtual-card report sent (once per cooperative and month). */
export const virtualCardMonthlyReports = pgTable(
  'virtual_card_monthly_reports',
  {
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.coopname, table.month] })],
);

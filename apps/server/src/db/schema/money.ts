import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  char,
  check,
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
import { users } from './users.js';

/**
 * Money (ADR 021). Amounts are signed integer minor units in PostgreSQL `bigint`, read into JS
 * `number`s (mode 'number'): the ledger module refuses anything beyond Number.MAX_SAFE_INTEGER.
 */

/**
 * One provider call that moves money; `id` is the `request_id` sent to the provider, so a retry
 * is deduplicated there. `pending` → `confirmed` | `failed`, exactly once.
 */
export const moneyOperations = pgTable(
  'money_operations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'card_issue' | 'card_topup' | … */
    kind: text('kind').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'failed'] })
      .notNull()
      .default('pending'),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The virtual card (ours); unknown until an issue is confirmed. */
    cardId: uuid('card_id'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    fee: bigint('fee', { mode: 'number' }).notNull().default(0),
    currency: char('currency', { length: 3 }).notNull(),
    providerRef: text('provider_ref'),
    failure: text('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    /** How many times the settlement job asked the provider. */
    attempts: integer('attempts').notNull().default(0),
  },
  (table) => [
    index('money_operations_pending_idx')
      .on(table.createdAt)
      .where(sql`${table.status} = 'pending'`),
    index('money_operations_card_idx').on(table.cardId, table.createdAt),
    // A cooperative's pending reservations (its funds overview).
    index('money_operations_coop_pending_idx')
      .on(table.coopname)
      .where(sql`${table.status} = 'pending'`),
    check('money_operations_amounts', sql`${table.amount} >= 0 and ${table.fee} >= 0`),
    check('money_operations_currency', sql`${table.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** One money movement; its entries sum to zero per currency (a deferred trigger checks it). */
export const ledgerPostings = pgTable(
  'ledger_postings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    operationId: uuid('operation_id').references(() => moneyOperations.id),
    /**
     * What outside event it records, once (e.g. `aifory:transaction:<id>`): a webhook that comes
     * twice posts once.
     */
    ref: text('ref').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('ledger_postings_operation_idx').on(table.operationId)],
);

/** Immutable: never updated or deleted (a trigger refuses it); a mistake gets another posting. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postingId: uuid('posting_id')
      .notNull()
      .references(() => ledgerPostings.id),
    account: text('account').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Pattern ops: also serves `account like 'coop:<name>:%'` (balances by prefix) whatever the
    // database's collation, besides the equality of one account's balance.
    index('ledger_entries_account_idx').on(table.account.op('text_pattern_ops'), table.currency),
    index('ledger_entries_posting_idx').on(table.postingId),
    check('ledger_entries_nonzero', sql`${table.amount} <> 0`),
    check('ledger_entries_currency', sql`${table.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export interface StoredIdempotentResponse {
  /** What the handler answered, or the client error it threw (replayed in the caller's locale). */
  kind: 'ok' | 'error';
  body?: unknown;
  code?: string;
  params?: Record<string, string | number>;
  headers?: Record<string, string>;
  details?: unknown;
}

/** Idempotency-Key of a money-moving request: the first answer is replayed for a retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key (e.g. a user id); keys of different scopes never collide. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status', { enum: ['in_progress', 'done'] })
      .notNull()
      .default('in_progress'),
    responseStatus: integer('response_status'),
    response: jsonb('response').$type<StoredIdempotentResponse>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.key] }),
    // The retention task deletes keys by age.
    index('idempotency_keys_created_idx').on(table.createdAt),
  ],
);

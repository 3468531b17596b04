import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';
import { users } from './users.js';

/**
 * Aifory virtual cards (ADR 021): what card.coop keeps of one — the provider's id, the last 4
 * digits, its status and limits, whose it is. Never the number, the CVV or the expiry.
 */
export const virtualCards = pgTable(
  'virtual_cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerCardId: text('provider_card_id').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The cooperative whose funds it is issued and topped up from. */
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    /** The member's account in that cooperative. */
    username: text('username').notNull(),
    last4: char('last4', { length: 4 }).notNull(),
    status: text('status', { enum: ['active', 'frozen', 'closed'] })
      .notNull()
      .default('active'),
    currency: char('currency', { length: 3 }).notNull(),
    limitPerTransaction: bigint('limit_per_transaction', { mode: 'number' }),
    limitDaily: bigint('limit_daily', { mode: 'number' }),
    limitMonthly: bigint('limit_monthly', { mode: 'number' }),
    revision: integer('revision').notNull().default(1),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('virtual_cards_user_idx').on(table.userId, table.issuedAt),
    index('virtual_cards_coop_idx').on(table.coopname, table.issuedAt),
    check('virtual_cards_last4', sql`${table.last4} ~ '^[0-9]{4}$'`),
  ],
);

/**
 * A cooperative's conditions for virtual cards, set by its owners within what the operator
 * allows: whether members may issue, how many cards each, top-up bounds and default limits.
 */
export const virtualCardConditions = pgTable('virtual_card_conditions', {
  coopname: text('coopname')
    .primaryKey()
    .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
  issuing: boolean('issuing').notNull().default(false),
  maxCardsPerMember: integer('max_cards_per_member').notNull().default(1),
  /** Top-ups of one card per calendar month, minor units; null: no cap. */
  monthlyTopUpCap: bigint('monthly_top_up_cap', { mode: 'number' }),
  /** The operator's low-funds warning threshold for the cooperative's funds. */
  lowFundsThreshold: bigint('low_funds_threshold', { mode: 'number' }),
  defaultLimitPerTransaction: bigint('default_limit_per_transaction', { mode: 'number' }),
  defaultLimitDaily: bigint('default_limit_daily', { mode: 'number' }),
  defaultLimitMonthly: bigint('default_limit_monthly', { mode: 'number' }),
  revision: integer('revision').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Provider webhooks applied, by their event id: a duplicate is answered and ignored. */
export const providerWebhookEvents = pgTable('provider_webhook_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A virtual card's transactions as the provider reported them (webhooks, reconciliation):
 * purchases, refunds, deposits, fees, approved or declined. What the member's history, the
 * notifications and the reports read.
 */
export const cardTransactions = pgTable(
  'card_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerTransactionId: text('provider_transaction_id').notNull().unique(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => virtualCards.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ['purchase', 'refund', 'deposit', 'fee'] }).notNull(),
    status: text('status', { enum: ['approved', 'declined', 'reversed'] }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    merchant: text('merchant'),
    declineReason: text('decline_reason'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('card_transactions_card_idx').on(table.cardId, table.occurredAt, table.id),
    check('card_transactions_amount', sql`${table.amount} >= 0`),
  ],
);

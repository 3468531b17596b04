import {
  bigint,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';
import type { PaymentDetails } from '@cardcoop/contracts';

/** The bank details a cooperative takes contributions to: the payment QR code is made of them. */
export const paymentDetails = pgTable('payment_details', {
  coopname: text('coopname')
    .primaryKey()
    .references(() => cooperatives.coopname),
  details: jsonb('details').$type<PaymentDetails>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A cooperative asks the member of one of its accounts to pay a contribution. `external_id` is
 * the cooperative's own id of the request and `payment_id` its id of the payment that settled it
 * (each unique within the cooperative: confirming is idempotent by it). Amounts in kopecks.
 */
export const paymentRequests = pgTable(
  'payment_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    externalId: text('external_id').notNull(),
    username: text('username').notNull(),
    kind: text('kind', { enum: ['share_contribution', 'membership_fee', 'other'] }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    purpose: text('purpose').notNull(),
    status: text('status', { enum: ['requested', 'paid', 'cancelled'] })
      .notNull()
      .default('requested'),
    paymentId: text('payment_id'),
    paidAt: timestamp('paid_at', { withTimezone: true, precision: 3 }),
    /** Milliseconds, so the lists' cursors (JavaScript dates) name a row exactly. */
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    unique('payment_requests_coop_external').on(table.coopname, table.externalId),
    unique('payment_requests_coop_payment').on(table.coopname, table.paymentId),
    // The cooperative's list and the member's list, both in (created_at, id) order.
    index('payment_requests_coop_created_idx').on(table.coopname, table.createdAt, table.id),
    index('payment_requests_user_created_idx').on(table.username, table.createdAt, table.id),
  ],
);

import { jsonb, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';
import type { FundBalance } from '@cardcoop/contracts';

/**
 * A member's balances in one cooperative, as the cooperative last pushed them: the whole set of
 * funds replaced at once (the pushed `BalanceProvider`). Keyed by the account's username.
 */
export const balances = pgTable(
  'balances',
  {
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    username: text('username').notNull(),
    funds: jsonb('funds').$type<FundBalance[]>().notNull(),
    /** When the cooperative's figures were true (its clock). */
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('balances_coop_user').on(table.coopname, table.username)],
);

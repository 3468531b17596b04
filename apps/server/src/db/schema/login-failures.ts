import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Password rounds started without success, per (address, client): the login lockout. Kept in
 * PostgreSQL so a cache restart cannot reset brute-force protection, and keyed by client so a
 * stranger's guesses lock only the stranger out. Rows exist for unknown addresses too (the work
 * and the answers are the same whether or not an account exists).
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    /** HMAC lookup of the normalized address. */
    emailLookup: text('email_lookup').notNull(),
    /** `device:<id>` for a device that signed in before, `ip:<HMAC of the IP>` otherwise. */
    client: text('client').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.emailLookup, table.client] })],
);
